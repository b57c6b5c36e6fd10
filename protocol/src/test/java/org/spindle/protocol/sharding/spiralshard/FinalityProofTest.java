package org.spindle.protocol.sharding.spiralshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.GROUPS;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.MEMBERSHIP;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.VERIFIER;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.block;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Validity;

class FinalityProofTest {
    private final BlockHeader a0 = block(0, 0, Hash.ZERO, null, 1);
    private final BlockHeader a1 = block(0, 1, a0.hash(), null, 1);
    private final BlockHeader e1 = block(1, 0, Hash.ZERO, a1, 1);
    private final BlockHeader e2 = block(2, 0, Hash.ZERO, e1, 1);

    private static String reason(Validity v) {
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        return ((Validity.Invalid) v).reason();
    }

    @Test
    void aBlockAndItsAncestorsAreProvedFinalByTheGroupsEndorsements() {
        FinalityProof p = new FinalityProof(List.of(a0, a1), List.of(e1, e2));
        assertThat(p.verify(MEMBERSHIP, GROUPS, VERIFIER).isValid()).isTrue();
        assertThat(p.target()).isEqualTo(a0);
        Encoder e = new Encoder(4096);
        p.encode(e);
        assertThat(e.toBytes().size()).isEqualTo(p.encodedSize());
        assertThat(FinalityProof.read(new Decoder(e.toBytes()))).isEqualTo(p);
    }

    @Test
    void aProofWithABrokenHeaderChainIsRejected() {
        BlockHeader stranger = block(0, 1, Hash.ZERO, null, 7);
        FinalityProof p = new FinalityProof(List.of(a0, stranger), List.of(e1, e2));
        assertThat(reason(p.verify(MEMBERSHIP, GROUPS, VERIFIER))).contains("header chain is broken");
    }

    @Test
    void aProofMissingAShardOfTheGroupIsRejected() {
        assertThat(reason(new FinalityProof(List.of(a1), List.of(e1)).verify(MEMBERSHIP, GROUPS, VERIFIER)))
                .contains("needs 2 endorsing headers");
        assertThat(reason(new FinalityProof(List.of(a1), List.of(e2, e1)).verify(MEMBERSHIP, GROUPS, VERIFIER)))
                .contains("comes next in ring order");
    }

    @Test
    void aProofWhoseEndorserEndorsesAnotherBlockIsRejected() {
        BlockHeader e1Other = block(1, 0, Hash.ZERO, a0, 2);
        BlockHeader e2Other = block(2, 0, Hash.ZERO, e1Other, 2);
        assertThat(reason(new FinalityProof(List.of(a1), List.of(e1Other, e2Other)).verify(MEMBERSHIP, GROUPS,
                VERIFIER))).contains("does not endorse the block before it");
    }

    @Test
    void aProofWithAForgedEndorserCertificateIsRejected() {
        BlockHeader forged = LceFixture.certify(e2.withCertificate(org.spindle.core.bytes.Bytes.EMPTY), true);
        assertThat(reason(new FinalityProof(List.of(a1), List.of(e1, forged)).verify(MEMBERSHIP, GROUPS, VERIFIER)))
                .contains("bad signature");
    }
}

package org.spindle.protocol.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.TestContext;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

class BftSignaturesTest {
    private static final List<NodeId> MEMBERS = IntStream.range(0, 4).mapToObj(NodeId::of).toList();
    private final Block block = BftNodeTest.block(0, Hash.ZERO, 1, true);
    private final List<NodeId> checkedSigners = new ArrayList<>();

    /** The test signatures, recording whose signature each check was for. */
    private final Crypto crypto = new Crypto() {
        private final Crypto real = TestContext.cryptoOf(NodeId.of(0));

        @Override
        public Bytes sign(Bytes message) {
            return real.sign(message);
        }

        @Override
        public boolean verify(NodeId signer, Bytes message, Bytes signature) {
            checkedSigners.add(signer);
            return real.verify(signer, message, signature);
        }

        @Override
        public Hash hash(Bytes data) {
            return real.hash(data);
        }

        @Override
        public int signatureSize() {
            return real.signatureSize();
        }
    };

    private boolean verify(BftMessage m) {
        return BftSignatures.verify(m, MEMBERS, 3, crypto);
    }

    private Proposal justified(QuorumCertificate justify) {
        Proposal p = new Proposal(0, 1, block, Optional.of(justify), 0, NodeId.of(1), Bytes.EMPTY);
        return new Proposal(0, 1, block, Optional.of(justify), 0, NodeId.of(1),
                TestContext.signAs(NodeId.of(1), p.signedBytes()));
    }

    @Test
    void everySignatureAMessageCarriesIsChecked() {
        QuorumCertificate prepare = BftNodeTest.certificate(VoteKind.PREPARE, 0, 0, block.hash(), 0, 2, 3);
        assertThat(verify(justified(prepare))).isTrue();
        assertThat(checkedSigners).containsExactly(NodeId.of(1), NodeId.of(0), NodeId.of(2), NodeId.of(3));

        checkedSigners.clear();
        assertThat(verify(BftNodeTest.vote(VoteKind.COMMIT, 0, 0, block.hash(), NodeId.of(2)))).isTrue();
        assertThat(verify(BftNodeTest.viewChange(3, 0, 2))).isTrue();
        assertThat(verify(new Decided(block, BftNodeTest.certificate(VoteKind.COMMIT, 0, 0, block.hash(), 1, 2, 3))))
                .isTrue();
        assertThat(checkedSigners).containsExactly(NodeId.of(2), NodeId.of(3), NodeId.of(1), NodeId.of(2),
                NodeId.of(3));

        checkedSigners.clear();
        assertThat(verify(new SyncRequest(4))).isTrue();
        assertThat(checkedSigners).isEmpty();
    }

    @Test
    void aForgedSignatureAnywhereInAMessageFailsIt() {
        Hash other = BftNodeTest.block(0, Hash.ZERO, 2, true).hash();
        Vote stolen = BftNodeTest.vote(VoteKind.PREPARE, 0, 0, block.hash(), NodeId.of(2));
        assertThat(verify(new Vote(VoteKind.PREPARE, 0, 0, block.hash(), NodeId.of(3), stolen.signature()))).isFalse();
        assertThat(verify(new Vote(VoteKind.PREPARE, 0, 0, other, NodeId.of(2), stolen.signature()))).isFalse();

        // A certificate whose votes are for another block does not vouch for this one.
        QuorumCertificate forOther = BftNodeTest.certificate(VoteKind.PREPARE, 0, 0, other, 0, 2, 3);
        QuorumCertificate relabelled = new QuorumCertificate(VoteKind.PREPARE, 0, 0, block.hash(), forOther.signers(),
                forOther.signatures());
        assertThat(verify(justified(relabelled))).isFalse();
        assertThat(verify(new Decided(block, new QuorumCertificate(VoteKind.COMMIT, 0, 0, block.hash(),
                forOther.signers(), forOther.signatures())))).isFalse();

        Proposal good = BftNodeTest.proposal(0, 1, block, NodeId.of(1));
        assertThat(verify(new Proposal(0, 1, block, Optional.empty(), 0, NodeId.of(2), good.signature()))).isFalse();
        ViewChange vc = BftNodeTest.viewChange(3, 0, 2);
        assertThat(verify(new ViewChange(0, 3, vc.sender(), Optional.empty(), Optional.empty(), vc.signature())))
                .isFalse();
    }
}

package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.runtime.NodeId;

class BeaconCodecTest {

    @Provide
    Arbitrary<BeaconMessage> messages() {
        Arbitrary<Long> epochs = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<NodeId> ids = Arbitraries.integers().between(0, Integer.MAX_VALUE).map(NodeId::of);
        Arbitrary<Bytes> sigs = Arbitraries.bytes().array(byte[].class).ofMaxSize(BeaconMessage.MAX_SIGNATURE).map(Bytes::of);
        Arbitrary<Hash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
        Arbitrary<RandomnessCommit> commit = Combinators.combine(epochs, ids, hashes, sigs).as(RandomnessCommit::new);
        Arbitrary<RandomnessReveal> reveal = Combinators.combine(epochs, ids, sigs).as(RandomnessReveal::new);
        return Arbitraries.oneOf(commit, reveal);
    }

    @Property(tries = 200)
    void everyBeaconMessageRoundTripsAndItsEncodedSizeIsExact(@ForAll("messages") BeaconMessage m) {
        Bytes encoded = BeaconMessage.CODEC.encode(m);
        assertThat(encoded.size()).isEqualTo(m.encodedSize());
        assertThat(BeaconMessage.CODEC.decode(encoded)).isEqualTo(m);
    }

    @Property(tries = 100)
    void everyTruncationOfABeaconMessageIsRejected(@ForAll("messages") BeaconMessage m) {
        Bytes encoded = BeaconMessage.CODEC.encode(m);
        for (int cut = 0; cut < encoded.size(); cut++) {
            Bytes prefix = encoded.slice(0, cut);
            assertThatThrownBy(() -> BeaconMessage.CODEC.decode(prefix)).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void unknownTagAndOversizedSignatureAreRejected() {
        assertThatThrownBy(() -> BeaconMessage.CODEC.decode(Bytes.of((byte) 9, (byte) 0)))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown message type tag 9");
        byte[] frame = new byte[1 + 1 + 1 + 1 + 2 + 200];
        frame[0] = BeaconMessage.TAG_REVEAL;
        frame[3] = (byte) 0xC8; // varint 200 = 0xC8 0x01
        frame[4] = 0x01;
        assertThatThrownBy(() -> BeaconMessage.CODEC.decode(Bytes.wrap(frame))).isInstanceOf(CodecException.class);
    }

    @Test
    void penaltyRecordsRoundTripAndBadKindsAreRejected() {
        PenaltyRecord r = new PenaltyRecord(PenaltyRecord.Kind.SLASHING, NodeId.of(12), 40, "withheld randomness reveal",
                Hash.wrap(new byte[32]), 500);
        Bytes encoded = PenaltyRecord.CODEC.encode(r);
        assertThat(PenaltyRecord.CODEC.decode(encoded)).isEqualTo(r);
        byte[] bad = encoded.toArray();
        bad[0] = 7;
        assertThatThrownBy(() -> PenaltyRecord.CODEC.decode(Bytes.wrap(bad)))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown penalty kind");
    }

    @Test
    void registrySnapshotsRoundTripThroughTheirCodec() {
        RegistrySnapshot s = RegistrySnapshot.genesis(TestKeys.validators(5));
        s = ((RegistryChange.Applied) s.expel(NodeId.of(2), 0, "faulty block", Hash.ZERO)).snapshot();
        s = ((RegistryChange.Applied) s.slash(NodeId.of(3), 10, 0, "silent twice", Hash.ZERO)).snapshot();
        Bytes encoded = RegistrySnapshot.CODEC.encode(s);
        assertThat(RegistrySnapshot.CODEC.decode(encoded)).isEqualTo(s);
        assertThat(RegistrySnapshot.CODEC.decode(encoded).hash()).isEqualTo(s.hash());
        assertThat(s.penalties()).hasSize(2);
    }

    @Test
    void registrySnapshotWithValidatorsOutOfOrderIsRejected() {
        var e = new org.spindle.core.codec.Encoder();
        e.varint(0);
        e.list(List.of(TestKeys.validator(2, 5), TestKeys.validator(1, 5)), Validator.CODEC::write);
        e.list(List.<PenaltyRecord>of(), PenaltyRecord.CODEC::write);
        assertThatThrownBy(() -> RegistrySnapshot.CODEC.decode(e.toBytes()))
                .isInstanceOf(CodecException.class).hasMessageContaining("ascending");
    }
}

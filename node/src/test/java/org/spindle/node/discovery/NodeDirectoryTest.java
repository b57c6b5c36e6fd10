package org.spindle.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.LocalNetwork;
import org.spindle.node.discovery.RecordVerdict.Reason;

class NodeDirectoryTest {
    private static final SignatureScheme.KeyPair KEY_0 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(0));
    private static final SignatureScheme.KeyPair KEY_1 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(1));

    private static NodeRecord record(SignatureScheme.KeyPair k, int index, int port, long seq) {
        return NodeRecord.signed(k, index, "127.0.0.1", port, List.of(0, 3), seq);
    }

    @Property(tries = 30)
    void aSignedRecordSurvivesItsCodecAndStillVerifies(@ForAll @IntRange(max = 100_000) int index,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll @LongRange(max = Long.MAX_VALUE) long seq,
            @ForAll @Size(max = 8) List<@IntRange(max = 1000) Integer> shards) {
        NodeRecord r = NodeRecord.signed(KEY_0, index, "node.example", port, shards.stream().distinct().toList(), seq);
        Encoder e = new Encoder();
        r.encode(e);
        Decoder d = new Decoder(e.toBytes());
        NodeRecord back = NodeRecord.read(d);
        d.end();
        assertThat(back).isEqualTo(r);
        assertThat(back.signatureValid()).isTrue();
    }

    @Test
    void aRecordWithAChangedPortNoLongerVerifies() {
        NodeRecord r = record(KEY_0, 0, 4000, 1);
        NodeRecord forged = new NodeRecord(0, r.publicKey(), r.host(), 4001, r.shards(), 1, r.signature());
        NodeDirectory dir = new NodeDirectory();
        assertThat(dir.offer(forged)).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(dir.size()).isZero();
    }

    @Test
    void aNewerSequenceReplacesTheRecordAndAnOlderOneIsStale() {
        NodeDirectory dir = new NodeDirectory();
        assertThat(dir.offer(record(KEY_0, 0, 4000, 5))).isInstanceOf(RecordVerdict.Accepted.class);
        assertThat(dir.offer(record(KEY_0, 0, 4001, 6))).isInstanceOf(RecordVerdict.Accepted.class);
        assertThat(dir.offer(record(KEY_0, 0, 4002, 4))).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.STALE_SEQUENCE));
        assertThat(dir.offer(record(KEY_0, 0, 4003, 6))).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.STALE_SEQUENCE));
        assertThat(dir.offer(record(KEY_0, 0, 4001, 6))).isInstanceOf(RecordVerdict.Unchanged.class);
        assertThat(dir.get(record(KEY_0, 0, 1, 1).id()).orElseThrow().port()).isEqualTo(4001);
    }

    @Test
    void theHeldRecordWithAnotherSignatureIsStillCheckedAndRefused() {
        NodeDirectory dir = new NodeDirectory();
        NodeRecord r = record(KEY_0, 0, 4000, 1);
        assertThat(dir.offer(r)).isInstanceOf(RecordVerdict.Accepted.class);
        byte[] sig = r.signature().toArray();
        sig[0] ^= 1;
        NodeRecord tampered = new NodeRecord(0, r.publicKey(), r.host(), r.port(), r.shards(), r.sequence(),
                org.spindle.core.bytes.Bytes.wrap(sig));
        // Only a record identical to the held one, signature included, skips the signature check.
        assertThat(dir.offer(tampered)).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(dir.offer(r)).isInstanceOf(RecordVerdict.Unchanged.class);
    }

    @Test
    void anIndexStaysBoundToItsFirstKeyAndAKeyToItsFirstIndex() {
        NodeDirectory dir = new NodeDirectory();
        dir.offer(record(KEY_0, 0, 4000, 1));
        assertThat(dir.offer(record(KEY_1, 0, 4000, 2))).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.KEY_MISMATCH));
        assertThat(dir.offer(record(KEY_0, 1, 4000, 1))).isInstanceOfSatisfying(RecordVerdict.Rejected.class,
                v -> assertThat(v.reason()).isEqualTo(Reason.KEY_REUSED));
        assertThat(dir.byKey(KEY_0.publicKey().bytes()).orElseThrow().index()).isZero();
        assertThat(dir.byKey(Bytes.wrap(new byte[32]))).isEmpty();
    }

    @Test
    void recordsShareAShardOnlyWhenTheirShardListsIntersect() {
        NodeRecord a = NodeRecord.signed(KEY_0, 0, "h", 1, List.of(0, 1), 1);
        NodeRecord b = NodeRecord.signed(KEY_1, 1, "h", 2, List.of(1, 2), 1);
        NodeRecord c = NodeRecord.signed(KEY_1, 1, "h", 2, List.of(2), 1);
        assertThat(a.sharesShardWith(b)).isTrue();
        assertThat(a.sharesShardWith(c)).isFalse();
    }
}

package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.LocalNetwork;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.node.discovery.NodeRecord;
import org.spindle.protocol.runtime.NodeId;

class NodeCryptoTest {
    private final SignatureScheme.KeyPair mine = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(0));
    private final SignatureScheme.KeyPair peer = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(1));
    private final NodeDirectory directory = new NodeDirectory();
    private final NodeMetrics metrics = new NodeMetrics(() -> 0);
    private final NodeCrypto crypto = new NodeCrypto(mine, directory, metrics, () -> false);
    private final Bytes message = Bytes.wrap("vote".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    NodeCryptoTest() {
        directory.offer(NodeRecord.signed(peer, 1, "127.0.0.1", 9001, List.of(0), 1));
    }

    @Test
    void anOutcomeIsRememberedSoTheSecondCheckIsALookupAndForgeriesStillFail() {
        Bytes good = Ed25519.INSTANCE.sign(peer.privateKey(), message);
        assertThat(crypto.verify(NodeId.of(1), message, good)).isTrue();
        assertThat(crypto.remembered()).isEqualTo(1);
        assertThat(crypto.verify(NodeId.of(1), message, good)).isTrue();
        assertThat(crypto.remembered()).isEqualTo(1);
        assertThat(metrics.count("node.signatures.verified")).isEqualTo(1);

        Bytes forged = Ed25519.INSTANCE.sign(mine.privateKey(), message); // signed by another key
        assertThat(crypto.verify(NodeId.of(1), message, forged)).isFalse();
        assertThat(crypto.verify(NodeId.of(1), message, forged)).isFalse(); // remembered as bad, still bad
        Bytes other = Bytes.wrap("vote2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(crypto.verify(NodeId.of(1), other, good)).isFalse();
        assertThat(crypto.verify(NodeId.of(1), message, Bytes.wrap(new byte[3]))).isFalse();
    }

    @Test
    void aSignerWithNoRecordFailsAndNothingIsRememberedForIt() {
        Bytes sig = Ed25519.INSTANCE.sign(mine.privateKey(), message);
        assertThat(crypto.verify(NodeId.of(0), message, sig)).isFalse(); // own record not offered here
        assertThat(crypto.remembered()).isZero();
        directory.offer(NodeRecord.signed(mine, 0, "127.0.0.1", 9000, List.of(0), 1));
        assertThat(crypto.verify(NodeId.of(0), message, sig)).isTrue();
    }
}

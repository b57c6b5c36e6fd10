package org.spindle.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.LocalNetwork;

class BootnodeTest {
    private static final SignatureScheme.KeyPair KEY_0 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(0));
    private static final SignatureScheme.KeyPair KEY_1 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(1));

    @Test
    void aBootnodeHandsOutTheRecordsItAcceptedAndRefusesForgedOrStaleOnesWithTheReason() throws Exception {
        try (Bootnode boot = Bootnode.start("127.0.0.1", 0)) {
            BootnodeClient client = new BootnodeClient(boot.address(), 2_000);
            NodeRecord r0 = NodeRecord.signed(KEY_0, 0, "127.0.0.1", 5000, List.of(0), 2);
            NodeRecord r1 = NodeRecord.signed(KEY_1, 1, "127.0.0.1", 5001, List.of(0), 1);
            assertThat(client.register(r0).accepted()).isTrue();
            assertThat(client.register(r1).accepted()).isTrue();

            NodeRecord forged = new NodeRecord(1, r1.publicKey(), "127.0.0.1", 6666, r1.shards(), 9, r1.signature());
            DiscoveryMessage.Registered refused = client.register(forged);
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.reason()).startsWith("BAD_SIGNATURE");

            DiscoveryMessage.Registered stale = client.register(NodeRecord.signed(KEY_0, 0, "127.0.0.1", 5002,
                    List.of(0), 1));
            assertThat(stale.accepted()).isFalse();
            assertThat(stale.reason()).startsWith("STALE_SEQUENCE");

            assertThat(client.fetch()).containsExactly(r0, r1);
        }
    }

    @Test
    void garbageAndOversizedRequestsAreDroppedAndTheBootnodeKeepsServing() throws Exception {
        try (Bootnode boot = Bootnode.start("127.0.0.1", 0)) {
            try (Socket s = new Socket(boot.address().getAddress(), boot.address().getPort())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(5);
                out.write(new byte[] {1, 99, 2, 3, 4}); // discovery family, unknown message type
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1); // closed on us
            }
            try (Socket s = new Socket(boot.address().getAddress(), boot.address().getPort())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(Bootnode.MAX_REQUEST + 1);
                out.write(new byte[Bootnode.MAX_REQUEST + 1]);
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(boot.metrics().count("bootnode.badRequests")).isEqualTo(2);
            BootnodeClient client = new BootnodeClient(boot.address(), 2_000);
            assertThat(client.register(NodeRecord.signed(KEY_0, 0, "127.0.0.1", 5000, List.of(0), 1)).accepted())
                    .isTrue();
            assertThat(client.fetch()).hasSize(1);
        }
    }
}

package org.spindle.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.LocalNetwork;
import org.spindle.node.runtime.NodeMetrics;

class DiscoveryTest {
    private static final SignatureScheme.KeyPair KEY_0 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(0));
    private static final SignatureScheme.KeyPair KEY_1 = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(1));

    @Test
    void aNodePassesOnOnlyRecordsThatAreNewsAndCountsTheRestByReason() {
        NodeMetrics metrics = new NodeMetrics(() -> 0);
        List<NodeRecord> learned = new ArrayList<>();
        NodeRecord own = NodeRecord.signed(KEY_0, 0, "127.0.0.1", 4000, List.of(0), 1);
        ScheduledThreadPoolExecutor unused = new ScheduledThreadPoolExecutor(1);
        try {
            Discovery d = new Discovery(new BootnodeClient(new InetSocketAddress("127.0.0.1", 1), 100), own,
                    new NodeDirectory(), learned::add, unused, 1_000, metrics);
            NodeRecord peer = NodeRecord.signed(KEY_1, 1, "127.0.0.1", 4001, List.of(0), 3);
            NodeRecord forged = new NodeRecord(1, peer.publicKey(), "127.0.0.1", 4666, peer.shards(), 4,
                    peer.signature());
            d.offer(peer);
            d.offer(peer);
            d.offer(forged);
            d.offer(NodeRecord.signed(KEY_1, 1, "127.0.0.1", 4002, List.of(0), 2));
            assertThat(learned).containsExactly(peer);
            assertThat(metrics.count("discovery.rejected.BAD_SIGNATURE")).isEqualTo(1);
            assertThat(metrics.count("discovery.rejected.STALE_SEQUENCE")).isEqualTo(1);
        } finally {
            unused.shutdownNow();
        }
    }
}

package org.spindle.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.runtime.Time;

class GossipOverTcpTest {
    @Test
    void everyItemReachesEveryOtherNodeExactlyOnceOverRealTcp() throws Exception {
        int n = 4;
        int perNode = 5;
        List<Publication> publications = new ArrayList<>();
        for (int i = 0; i < perNode; i++) {
            publications.add(new Publication(Time.millis(2_500 + 20 * i), TestProtocols.TOPIC, 256));
        }
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(net.start(net.config(i, List.of(0)), ProtocolWires.GOSSIP,
                        TestProtocols.gossip(n, publications)));
            }
            LocalNetwork.awaitFullMesh(nodes, Duration.ofSeconds(10));
            int items = n * perNode;
            // Full mesh: the origin sends to 3 peers, each forwards to the 2 others: 3 deliveries and 6
            // duplicates per item. Waiting for every copy means nothing is still in flight afterwards.
            long copies = items * (n - 1L) * (n - 1L);
            Await.until(Duration.ofSeconds(15), "every copy of every item arrived", () -> nodes.stream()
                    .mapToLong(x -> x.metrics().count("gossip.delivered") + x.metrics().count("gossip.duplicates")
                            + x.metrics().count("gossip.rejected"))
                    .sum() >= copies);
            for (Node x : nodes) {
                assertThat(x.metrics().count("gossip.published")).isEqualTo(perNode);
                assertThat(x.metrics().count("gossip.delivered")).as("deliveries at %s", x.id())
                        .isEqualTo(items - perNode);
                assertThat(x.metrics().count("gossip.rejected")).isZero();
            }
            assertThat(nodes.stream().mapToLong(x -> x.metrics().count("gossip.duplicates")).sum())
                    .isEqualTo(copies - (long) items * (n - 1));
        }
    }
}

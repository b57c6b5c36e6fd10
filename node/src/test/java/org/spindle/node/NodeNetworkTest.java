package org.spindle.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.runtime.NodeId;

class NodeNetworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void twoNodesFindEachOtherThroughTheBootnodeAndAuthenticate() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            Node a = net.start(net.config(0, List.of(0)), ProtocolWires.GOSSIP, TestProtocols.gossip(2, List.of()));
            Node b = net.start(net.config(1, List.of(0)), ProtocolWires.GOSSIP, TestProtocols.gossip(2, List.of()));
            LocalNetwork.awaitFullMesh(List.of(a, b), TIMEOUT);
            assertThat(a.connectedPeers()).containsExactly(NodeId.of(1));
            assertThat(b.connectedPeers()).containsExactly(NodeId.of(0));
            assertThat(a.metrics().count("net.handshake.ok")).isEqualTo(1);
            assertThat(b.metrics().count("net.handshake.ok")).isEqualTo(1);
            assertThat(net.bootnode().directory().size()).isEqualTo(2);
            assertThat(a.directory().get(NodeId.of(1)).orElseThrow().port()).isEqualTo(b.listenAddress().getPort());
        }
    }

    @Test
    void fourNodesFormAFullMeshAndEveryLinkIsAuthenticatedOnce() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(net.start(net.config(i, List.of(0)), ProtocolWires.GOSSIP, TestProtocols.gossip(4, List.of())));
            }
            LocalNetwork.awaitFullMesh(nodes, TIMEOUT);
            long handshakes = nodes.stream().mapToLong(n -> n.metrics().count("net.handshake.ok")).sum();
            assertThat(handshakes).isEqualTo(12); // 6 links, authenticated at both ends
            assertThat(nodes.stream().mapToLong(n -> n.metrics().count("net.handshake.rejected")).sum()).isZero();
        }
    }

    @Test
    void nodesWithNoCommonShardDoNotConnect() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            Node a = net.start(net.config(0, List.of(0)), ProtocolWires.GOSSIP, TestProtocols.gossip(3, List.of()));
            Node b = net.start(net.config(1, List.of(1)), ProtocolWires.GOSSIP, TestProtocols.gossip(3, List.of()));
            Node c = net.start(net.config(2, List.of(0, 1)), ProtocolWires.GOSSIP, TestProtocols.gossip(3, List.of()));
            Await.until(TIMEOUT, "the shard-spanning node links to both others",
                    () -> c.connectedPeers().size() == 2 && a.directory().size() == 3 && b.directory().size() == 3);
            assertThat(a.connectedPeers()).containsExactly(NodeId.of(2));
            assertThat(b.connectedPeers()).containsExactly(NodeId.of(2));
            assertThat(a.metrics().count("net.skipped.noCommonShard")).isEqualTo(1);
        }
    }

    @Test
    void closingANodeTwiceIsHarmless() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            Node a = net.start(net.config(0, List.of(0)), ProtocolWires.GOSSIP, TestProtocols.gossip(1, List.of()));
            a.close();
            a.close();
            assertThat(a.connectedPeers()).isEmpty();
        }
    }
}

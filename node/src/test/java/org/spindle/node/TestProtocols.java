package org.spindle.node;

import java.util.List;
import java.util.stream.IntStream;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;

/** Protocol factories for runtime tests. */
final class TestProtocols {
    static final String TOPIC = "shard-0";

    private TestProtocols() {}

    static NodeId[] others(int self, int n) {
        return IntStream.range(0, n).filter(i -> i != self).mapToObj(NodeId::of).toArray(NodeId[]::new);
    }

    /** Signed topic gossip over a full mesh of {@code n} nodes, publishing {@code publications}. */
    static ProtocolFactory gossip(int n, List<Publication> publications) {
        return ctx -> new TopicGossip(ctx, others(ctx.self().index(), n), new GossipConfig(List.of(TOPIC), 4096, true),
                publications);
    }
}

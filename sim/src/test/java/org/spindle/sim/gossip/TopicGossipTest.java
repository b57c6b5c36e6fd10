package org.spindle.sim.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;

/** Topic gossip on a line 0 - 1 - 2 where node 0 publishes on topic x and node 2 subscribes to x. */
class TopicGossipTest {
    private static Simulation line(List<String> middleTopics) {
        NodeId[][] peers = {{NodeId.of(1)}, {NodeId.of(0), NodeId.of(2)}, {NodeId.of(1)}};
        Simulation sim = new Simulation(SimConfig.of(3, 1), ctx -> {
            int i = ctx.self().index();
            List<String> topics = i == 1 ? middleTopics : List.of("x");
            List<Publication> pubs = i == 0 ? List.of(new Publication(200_000, "x", 10)) : List.of();
            return new TopicGossip(ctx, peers[i], new GossipConfig(topics, 16, false), pubs);
        });
        sim.run(Long.MAX_VALUE, null);
        return sim;
    }

    @Test
    void itemCrossesANodeSubscribedToItsTopic() {
        Simulation sim = line(List.of("x", "y"));
        assertThat(sim.metrics().counterValue("gossip.delivered")).isEqualTo(2);
        assertThat(sim.metrics().counterValue("gossip.duplicates")).isZero();
    }

    @Test
    void itemDoesNotCrossANodeThatIsNotSubscribedToItsTopic() {
        Simulation sim = line(List.of("y"));
        assertThat(sim.metrics().counterValue("gossip.published")).isEqualTo(1);
        assertThat(sim.metrics().counterValue("gossip.delivered")).isZero();
    }

    @Test
    void restartedNodeLearnsItsNeighboursSubscriptionsAgain() {
        NodeId[][] peers = {{NodeId.of(1)}, {NodeId.of(0), NodeId.of(2)}, {NodeId.of(1)}};
        Simulation sim = new Simulation(SimConfig.of(3, 1), ctx -> {
            int i = ctx.self().index();
            List<Publication> pubs = i == 0 ? List.of(new Publication(900_000, "x", 10)) : List.of();
            return new TopicGossip(ctx, peers[i], new GossipConfig(List.of("x"), 16, false), pubs);
        });
        sim.at(300_000, new org.spindle.sim.Fault.Crash(List.of(1)));
        sim.at(400_000, new org.spindle.sim.Fault.Restart(List.of(1)));
        sim.run(Long.MAX_VALUE, null);
        assertThat(sim.metrics().counterValue("gossip.delivered")).as("nodes 1 and 2 got the item").isEqualTo(2);
    }
}

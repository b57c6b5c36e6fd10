package org.spindle.sim.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.GossipData;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.gossip.RandomOverlay;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;

/** A Byzantine node cannot make honest gossipers accept an item in another node's name. */
class SignedGossipTest {
    @Test
    void itemForgedInAnotherNodesNameIsRejectedAtTheFirstHonestHop() {
        int n = 50;
        int[][] overlay = RandomOverlay.build(n, 4, 9);
        GossipConfig config = new GossipConfig(List.of("blocks"), 64, true);
        Simulation sim = new Simulation(SimConfig.of(n, 9), ctx -> {
            int i = ctx.self().index();
            NodeId[] peers = java.util.Arrays.stream(overlay[i]).mapToObj(NodeId::of).toArray(NodeId[]::new);
            if (i != 0) {
                List<Publication> pubs = i == 7 ? List.of(new Publication(500_000, "blocks", 100)) : List.of();
                return new TopicGossip(ctx, peers, config, pubs);
            }
            return new Protocol() { // node 0 forges an item "from node 5", signed with its own key
                @Override
                public void onStart() {
                    Hash id = Hashing.sha256(Bytes.of((byte) 66));
                    GossipData forged = new GossipData("blocks", id, NodeId.of(5), 0, 0, Bytes.of((byte) 1),
                            ctx.crypto().sign(id.bytes()));
                    for (NodeId p : peers) {
                        ctx.send(p, forged);
                    }
                }

                @Override
                public void onMessage(NodeId from, Message m) {}

                @Override
                public void onTimer(Object e) {}
            };
        });
        sim.run(Long.MAX_VALUE, null);
        assertThat(sim.metrics().counterValue("gossip.rejected")).isEqualTo(4);
        assertThat(sim.metrics().counterValue("gossip.published")).isEqualTo(1);
        // Only node 7's genuine item was delivered: to the 48 other honest nodes (node 0 ignores it).
        assertThat(sim.metrics().counterValue("gossip.delivered")).isEqualTo(n - 2);
    }
}

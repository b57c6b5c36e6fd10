package org.spindle.sim.consensus;

import java.util.List;
import java.util.stream.IntStream;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.BftAdversaries;

/**
 * One BFT shard made of every simulated node: its config, payload rules, per-node behaviour and the
 * safety checker watching the honest ones.
 */
public record BftCluster(BftConfig config, PayloadRules rules, List<Assignment> behaviours, SafetyChecker checker) {
    public BftCluster {
        behaviours = List.copyOf(behaviours);
        if (behaviours.size() != config.members().size()) {
            throw new IllegalArgumentException("one behaviour per member");
        }
    }

    public static BftCluster of(int n, long baseTimeoutMicros, PayloadRules rules, List<Assignment> behaviours) {
        return new BftCluster(BftConfig.standard(members(n), baseTimeoutMicros), rules, behaviours,
                new SafetyChecker());
    }

    public static List<NodeId> members(int n) {
        return IntStream.range(0, n).mapToObj(NodeId::of).toList();
    }

    public ProtocolFactory factory() {
        return ctx -> BftAdversaries.create(behaviours.get(ctx.self().index()), ctx, config, rules, checker);
    }

    public List<NodeId> honest() {
        return IntStream.range(0, behaviours.size()).filter(i -> behaviours.get(i).behaviour().honest())
                .mapToObj(NodeId::of).toList();
    }
}

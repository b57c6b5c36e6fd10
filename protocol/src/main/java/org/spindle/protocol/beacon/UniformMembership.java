package org.spindle.protocol.beacon;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * The baseline rule: one layer of uniformly random shards. The validators are shuffled
 * ({@link ShardAssignment#permutation}) and cut into {@link ShardCount#shardsFor} consecutive runs
 * whose sizes differ by at most one ({@link ShardAssignment#split}).
 */
public record UniformMembership(ShardCount shardCount) implements MembershipRule {
    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Membership assign(Hash randomness, List<NodeId> active, long epoch) {
        List<NodeId> order = ShardAssignment.permutation(randomness, active);
        return new Membership(epoch, ShardAssignment.split(order, shardCount.shardsFor(order.size())), List.of());
    }

    @Override
    public int minimumValidators() {
        return shardCount instanceof ShardCount.Fixed f ? f.count() : 1;
    }
}

package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * SpiralShard (spiralshard.md §1): uniform random shards as in the baseline, plus endorsement
 * groups of {@code groupSize} consecutive shards, group(shard) = ⌊shard / g⌋. When the shard count
 * is not a multiple of g the last group has fewer shards.
 */
public record SpiralShardMembership(ShardCount shardCount, int groupSize) implements MembershipRule {
    public static final String ENDORSEMENT_GROUPS = "endorsement";

    public SpiralShardMembership {
        if (groupSize < 1) {
            throw new IllegalArgumentException("endorsement group size must be at least 1, got " + groupSize);
        }
    }

    @Override
    public String name() {
        return "spiralshard";
    }

    @Override
    public Membership assign(Hash randomness, List<NodeId> active, long epoch) {
        List<NodeId> order = ShardAssignment.permutation(randomness, active);
        List<List<NodeId>> shards = ShardAssignment.split(order, shardCount.shardsFor(order.size()));
        List<Integer> groupOf = new ArrayList<>(shards.size());
        for (int s = 0; s < shards.size(); s++) {
            groupOf.add(s / groupSize);
        }
        return new Membership(epoch, shards, List.of(new Membership.Grouping(ENDORSEMENT_GROUPS, groupOf)));
    }

    @Override
    public int minimumValidators() {
        return shardCount instanceof ShardCount.Fixed f ? f.count() : 1;
    }
}

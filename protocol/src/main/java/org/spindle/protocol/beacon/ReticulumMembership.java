package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * Reticulum's bootstrapping (reticulum.md §1.2, Algorithm 1 {@code getShardIndex}): the validators
 * in random order C; the node at position cIndex joins process shard index1 and control shard
 * index2. Nodes past the last full control shard are absorbed into the last control shard and, when
 * Np does not divide N, into the last process shard, so the last shards may be larger than Np / Nc.
 * A process shard never straddles two control shards, so the control layer is a {@link
 * Membership.Grouping} of process shards.
 */
public record ReticulumMembership(int processShardSize, int controlShardSize) implements MembershipRule {
    public static final String CONTROL_SHARDS = "control";

    public ReticulumMembership {
        if (processShardSize < 1 || controlShardSize < processShardSize) {
            throw new IllegalArgumentException("need 1 <= Np <= Nc, got Np=" + processShardSize + " Nc=" + controlShardSize);
        }
    }

    /** A node's process and control shard. */
    public record ShardIndex(int processShard, int controlShard) {}

    /**
     * Algorithm 1 for position {@code cIndex} of {@code n} nodes. {@code ⌊index1 / (Nc/Np)⌋} is
     * computed exactly as {@code ⌊index1·Np / Nc⌋} (real division, as the spec requires when Np does
     * not divide Nc), and index2 uses index1 before clamping.
     */
    public static ShardIndex shardIndex(long cIndex, long n, int np, int nc) {
        if (n < nc || cIndex < 0 || cIndex >= n) {
            throw new IllegalArgumentException("need 0 <= cIndex < N and N >= Nc; got cIndex=" + cIndex + " N=" + n + " Nc=" + nc);
        }
        long index1 = cIndex / np;
        long index2 = Math.floorDiv(index1 * np, nc);
        if (cIndex >= (n / nc) * nc) {
            index2 = index2 - 1;
            if (n % np != 0) {
                index1 = Math.min(cIndex / np, n / np - 1);
            }
        }
        return new ShardIndex((int) index1, (int) index2);
    }

    @Override
    public String name() {
        return "reticulum";
    }

    @Override
    public int minimumValidators() {
        return controlShardSize;
    }

    @Override
    public Membership assign(Hash randomness, List<NodeId> active, long epoch) {
        List<NodeId> order = ShardAssignment.permutation(randomness, active);
        return layout(order, epoch);
    }

    /** Algorithm 1 applied to an already ordered list C. */
    public Membership layout(List<NodeId> order, long epoch) {
        int n = order.size();
        if (n < controlShardSize) {
            throw new IllegalArgumentException(n + " validators cannot fill a control shard of " + controlShardSize);
        }
        List<List<NodeId>> process = new ArrayList<>();
        List<Integer> controlOf = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            ShardIndex ix = shardIndex(c, n, processShardSize, controlShardSize);
            while (process.size() <= ix.processShard()) {
                process.add(new ArrayList<>());
                controlOf.add(-1);
            }
            process.get(ix.processShard()).add(order.get(c));
            int known = controlOf.get(ix.processShard());
            if (known >= 0 && known != ix.controlShard()) {
                throw new IllegalArgumentException("Algorithm 1 with these sizes splits process shard " + ix.processShard() + " straddles control shards "
                        + known + " and " + ix.controlShard());
            }
            controlOf.set(ix.processShard(), ix.controlShard());
        }
        return new Membership(epoch, process, List.of(new Membership.Grouping(CONTROL_SHARDS, controlOf)));
    }
}

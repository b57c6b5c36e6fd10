package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * The pure building blocks of shard assignment: a canonical random order of the validators and the
 * split of that order into consecutive shards.
 */
public final class ShardAssignment {
    /** The PRNG domain of the assignment permutation; other uses of the randomness use other domains. */
    public static final String PERMUTATION_DOMAIN = "spindle/assignment/permutation";

    private ShardAssignment() {}

    /** The assignment of an epoch: the rule chosen at genesis applied to (randomness, validators). */
    public static Membership assign(Hash randomness, List<NodeId> validators, MembershipConfig parameters, long epoch) {
        return parameters.rule().assign(randomness, validators, epoch);
    }

    /**
     * The validators sorted by id (duplicates rejected), then Fisher–Yates shuffled with a
     * {@link HashPrng} seeded by {@code randomness}: position i (from the last down to 1) swaps with
     * a uniform j ≤ i. Every permutation is equally likely given a uniform seed.
     */
    public static List<NodeId> permutation(Hash randomness, List<NodeId> validators) {
        TreeSet<NodeId> sorted = new TreeSet<>(validators);
        if (sorted.size() != validators.size()) {
            throw new IllegalArgumentException("the validator list has duplicates");
        }
        List<NodeId> order = new ArrayList<>(sorted);
        HashPrng prng = new HashPrng(randomness, PERMUTATION_DOMAIN);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = prng.nextInt(i + 1);
            NodeId t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }

    /**
     * Splits {@code order} into {@code shardCount} consecutive runs. Remainder rule: with
     * n = q·S + r, the first r shards get q+1 members and the others q, so sizes differ by at most one.
     */
    public static List<List<NodeId>> split(List<NodeId> order, int shardCount) {
        if (shardCount < 1 || shardCount > order.size()) {
            throw new IllegalArgumentException("cannot split " + order.size() + " validators into " + shardCount + " shards");
        }
        int q = order.size() / shardCount;
        int r = order.size() % shardCount;
        List<List<NodeId>> shards = new ArrayList<>(shardCount);
        int at = 0;
        for (int s = 0; s < shardCount; s++) {
            int size = q + (s < r ? 1 : 0);
            shards.add(List.copyOf(order.subList(at, at + size)));
            at += size;
        }
        return shards;
    }
}

package org.spindle.protocol.sizing;

import java.util.OptionalLong;

/**
 * Single-layer baseline (RapidChain / Harmony style) shard size: the smallest shard whose
 * probability of holding a breaking number of adversaries stays below a target
 * (gearbox-and-baseline.md §3). The finite-population (hypergeometric) form is the default; the
 * binomial form is what Reticulum used for its 329-node baseline.
 */
public final class BaselineSizing {
    private BaselineSizing() {}

    /** Network timing model, which fixes the fault threshold of a shard's consensus. */
    public enum Model {
        /** Synchronous, honest majority needed (RapidChain): threshold 1/2. */
        SYNC(2),
        /** Partially synchronous, PBFT-style (Harmony): threshold 1/3. */
        PSYNC(3);

        private final int divisor;

        Model(int divisor) {
            this.divisor = divisor;
        }

        /** The threshold is 1/divisor of the shard. */
        public int divisor() {
            return divisor;
        }
    }

    /**
     * A sizing question. {@code unionBound} asks for (N/m)·P_fail(m) &lt; target (all shards together)
     * instead of the per-shard P_fail(m) &lt; target.
     */
    public record Query(long nodes, double adversary, Model model, ThresholdRule rule, double target, boolean unionBound) {
        public Query {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
            }
            Fractions.requireFraction("adversary", adversary);
            Fractions.requireProbability("target", target);
        }

        /** K = ⌊f·N⌋ adversarial nodes. */
        public long adversarialNodes() {
            return Fractions.floorOf(adversary, nodes);
        }
    }

    /** The answer: the shard size (empty when even one shard of all N nodes fails too often). */
    public record Result(Query query, long adversarialNodes, OptionalLong shardSize, long shards,
                         double shardFailure, double systemFailure, OptionalLong binomialShardSize) {}

    /** Probability that a uniformly drawn shard of {@code size} nodes reaches the breaking count. */
    public static double shardFailure(long nodes, long adversarial, long size, Model model, ThresholdRule rule) {
        return Tails.hypergeometricUpperTail(nodes, adversarial, size, rule.breakingCount(size, model.divisor()));
    }

    /** Same as {@link #shardFailure} with shard members drawn with replacement (binomial). */
    public static double binomialShardFailure(double adversary, long size, Model model, ThresholdRule rule) {
        return Tails.binomialUpperTail(size, adversary, rule.breakingCount(size, model.divisor()));
    }

    /** Smallest size meeting the query; a linear scan, since the failure probability is not monotone in m (parity). */
    public static Result size(Query q) {
        long k = q.adversarialNodes();
        OptionalLong found = OptionalLong.empty();
        double shardFailure = Double.NaN;
        for (long m = 1; m <= q.nodes(); m++) {
            double p = shardFailure(q.nodes(), k, m, q.model(), q.rule());
            double total = q.unionBound() ? (q.nodes() / m) * p : p;
            if (total < q.target()) {
                found = OptionalLong.of(m);
                shardFailure = p;
                break;
            }
        }
        long shards = found.isPresent() ? q.nodes() / found.getAsLong() : 0;
        double system = found.isPresent() ? shards * shardFailure : Double.NaN;
        return new Result(q, k, found, shards, shardFailure, system, binomialSize(q));
    }

    private static OptionalLong binomialSize(Query q) {
        for (long m = 1; m <= q.nodes(); m++) {
            double p = binomialShardFailure(q.adversary(), m, q.model(), q.rule());
            double total = q.unionBound() ? (q.nodes() / m) * p : p;
            if (total < q.target()) {
                return OptionalLong.of(m);
            }
        }
        return OptionalLong.empty();
    }
}

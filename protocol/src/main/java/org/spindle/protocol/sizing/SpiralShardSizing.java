package org.spindle.protocol.sizing;

import java.util.Optional;

/**
 * SpiralShard's failure bounds (spiralshard.md §2, reconstructed from Sec VI-A) and the search for
 * the configuration with the most shards under a target.
 *
 * <p>Choices where the spec leaves room: S = ⌊N/n⌋ shards and G = ⌊S/g⌋ groups (the leftover nodes
 * of ⌊N/n⌋ are ignored, as the paper's configurations have none); the per-case union bound g·tail is
 * not capped at 1, exactly as the formula is written; the search only considers group sizes that
 * divide the shard count, so every group is full, as in all of the paper's configurations.
 */
public final class SpiralShardSizing {
    /** 2^-17 per epoch: "once in 359 years with one-day epochs". */
    public static final double NEGLIGIBLE_BOUND = Math.pow(2, -17);
    /** Names the formula, since the paper's printed mantissas do not match it exactly. */
    public static final String FORMULA = "spiralshard.md §2 (reconstructed Sec VI-A: P1 + P2 + P3 per group, union over groups)";

    private SpiralShardSizing() {}

    /** Network and adversary: N nodes, malicious fraction f, Byzantine fraction f_B ≤ f. */
    public record Network(long nodes, double malicious, double byzantine) {
        public Network {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
            }
            Fractions.requireFraction("malicious", malicious);
            Fractions.requireFraction("byzantine", byzantine);
            if (byzantine > malicious) {
                throw new IllegalArgumentException("byzantine (" + byzantine + ") cannot exceed malicious (" + malicious + ")");
            }
        }

        public long maliciousNodes() {
            return Fractions.floorOf(malicious, nodes);
        }

        public long byzantineNodes() {
            return Fractions.floorOf(byzantine, nodes);
        }
    }

    /** Per-group case probabilities and the bounds built from them. */
    public record Bounds(long nodes, int shardSize, int groupSize, long shards, long groups, double case1, double case2,
                         double case3, double groupBound, double systemBound, double target, boolean meetsTarget) {}

    public static Bounds bounds(Network net, int shardSize, int groupSize, double target) {
        if (shardSize < 1 || shardSize > net.nodes()) {
            throw new IllegalArgumentException("shard size must be in [1, " + net.nodes() + "], got " + shardSize);
        }
        long shards = net.nodes() / shardSize;
        if (groupSize < 1 || groupSize > shards) {
            throw new IllegalArgumentException("group size must be in [1, " + shards + "] (the number of shards), got " + groupSize);
        }
        Fractions.requireProbability("target", target);
        long groups = shards / groupSize;
        long groupNodes = (long) groupSize * shardSize;
        long n = net.nodes();
        double p1 = Tails.hypergeometricUpperTail(n, net.maliciousNodes(), groupNodes, (groupNodes + 2) / 3);
        double p2 = groupSize * shardTail(n, net.maliciousNodes(), shardSize, (2L * shardSize + 2) / 3);
        double p3 = groupSize * shardTail(n, net.byzantineNodes(), shardSize, (shardSize + 2) / 3);
        double group = p1 + p2 + p3;
        double system = groups * group;
        return new Bounds(n, shardSize, groupSize, shards, groups, p1, p2, p3, group, system, target, system < target);
    }

    /**
     * Σ_x P[H(N, marked, K) = x] · P[H(K, x, n) ≥ t], the case 2/3 sum as the spec writes it. A
     * uniformly drawn shard of a uniformly drawn group is a uniformly drawn n-subset of the network,
     * so the sum equals P[H(N, marked, n) ≥ t] exactly (law of total probability); {@link #bounds}
     * uses that closed form, which is cheaper and loses no precision, and the tests check the
     * identity against this sum.
     */
    static double shardTail(long population, long marked, long shardSize, long atLeast) {
        return Tails.hypergeometricUpperTail(population, marked, shardSize, atLeast);
    }

    /**
     * Σ_x P[H(N, marked, K) = x] · P[H(K, x, n) ≥ t]: the chance that one shard of n drawn from a
     * group of K holds at least t marked nodes, with the group's own marked count x random.
     */
    static double mixedTail(long population, long marked, long groupNodes, long shardSize, long atLeast) {
        long lo = Math.max(0, groupNodes - (population - marked));
        long hi = Math.min(groupNodes, marked);
        if (hi < atLeast) {
            return 0.0;
        }
        double[] mass = groupMasses(population, marked, groupNodes, lo, hi);
        double sum = 0;
        for (long x = Math.max(lo, atLeast); x <= hi; x++) {
            double w = mass[(int) (x - lo)];
            if (w == 0) {
                continue;
            }
            sum += w * Tails.hypergeometricUpperTail(groupNodes, x, shardSize, atLeast);
        }
        return sum;
    }

    /** Every mass of H(N, marked, K) over [lo, hi], from one direct evaluation at the mode and exact ratios. */
    private static double[] groupMasses(long population, long marked, long sample, long lo, long hi) {
        double[] mass = new double[(int) (hi - lo + 1)];
        long mode = Math.clamp((long) Math.floor((sample + 1.0) * (marked + 1.0) / (population + 2.0)), lo, hi);
        double logMode = Tails.logHypergeometricMass(population, marked, sample, mode);
        double rest = population - marked - sample;
        double logTerm = logMode;
        mass[(int) (mode - lo)] = Math.exp(logMode);
        for (long x = mode; x < hi; x++) {
            logTerm += Math.log((double) (marked - x) * (sample - x) / ((x + 1.0) * (rest + x + 1.0)));
            mass[(int) (x + 1 - lo)] = Math.exp(logTerm);
        }
        logTerm = logMode;
        for (long x = mode; x > lo; x--) {
            logTerm += Math.log(x * (rest + x) / ((double) (marked - x + 1) * (sample - x + 1)));
            mass[(int) (x - 1 - lo)] = Math.exp(logTerm);
        }
        return mass;
    }

    /** Harmony-style baseline: a shard fails with ≥ ⌈n/3⌉ malicious; system bound S·tail(N, M, n, ⌈n/3⌉). */
    public static double baselineSystemBound(Network net, int shardSize) {
        if (shardSize < 1 || shardSize > net.nodes()) {
            throw new IllegalArgumentException("shard size must be in [1, " + net.nodes() + "], got " + shardSize);
        }
        long shards = net.nodes() / shardSize;
        return shards * Tails.hypergeometricUpperTail(net.nodes(), net.maliciousNodes(), shardSize, (shardSize + 2) / 3);
    }

    /**
     * The configuration with the most shards whose system bound is below {@code target}. Shard
     * counts are tried from the most downwards (shard size ⌊N/S⌋, the largest giving S shards); for
     * each, group sizes dividing S, up to {@code maxGroupSize}, are tried from the smallest (fewest
     * endorsements, lowest latency) and the first that meets the target wins. Empty when none does.
     */
    public static Optional<Bounds> search(Network net, double target, int maxGroupSize) {
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("max group size must be at least 1, got " + maxGroupSize);
        }
        Fractions.requireProbability("target", target);
        long n = net.nodes();
        for (long s = n; s >= 1; s--) {
            int shardSize = (int) (n / s);
            if (n / shardSize != s) {
                continue; // this shard count is not reachable by any whole shard size
            }
            // Cases 2 and 3 summed over all groups are S·(shard tails), whatever g is: prune on them first.
            double shardCases = s * (shardTail(n, net.maliciousNodes(), shardSize, (2L * shardSize + 2) / 3)
                    + shardTail(n, net.byzantineNodes(), shardSize, (shardSize + 2) / 3));
            if (!(shardCases < target)) {
                continue;
            }
            for (int g = 1; g <= Math.min(s, maxGroupSize); g++) {
                if (s % g != 0) {
                    continue;
                }
                Bounds b = bounds(net, shardSize, g, target);
                if (b.meetsTarget()) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }
}

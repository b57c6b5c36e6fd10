package org.spindle.protocol.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * GearBox as used in the Reticulum comparison (gearbox-and-baseline.md §2): gear sizes from a
 * binomial tail, the gear-settling simulation of the authors' notebook, its exact expectation, and
 * the notebook's throughput formula.
 */
public final class GearBoxSizing {
    /** Liveness thresholds of GearBox's four gears plus Reticulum's fifth (majority) gear. */
    public static final List<Double> LIVENESS_THRESHOLDS = List.of(0.10, 0.20, 0.25, 0.30, 0.50);
    /** The gear sizes the paper uses ("calculated considering Pa = 33%"). */
    public static final List<Integer> PAPER_GEARS = List.of(26, 39, 50, 63, 293);
    /** Fig. 7/9 captions give 329 for the largest gear instead of 293; selectable. */
    public static final int CAPTION_LARGEST_GEAR = 329;
    /** Reticulum's latency model: 2.12 s per shard member (698 s / 329 nodes). */
    public static final double SECONDS_PER_MEMBER = 2.12;
    /** Transactions per block in the throughput formula. */
    public static final int TX_PER_BLOCK = 4096;

    private GearBoxSizing() {}

    /** One gear: its liveness threshold L, its size and the tail P[Bin(size, pa) ≥ ⌈(1−L)·size⌉] at that size. */
    public record Gear(double liveness, int size, double failure) {}

    /**
     * Smallest n with P[Bin(n, pa) ≥ ⌈(1−L)·n⌉] &lt; target for each L: the adversary must not reach
     * the safety threshold S = 1 − L. With pa = 0.33 and 1e-9 this is 26, 39, 50, 63, 293.
     */
    public static List<Gear> gearSizes(double adversary, double target, List<Double> liveness) {
        Fractions.requireFraction("adversary", adversary);
        Fractions.requireProbability("target", target);
        List<Gear> gears = new ArrayList<>();
        for (double l : liveness) {
            Fractions.requireFraction("liveness threshold", l);
            if (adversary >= 1 - l) {
                throw new IllegalArgumentException("adversary " + adversary + " reaches the safety threshold 1 - " + l);
            }
            for (int n = 1; ; n++) {
                double tail = Tails.binomialUpperTail(n, adversary, Fractions.ceilOf(1 - l, n));
                if (tail < target) {
                    gears.add(new Gear(l, n, tail));
                    break;
                }
            }
        }
        return List.copyOf(gears);
    }

    /** A gear-settling question: nodes, adversarial fraction, gear sizes with their thresholds. */
    public record Setup(int nodes, double adversary, List<Integer> gearSizes, List<Double> liveness) {
        public Setup {
            gearSizes = List.copyOf(gearSizes);
            liveness = List.copyOf(liveness);
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
            }
            Fractions.requireFraction("adversary", adversary);
            if (gearSizes.size() != liveness.size() || gearSizes.isEmpty()) {
                throw new IllegalArgumentException("need one liveness threshold per gear");
            }
            for (int size : gearSizes) {
                if (size < 1 || size > nodes) {
                    throw new IllegalArgumentException("gear size must be in [1, " + nodes + "], got " + size);
                }
            }
        }

        /** The paper's gears (26, 39, 50, 63, 293) with L = 10, 20, 25, 30, 50%. */
        public static Setup paper(int nodes, double adversary, int largestGear) {
            List<Integer> sizes = new ArrayList<>(PAPER_GEARS);
            sizes.set(sizes.size() - 1, largestGear);
            return new Setup(nodes, adversary, sizes, LIVENESS_THRESHOLDS);
        }

        public int adversarialNodes() {
            return (int) Fractions.floorOf(adversary, nodes);
        }

        /** N / (smallest gear) shards, as the notebook's 5000/26 = 192. */
        public int shards() {
            return nodes / gearSizes.getFirst();
        }

        /** A shard of gear i fails it with more than ⌊L·size⌋ adversaries. */
        long tolerated(int gear) {
            return Fractions.floorOf(liveness.get(gear), gearSizes.get(gear));
        }
    }

    /**
     * Outcome: the share of shards that settled in each gear, the mean shard size, the overlap
     * (mean size / smallest gear, the shards a node sits in at once), the largest gear used, and the
     * notebook's throughput (N/smallest)·4096/T_max/overlap with T_max the time bound of the largest
     * gear any shard used. (The notebook ignored a 0.37% share at 293 for Pa = 20%; we do not.)
     */
    public record Settling(Setup setup, int runs, long seed, List<Double> gearShare, List<Double> expectedGearShare,
                           double meanSize, double expectedMeanSize, double overlap, int largestGearUsed,
                           double maxTimeBound, double throughput) {}

    /**
     * The notebook's algorithm: each shard samples the smallest gear without replacement (the first
     * ⌊Pa·N⌋ ids are adversarial); while it holds more adversaries than its gear tolerates, it is
     * resampled at the next gear; a shard failing the second-to-last gear takes the last one.
     */
    public static Settling settle(Setup setup, int runs, long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        int gears = setup.gearSizes().size();
        long[] count = new long[gears];
        int[] ids = new int[setup.nodes()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        int adversarial = setup.adversarialNodes();
        int shards = setup.shards();
        for (int run = 0; run < runs; run++) {
            for (int shard = 0; shard < shards; shard++) {
                int gear = 0;
                while (gear < gears - 1 && sampleAdversaries(ids, setup.gearSizes().get(gear), adversarial, random)
                        > setup.tolerated(gear)) {
                    gear++;
                }
                count[gear]++;
            }
        }
        double total = (double) runs * shards;
        List<Double> share = new ArrayList<>();
        double mean = 0;
        int largest = 0;
        for (int g = 0; g < gears; g++) {
            share.add(count[g] / total);
            mean += count[g] / total * setup.gearSizes().get(g);
            if (count[g] > 0) {
                largest = Math.max(largest, setup.gearSizes().get(g));
            }
        }
        List<Double> expected = expectedShares(setup);
        double expectedMean = 0;
        for (int g = 0; g < gears; g++) {
            expectedMean += expected.get(g) * setup.gearSizes().get(g);
        }
        double overlap = mean / setup.gearSizes().getFirst();
        double tMax = timeBound(largest);
        double throughput = throughput(setup.nodes(), setup.gearSizes().getFirst(), largest, overlap);
        return new Settling(setup, runs, seed, List.copyOf(share), expected, mean, expectedMean, overlap, largest, tMax, throughput);
    }

    /** Exact probability of settling in each gear: passes are independent hypergeometric events. */
    public static List<Double> expectedShares(Setup setup) {
        int gears = setup.gearSizes().size();
        List<Double> shares = new ArrayList<>();
        double reach = 1.0;
        for (int g = 0; g < gears - 1; g++) {
            double fail = Tails.hypergeometricUpperTail(setup.nodes(), setup.adversarialNodes(), setup.gearSizes().get(g),
                    setup.tolerated(g) + 1);
            shares.add(reach * (1 - fail));
            reach *= fail;
        }
        shares.add(reach);
        return List.copyOf(shares);
    }

    /** The notebook's throughput: (N / smallest gear) shards × 4096 tx per T_max, divided by the overlap. */
    public static double throughput(int nodes, int smallestGear, int largestGearUsed, double overlap) {
        return (double) nodes / smallestGear * TX_PER_BLOCK / timeBound(largestGearUsed) / overlap;
    }

    /** Reticulum's latency model l = 2.12·x seconds for a shard of x members. */
    public static double timeBound(int size) {
        return SECONDS_PER_MEMBER * size;
    }

    /** Partial Fisher–Yates: a uniform sample without replacement from any current order of ids. */
    private static int sampleAdversaries(int[] ids, int size, int adversarial, RandomGenerator random) {
        int found = 0;
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(ids.length - i);
            int picked = ids[j];
            ids[j] = ids[i];
            ids[i] = picked;
            if (picked < adversarial) {
                found++;
            }
        }
        return found;
    }
}

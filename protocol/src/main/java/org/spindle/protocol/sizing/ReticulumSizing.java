package org.spindle.protocol.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reticulum's shard sizing (reticulum.md §1.6–1.7): process shards fail only when every member is
 * adversarial (Eq. 2), control shards when adversaries hold half the seats (Eq. 3 with the tie rule
 * that reproduces Tables I and II), and Algorithm 4 picks both sizes for a system-wide target.
 */
public final class ReticulumSizing {
    /** Algorithm 4 stops trying per-shard probabilities below 10^-MAX_EXPONENT. */
    public static final int MAX_EXPONENT = 60;
    /** Table I rows and columns as printed in the paper. */
    public static final List<Double> TABLE1_FAILURES = List.of(1e-5, 1e-6, 1e-7);
    public static final List<Double> TABLE1_ADVERSARY = List.of(0.15, 0.20, 0.25, 0.30, 0.33);
    /** Table II rows and columns (Pa = 33%). */
    public static final List<Double> TABLE2_TARGETS = List.of(1e-5, 1e-6, 1e-7);
    public static final List<Long> TABLE2_NODES = List.of(500L, 1000L, 5000L, 10000L, 20000L);
    public static final double TABLE2_ADVERSARY = 0.33;

    private ReticulumSizing() {}

    /** Eq. 2 / GetNp: ⌈ln Pf_p / ln Pa⌉, the process-shard size whose all-adversarial chance is at most Pf_p. */
    public static int processShardSize(double adversary, double processFailure) {
        Fractions.requireProbability("adversary", adversary);
        Fractions.requireProbability("process failure", processFailure);
        double exact = Math.log(processFailure) / Math.log(adversary);
        long size = (long) Math.ceil(exact);
        // A ratio that is an integer up to rounding (e.g. Pa = 0.1, Pf = 1e-5) must not round up.
        if (Math.abs(exact - Math.rint(exact)) < 1e-9) {
            size = (long) Math.rint(exact);
        }
        return (int) Math.max(1, size);
    }

    /** Pa^Np: the chance that one process shard is entirely adversarial (with-replacement model). */
    public static double processShardFailure(double adversary, int processShardSize) {
        return Math.pow(adversary, processShardSize);
    }

    /** P[Bin(Nc, Pa) ≥ breaking count]: Eq. 3 under the chosen tie rule. */
    public static double controlShardFailure(double adversary, int controlShardSize, ThresholdRule rule) {
        return Tails.binomialUpperTail(controlShardSize, adversary, rule.breakingCount(controlShardSize, 2));
    }

    /**
     * GetNc: the smallest Nc whose failure rate is below {@code controlFailure}. The notebook starts
     * at 3 and leaves out the j = Nc term; we start at 1 and sum the full tail (the term is negligible
     * and the tables are unchanged, which the tests check).
     */
    public static int controlShardSize(double adversary, double controlFailure, ThresholdRule rule) {
        Fractions.requireProbability("adversary", adversary);
        Fractions.requireProbability("control failure", controlFailure);
        if (adversary >= 0.5) {
            throw new IllegalArgumentException("adversary must be below 1/2 for a majority control shard, got " + adversary);
        }
        for (int nc = 1; ; nc++) {
            if (controlShardFailure(adversary, nc, rule) < controlFailure) {
                return nc;
            }
        }
    }

    /** A pair of shard sizes, printed "Np&Nc" as in the paper. */
    public record Sizes(int processShardSize, int controlShardSize) {
        @Override
        public String toString() {
            return processShardSize + "&" + controlShardSize;
        }
    }

    /** Table I cell: Pf_p = Pf_c = failure. */
    public static Sizes sizesForPerShardFailure(double adversary, double failure, ThresholdRule rule) {
        return new Sizes(processShardSize(adversary, failure), controlShardSize(adversary, failure, rule));
    }

    /**
     * Algorithm 4's answer for a network. {@code perShardFailure} is the power of ten i it settled
     * on, {@code designBound} the f(i) = i·(β + Λ) it compared with the target, and
     * {@code failureBound} the same union bound with each shard's actual failure probability
     * (β·Pa^Np + Λ·Pf_c(Nc)), which is never above the design bound.
     */
    public record Plan(long nodes, double adversary, double target, int processShardSize, int controlShardSize,
                       long processShards, long controlShards, double perShardFailure, double designBound,
                       double processShardFailure, double controlShardFailure, double failureBound) {}

    /**
     * Algorithm 4 / GetNcAndNp: try i = 10^-1, 10^-2, … and take the first (largest) i with
     * f(i) = i·⌊N/GetNp(i)⌋ + i·⌊N/GetNc(i)⌋ &lt; target (the notebook's strict comparison).
     */
    public static Plan plan(long nodes, double adversary, double target, ThresholdRule rule) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        }
        Fractions.requireProbability("adversary", adversary);
        Fractions.requireProbability("target", target);
        for (int k = 1; k <= MAX_EXPONENT; k++) {
            double i = Double.parseDouble("1e-" + k);
            int np = processShardSize(adversary, i);
            int nc = controlShardSize(adversary, i, rule);
            if (nc > nodes || np > nodes) {
                throw new IllegalArgumentException("no configuration: at per-shard failure " + i
                        + " a shard needs more than the " + nodes + " nodes available (Np=" + np + ", Nc=" + nc + ")");
            }
            long beta = nodes / np;
            long lambda = nodes / nc;
            double f = i * beta + i * lambda;
            if (f < target) {
                double pp = processShardFailure(adversary, np);
                double pc = controlShardFailure(adversary, nc, rule);
                return new Plan(nodes, adversary, target, np, nc, beta, lambda, i, f, pp, pc, beta * pp + lambda * pc);
            }
        }
        throw new IllegalArgumentException("target " + target + " not reached with per-shard failure down to 1e-" + MAX_EXPONENT);
    }

    /** A recomputed table: row labels, column labels and "Np&Nc" cells. */
    public record Table(String title, String rowHeader, List<String> rows, List<String> columns, List<List<Sizes>> cells) {}

    /** Table I: Np&Nc for Pf_p = Pf_c (rows) against Pa (columns). */
    public static Table table1(ThresholdRule rule) {
        List<List<Sizes>> cells = new ArrayList<>();
        for (double pf : TABLE1_FAILURES) {
            List<Sizes> row = new ArrayList<>();
            for (double pa : TABLE1_ADVERSARY) {
                row.add(sizesForPerShardFailure(pa, pf, rule));
            }
            cells.add(List.copyOf(row));
        }
        return new Table("Table I: Np&Nc for Pf_p = Pf_c (rows) and Pa (columns)", "Pf_p,Pf_c",
                TABLE1_FAILURES.stream().map(ReticulumSizing::label).toList(),
                TABLE1_ADVERSARY.stream().map(pa -> Math.round(pa * 100) + "%").toList(), List.copyOf(cells));
    }

    /** Table II: Np&Nc by Algorithm 4 for Pf_approx (rows) against N (columns), Pa = 33%. */
    public static Table table2(ThresholdRule rule) {
        List<List<Sizes>> cells = new ArrayList<>();
        for (double target : TABLE2_TARGETS) {
            List<Sizes> row = new ArrayList<>();
            for (long n : TABLE2_NODES) {
                Plan p = plan(n, TABLE2_ADVERSARY, target, rule);
                row.add(new Sizes(p.processShardSize(), p.controlShardSize()));
            }
            cells.add(List.copyOf(row));
        }
        return new Table("Table II: Np&Nc by Algorithm 4 for Pf_approx (rows) and N (columns), Pa = 33%", "Pf_approx",
                TABLE2_TARGETS.stream().map(ReticulumSizing::label).toList(),
                TABLE2_NODES.stream().map(String::valueOf).toList(), List.copyOf(cells));
    }

    private static String label(double p) {
        return String.format(java.util.Locale.ROOT, "%.0e", p);
    }

    /** Eq. 6 worst case: success rate (τ − Np + 1)/τ of a process block when Np − 1 members are adversarial. */
    public static double worstCaseSuccessRate(int processShardSize, long tau) {
        if (tau < processShardSize) {
            throw new IllegalArgumentException("tau must be at least the process-shard size " + processShardSize + ", got " + tau);
        }
        return (double) (tau - processShardSize + 1) / tau;
    }

    /**
     * The smallest τ ≥ Np with (τ − Np + 1)/τ ≥ Rp. The rate is read as the decimal that prints it
     * (0.9, not 0.9000000000000000222) so that Rp = 90% with Np = 15 gives the paper's 140.
     */
    public static long minimalTau(int processShardSize, double successRate) {
        if (processShardSize < 1) {
            throw new IllegalArgumentException("process-shard size must be at least 1, got " + processShardSize);
        }
        Fractions.requireFraction("success rate", successRate);
        BigDecimal rate = BigDecimal.valueOf(successRate);
        long bound = BigDecimal.valueOf(processShardSize - 1L)
                .divide(BigDecimal.ONE.subtract(rate), 0, RoundingMode.CEILING).longValueExact();
        return Math.max(processShardSize, bound);
    }

    /** Eq. 1: T2 = λ·(⌊Nc/Np⌋ − Ns + 1), with Ns the process shards that succeeded in phase 1. */
    public static double secondPhaseBound(double lambda, int controlShardSize, int processShardSize, int succeeded) {
        int governed = controlShardSize / processShardSize;
        if (succeeded < 0 || succeeded > governed) {
            throw new IllegalArgumentException("succeeded must be in [0, " + governed + "], got " + succeeded);
        }
        return lambda * (governed - succeeded + 1);
    }
}

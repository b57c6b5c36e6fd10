package org.spindle.sim.workload;

import java.util.random.RandomGenerator;
import org.spindle.protocol.runtime.Time;

/**
 * Submission times of an offered load of {@code ratePerSecond} transactions per second, from
 * {@code startMicros}. {@link Constant} spaces them evenly (the k-th at start + k/rate, rounded to a
 * microsecond, so rounding never accumulates); {@link Poisson} draws exponential gaps with the same
 * mean, which is how independent clients arrive.
 */
public sealed interface Arrivals permits Arrivals.Constant, Arrivals.Poisson {
    /** The next submission time in µs; non-decreasing. */
    long next();

    double ratePerSecond();

    static Arrivals constant(double ratePerSecond, long startMicros) {
        return new Constant(ratePerSecond, startMicros);
    }

    static Arrivals poisson(double ratePerSecond, long startMicros, RandomGenerator random) {
        return new Poisson(ratePerSecond, startMicros, random);
    }

    private static void checkRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be positive and finite, got " + rate);
        }
    }

    final class Constant implements Arrivals {
        private final double rate;
        private final long start;
        private long k;

        Constant(double rate, long start) {
            checkRate(rate);
            this.rate = rate;
            this.start = start;
        }

        @Override
        public long next() {
            return start + Math.round(k++ * Time.MICROS_PER_SECOND / rate);
        }

        @Override
        public double ratePerSecond() {
            return rate;
        }
    }

    final class Poisson implements Arrivals {
        private final double rate;
        private final RandomGenerator random;
        private double t;

        Poisson(double rate, long start, RandomGenerator random) {
            checkRate(rate);
            this.rate = rate;
            this.random = random;
            this.t = start;
        }

        @Override
        public long next() {
            // Inverse-CDF draw of an exponential gap; 1 - u is in (0, 1], so the log is finite.
            t += -Math.log(1.0 - random.nextDouble()) * Time.MICROS_PER_SECOND / rate;
            return Math.round(t);
        }

        @Override
        public double ratePerSecond() {
            return rate;
        }
    }
}

package org.spindle.sim;

import java.util.random.RandomGenerator;

/** One-way propagation delay of a message, drawn per message, in microseconds (never negative). */
public sealed interface LatencyModel {
    long sample(RandomGenerator rnd);

    record Fixed(long micros) implements LatencyModel {
        public Fixed {
            require(micros >= 0, "fixed latency must be non-negative");
        }

        @Override
        public long sample(RandomGenerator rnd) {
            return micros;
        }
    }

    record Uniform(long minMicros, long maxMicros) implements LatencyModel {
        public Uniform {
            require(minMicros >= 0 && maxMicros >= minMicros, "uniform latency needs 0 <= min <= max");
        }

        @Override
        public long sample(RandomGenerator rnd) {
            return minMicros == maxMicros ? minMicros : rnd.nextLong(minMicros, maxMicros + 1);
        }
    }

    /** Normal, cut at zero (a negative draw becomes 0). */
    record Normal(double meanMicros, double stddevMicros) implements LatencyModel {
        public Normal {
            require(meanMicros >= 0 && stddevMicros >= 0, "normal latency needs mean >= 0 and stddev >= 0");
        }

        @Override
        public long sample(RandomGenerator rnd) {
            return Math.max(0L, Math.round(meanMicros + stddevMicros * rnd.nextGaussian()));
        }
    }

    /** Log-normal with the given median and shape {@code sigma} (the stddev of the log). */
    record LogNormal(double medianMicros, double sigma) implements LatencyModel {
        public LogNormal {
            require(medianMicros > 0 && sigma >= 0, "log-normal latency needs median > 0 and sigma >= 0");
        }

        @Override
        public long sample(RandomGenerator rnd) {
            return Math.round(medianMicros * Math.exp(sigma * rnd.nextGaussian()));
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

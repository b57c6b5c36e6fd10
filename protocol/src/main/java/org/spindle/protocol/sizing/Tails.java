package org.spindle.protocol.sizing;

/**
 * Upper-tail probabilities of the hypergeometric and binomial distributions in double precision,
 * accurate in relative terms far below 1e-30.
 *
 * <p>Why not sum {@code exp(lgamma(..))} terms: a log-binomial coefficient of 20,000 nodes is a
 * difference of numbers near 1.8e5, so every term would lose about six digits. Instead one point
 * mass is computed with Loader's saddle-point form (Stirling-series remainders plus the deviance
 * {@code bd0}), which keeps full relative precision, and its neighbours follow by the exact ratio
 * of consecutive masses. The sum starts at the larger of the threshold and the mode and walks
 * outwards while terms still matter, so a tail costs a few hundred multiplications at most.
 */
public final class Tails {
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN_2PI = Math.log(2 * Math.PI);
    /** Terms smaller than this fraction of the running sum no longer change a double result. */
    private static final double NEGLIGIBLE = 1e-18;
    private static final double[] SMALL_STIRLING_ERROR = new double[16];

    static {
        double logFactorial = 0;
        for (int n = 1; n < SMALL_STIRLING_ERROR.length; n++) {
            logFactorial += Math.log(n);
            SMALL_STIRLING_ERROR[n] = logFactorial - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
        }
    }

    private Tails() {}

    /** P[X ≥ atLeast] where X counts marked items in a uniform sample without replacement. */
    public static double hypergeometricUpperTail(long population, long marked, long sample, long atLeast) {
        return Math.exp(logHypergeometricUpperTail(population, marked, sample, atLeast));
    }

    /** Natural log of {@link #hypergeometricUpperTail}; {@code -Infinity} when the tail is empty. */
    public static double logHypergeometricUpperTail(long population, long marked, long sample, long atLeast) {
        checkHypergeometric(population, marked, sample);
        long lo = Math.max(0, sample - (population - marked));
        long hi = Math.min(sample, marked);
        if (atLeast <= lo) {
            return 0.0;
        }
        if (atLeast > hi) {
            return Double.NEGATIVE_INFINITY;
        }
        long mode = (long) Math.floor((sample + 1.0) * (marked + 1.0) / (population + 2.0));
        mode = Math.clamp(mode, lo, hi);
        long start = Math.max(atLeast, mode);
        double logStart = logHypergeometricMass(population, marked, sample, start);
        double sum = 1.0;
        double term = 1.0;
        double rest = population - marked - sample;
        for (long x = start; x < hi; x++) {
            term *= (double) (marked - x) * (sample - x) / ((x + 1.0) * (rest + x + 1.0));
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        term = 1.0;
        for (long x = start; x > atLeast; x--) {
            term *= x * (rest + x) / ((double) (marked - x + 1) * (sample - x + 1));
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return logStart + Math.log(sum);
    }

    /** P[X = x] for the hypergeometric distribution. */
    public static double hypergeometricMass(long population, long marked, long sample, long x) {
        checkHypergeometric(population, marked, sample);
        return Math.exp(logHypergeometricMass(population, marked, sample, x));
    }

    static double logHypergeometricMass(long population, long marked, long sample, long x) {
        if (x < Math.max(0, sample - (population - marked)) || x > Math.min(sample, marked)) {
            return Double.NEGATIVE_INFINITY;
        }
        // The hypergeometric mass is a ratio of three binomial masses at p = sample/population.
        double p = (double) sample / population;
        double q = (double) (population - sample) / population;
        return logBinomialMass(x, marked, p, q)
                + logBinomialMass(sample - x, population - marked, p, q)
                - logBinomialMass(sample, population, p, q);
    }

    /** P[X ≥ atLeast] for X ~ Binomial(trials, p). */
    public static double binomialUpperTail(long trials, double p, long atLeast) {
        return Math.exp(logBinomialUpperTail(trials, p, atLeast));
    }

    /** Natural log of {@link #binomialUpperTail}. */
    public static double logBinomialUpperTail(long trials, double p, long atLeast) {
        if (trials < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("need trials >= 0 and p in [0,1], got " + trials + ", " + p);
        }
        if (atLeast <= 0) {
            return 0.0;
        }
        if (atLeast > trials || p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return 0.0;
        }
        double q = 1 - p;
        long mode = Math.clamp((long) Math.floor((trials + 1) * p), 0, trials);
        long start = Math.max(atLeast, mode);
        double logStart = logBinomialMass(start, trials, p, q);
        double odds = p / q;
        double sum = 1.0;
        double term = 1.0;
        for (long x = start; x < trials; x++) {
            term *= (double) (trials - x) / (x + 1) * odds;
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        term = 1.0;
        for (long x = start; x > atLeast; x--) {
            term *= (double) x / (trials - x + 1) / odds;
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return logStart + Math.log(sum);
    }

    /** P[X = x] for X ~ Binomial(trials, p). */
    public static double binomialMass(long trials, double p, long x) {
        return Math.exp(logBinomialMass(x, trials, p, 1 - p));
    }

    /** Loader's saddle-point log mass of Binomial(n, p) at x; q = 1 - p passed separately for accuracy. */
    static double logBinomialMass(long x, long n, double p, double q) {
        if (x < 0 || x > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 0) {
            return x == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        if (q == 0) {
            return x == n ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        if (x == 0) {
            return n == 0 ? 0.0 : n * Math.log(q);
        }
        if (x == n) {
            return n * Math.log(p);
        }
        double lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
                - deviance(x, n * p) - deviance(n - x, n * q);
        double lf = LN_2PI + Math.log(x) + Math.log1p(-(double) x / n);
        return lc - 0.5 * lf;
    }

    /** ln(n!) - [(n + 1/2) ln n - n + ln sqrt(2π)], the error of Stirling's formula. */
    static double stirlingError(long n) {
        if (n < SMALL_STIRLING_ERROR.length) {
            return SMALL_STIRLING_ERROR[(int) n];
        }
        double nn = (double) n * n;
        final double s0 = 1.0 / 12;
        final double s1 = 1.0 / 360;
        final double s2 = 1.0 / 1260;
        final double s3 = 1.0 / 1680;
        final double s4 = 1.0 / 1188;
        if (n > 500) {
            return (s0 - s1 / nn) / n;
        }
        if (n > 80) {
            return (s0 - (s1 - s2 / nn) / nn) / n;
        }
        if (n > 35) {
            return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
        }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /** x ln(x/m) + m - x, computed without cancellation when x is close to m. */
    static double deviance(double x, double m) {
        if (Math.abs(x - m) < 0.1 * (x + m)) {
            double v = (x - m) / (x + m);
            double s = (x - m) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double next = s + ej / (2 * j + 1);
                if (next == s) {
                    return next;
                }
                s = next;
            }
            return s;
        }
        return x * Math.log(x / m) + m - x;
    }

    private static void checkHypergeometric(long population, long marked, long sample) {
        if (population < 1 || marked < 0 || marked > population || sample < 0 || sample > population) {
            throw new IllegalArgumentException("need 0 <= marked <= population, 0 <= sample <= population; got population="
                    + population + ", marked=" + marked + ", sample=" + sample);
        }
    }
}

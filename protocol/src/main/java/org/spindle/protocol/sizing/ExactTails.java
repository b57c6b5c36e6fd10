package org.spindle.protocol.sizing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Tails computed from exact integer sums, rounded once at the end. Slow (big numbers), so it is
 * the reference the double-precision {@link Tails} is checked against, not what searches use.
 */
public final class ExactTails {
    /** 60 significant digits: far more than a double can hold, so the rounding never matters. */
    public static final MathContext PRECISION = new MathContext(60);

    private ExactTails() {}

    /** P[X ≥ atLeast] for the hypergeometric distribution, as an exact ratio of integer sums. */
    public static BigDecimal hypergeometricUpperTail(int population, int marked, int sample, int atLeast) {
        int hi = Math.min(sample, marked);
        int lo = Math.max(Math.max(0, sample - (population - marked)), atLeast);
        BigInteger numerator = BigInteger.ZERO;
        for (int x = lo; x <= hi; x++) {
            numerator = numerator.add(binomial(marked, x).multiply(binomial(population - marked, sample - x)));
        }
        return new BigDecimal(numerator).divide(new BigDecimal(binomial(population, sample)), PRECISION);
    }

    /**
     * P[X ≥ atLeast] for X ~ Binomial(trials, p), with p taken as the exact rational value of the
     * decimal (or binary, via {@code new BigDecimal(double)}) given.
     */
    public static BigDecimal binomialUpperTail(int trials, BigDecimal p, int atLeast) {
        BigInteger denominator = BigInteger.TEN.pow(Math.max(0, p.scale()));
        BigInteger success = p.scale() >= 0 ? p.unscaledValue() : p.toBigIntegerExact();
        BigInteger failure = denominator.subtract(success);
        BigInteger numerator = BigInteger.ZERO;
        for (int x = Math.max(0, atLeast); x <= trials; x++) {
            numerator = numerator.add(binomial(trials, x).multiply(success.pow(x)).multiply(failure.pow(trials - x)));
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator.pow(trials)), PRECISION);
    }

    /** C(n, k) exactly. */
    public static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        int small = Math.min(k, n - k);
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < small; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }
}

package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailsTest {
    private static final double RELATIVE = 1e-9;

    static double relativeError(double actual, BigDecimal exact) {
        if (exact.signum() == 0) {
            return actual == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(actual).subtract(exact).abs().divide(exact, MathContext.DECIMAL64).doubleValue();
    }

    /** ln of an exact positive value, even far below the smallest double. */
    static double lnExact(BigDecimal exact) {
        return Math.log(exact.unscaledValue().doubleValue()) - exact.scale() * Math.log(10);
    }

    /** The log-space tail must match to 1e-9 absolute, i.e. the value to 1e-9 relative, at any magnitude. */
    static void assertLogTailMatches(double fastLog, BigDecimal exact, String what) {
        if (exact.signum() == 0) {
            assertThat(fastLog).as(what).isEqualTo(Double.NEGATIVE_INFINITY);
        } else {
            assertThat(Math.abs(fastLog - lnExact(exact))).as(what).isLessThan(RELATIVE);
        }
    }

    @ParameterizedTest(name = "H(N={0}, K={1}, k={2}) >= {3}")
    @CsvSource({
        "5000, 1650, 277, 139",
        "5000, 1650, 149, 75",
        "5000, 1250, 481, 161",
        "20000, 6600, 300, 150",
        "20000, 5000, 400, 200",
        "20000, 5000, 600, 300",
        "800, 200, 400, 134",
        "3000, 375, 100, 34",
        "1000, 330, 200, 200",
        "1000, 330, 50, 1",
        "50, 10, 20, 0",
        "30, 29, 30, 29",
    })
    void hypergeometricTailsMatchExactRationalArithmetic(int population, int marked, int sample, int atLeast) {
        BigDecimal exact = ExactTails.hypergeometricUpperTail(population, marked, sample, atLeast);
        double fast = Tails.hypergeometricUpperTail(population, marked, sample, atLeast);
        assertThat(relativeError(fast, exact)).as("exact %s, fast %s", exact, fast).isLessThan(RELATIVE);
    }

    @ParameterizedTest(name = "Bin(n={0}, p={1}) >= {2}")
    @CsvSource({
        "329, 0.33, 165",
        "293, 0.33, 147",
        "21, 0.33, 21",
        "63, 0.33, 45",
        "600, 0.25, 300",
        "400, 0.1, 150",
        "1000, 0.33, 1",
        "1000, 0.33, 400",
        "200, 0.5, 100",
        "10, 0.9, 3",
    })
    void binomialTailsMatchExactRationalArithmetic(int trials, String p, int atLeast) {
        BigDecimal exact = ExactTails.binomialUpperTail(trials, new BigDecimal(p), atLeast);
        double fast = Tails.binomialUpperTail(trials, Double.parseDouble(p), atLeast);
        // The double p differs from the decimal by < 1 ulp; that moves the tail by about n·ulp relative.
        assertThat(relativeError(fast, exact)).as("exact %s, fast %s", exact, fast).isLessThan(RELATIVE);
    }

    @Test
    void tailsNearTenToTheMinusThirtyKeepTheirRelativePrecision() {
        BigDecimal exactHyper = ExactTails.hypergeometricUpperTail(5000, 1650, 700, 366);
        BigDecimal exactBinomial = ExactTails.binomialUpperTail(600, new BigDecimal("0.33"), 335);
        assertThat(exactHyper.doubleValue()).isBetween(1e-33, 1e-27);
        assertThat(exactBinomial.doubleValue()).isBetween(1e-33, 1e-27);
        assertThat(relativeError(Tails.hypergeometricUpperTail(5000, 1650, 700, 366), exactHyper)).isLessThan(RELATIVE);
        assertThat(relativeError(Tails.binomialUpperTail(600, 0.33, 335), exactBinomial)).isLessThan(RELATIVE);
    }

    @Property(tries = 40)
    void hypergeometricAgreesWithExactArithmeticOnSmallCases(
            @ForAll @IntRange(min = 1, max = 300) int population, @ForAll @IntRange(min = 0, max = 300) int markedSeed,
            @ForAll @IntRange(min = 0, max = 300) int sampleSeed, @ForAll @IntRange(min = 0, max = 300) int thresholdSeed) {
        int marked = markedSeed % (population + 1);
        int sample = sampleSeed % (population + 1);
        int atLeast = thresholdSeed % (sample + 2);
        BigDecimal exact = ExactTails.hypergeometricUpperTail(population, marked, sample, atLeast);
        assertLogTailMatches(Tails.logHypergeometricUpperTail(population, marked, sample, atLeast), exact,
                "N=%d K=%d k=%d t=%d exact=%s".formatted(population, marked, sample, atLeast, exact));
    }

    @Property(tries = 40)
    void binomialAgreesWithExactArithmeticOnSmallCases(
            @ForAll @IntRange(min = 1, max = 250) int trials, @ForAll @IntRange(min = 1, max = 99) int percent,
            @ForAll @IntRange(min = 0, max = 260) int thresholdSeed) {
        int atLeast = thresholdSeed % (trials + 2);
        double p = percent / 100.0;
        BigDecimal exact = ExactTails.binomialUpperTail(trials, BigDecimal.valueOf(percent, 2), atLeast);
        // Values below the double range (e.g. 0.01^158 = 1e-316) are compared in log space.
        assertLogTailMatches(Tails.logBinomialUpperTail(trials, p, atLeast), exact,
                "n=%d p=%s t=%d exact=%s".formatted(trials, p, atLeast, exact));
        if (exact.compareTo(new BigDecimal("1e-300")) > 0) {
            assertThat(relativeError(Tails.binomialUpperTail(trials, p, atLeast), exact)).isLessThan(RELATIVE);
        }
    }

    @Property(tries = 50)
    void tailsAreMonotoneInTheThreshold(
            @ForAll @IntRange(min = 10, max = 20000) int population, @ForAll @DoubleRange(min = 0, max = 0.99) double fraction,
            @ForAll @IntRange(min = 1, max = 500) int sampleSeed, @ForAll @IntRange(min = 0, max = 500) int thresholdSeed) {
        int marked = (int) (fraction * population);
        int sample = Math.min(sampleSeed, population);
        int t = thresholdSeed % (sample + 1);
        assertThat(Tails.hypergeometricUpperTail(population, marked, sample, t + 1))
                .isLessThanOrEqualTo(Tails.hypergeometricUpperTail(population, marked, sample, t) * (1 + 1e-12));
        assertThat(Tails.binomialUpperTail(sample, fraction, t + 1))
                .isLessThanOrEqualTo(Tails.binomialUpperTail(sample, fraction, t) * (1 + 1e-12));
    }

    @Property(tries = 50)
    void tailsAreMonotoneInTheMarkedCount(
            @ForAll @IntRange(min = 10, max = 20000) int population, @ForAll @DoubleRange(min = 0, max = 0.98) double fraction,
            @ForAll @IntRange(min = 1, max = 500) int sampleSeed, @ForAll @IntRange(min = 0, max = 500) int thresholdSeed) {
        int marked = (int) (fraction * population);
        int sample = Math.min(sampleSeed, population);
        int t = thresholdSeed % (sample + 1);
        assertThat(Tails.hypergeometricUpperTail(population, marked + 1, sample, t))
                .isGreaterThanOrEqualTo(Tails.hypergeometricUpperTail(population, marked, sample, t) * (1 - 1e-12));
        assertThat(Tails.binomialUpperTail(sample, Math.min(0.999, fraction + 0.01), t))
                .isGreaterThanOrEqualTo(Tails.binomialUpperTail(sample, fraction, t) * (1 - 1e-12));
    }

    @Property(tries = 20)
    void hypergeometricTendsToBinomialAsThePopulationGrows(
            @ForAll @IntRange(min = 5, max = 60) int sample, @ForAll @IntRange(min = 5, max = 45) int percent,
            @ForAll @IntRange(min = 0, max = 60) int thresholdSeed) {
        int t = thresholdSeed % (sample + 1);
        double p = percent / 100.0;
        double binomial = Tails.binomialUpperTail(sample, p, t);
        double small = Tails.hypergeometricUpperTail(1_000, Math.round(p * 1_000), sample, t);
        double large = Tails.hypergeometricUpperTail(10_000_000, Math.round(p * 10_000_000), sample, t);
        assertThat(Math.abs(large - binomial)).isLessThanOrEqualTo(Math.abs(small - binomial) + 1e-15);
        // Relative gap shrinks like sample²/population: below 1% at ten million.
        assertThat(Math.abs(large - binomial)).isLessThanOrEqualTo(1e-2 * binomial + 1e-15);
    }

    @Test
    void emptyAndCertainTailsAreExact() {
        assertThat(Tails.hypergeometricUpperTail(100, 30, 10, 0)).isEqualTo(1.0);
        assertThat(Tails.hypergeometricUpperTail(100, 30, 10, 11)).isZero();
        assertThat(Tails.hypergeometricUpperTail(100, 95, 10, 5)).isEqualTo(1.0);
        assertThat(Tails.binomialUpperTail(10, 0.0, 1)).isZero();
        assertThat(Tails.binomialUpperTail(10, 1.0, 10)).isEqualTo(1.0);
    }

    @Test
    void impossibleParametersAreRejected() {
        assertThatThrownBy(() -> Tails.hypergeometricUpperTail(10, 11, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tails.hypergeometricUpperTail(10, 5, 11, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tails.binomialUpperTail(10, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

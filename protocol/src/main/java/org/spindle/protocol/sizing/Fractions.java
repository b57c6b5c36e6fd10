package org.spindle.protocol.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Floors and ceilings of fraction × integer done in decimal, so 0.9 × 10 is exactly 9. */
final class Fractions {
    private Fractions() {}

    /** ⌊fraction · n⌋ with the fraction read as the shortest decimal that prints it. */
    static long floorOf(double fraction, long n) {
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** ⌈fraction · n⌉ with the fraction read as the shortest decimal that prints it. */
    static long ceilOf(double fraction, long n) {
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static void requireFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0,1), got " + value);
        }
    }

    static void requireProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0,1), got " + value);
        }
    }
}

package org.spindle.protocol.sizing;

/**
 * How a fractional fault threshold θ = 1/d becomes a count of adversarial seats that breaks a shard
 * of size m. The papers disagree on ties (reticulum.md §1.6, gearbox-and-baseline.md §3), so both
 * readings are offered.
 */
public enum ThresholdRule {
    /** Failure when x ≥ ⌈m/d⌉: holding exactly a d-th counts as failure. Reproduces Reticulum's tables. */
    TIE_FAILS,
    /** Failure when x ≥ ⌊m/d⌋ + 1: strictly more than a d-th is needed (Eq. 3 read literally). */
    STRICTLY_MORE;

    /** The smallest adversarial count that breaks a shard of {@code size} seats at threshold 1/divisor. */
    public long breakingCount(long size, int divisor) {
        return switch (this) {
            case TIE_FAILS -> (size + divisor - 1) / divisor;
            case STRICTLY_MORE -> size / divisor + 1;
        };
    }
}

package org.spindle.sim;

/**
 * Calibrated costs the simulated core charges, in microseconds. The verify default is the measured
 * Ed25519 figure of CONVENTIONS.md (12,800 verifications/s on one core = 78 µs). No signing figure
 * was measured; signing is charged like a verification, which overstates it a little.
 */
public record CpuCosts(long verifyMicros, long signMicros, long hashMicros, long perMessageMicros) {
    public static final long ED25519_VERIFY_MICROS = 1_000_000L / 12_800L;
    public static final CpuCosts DEFAULTS = new CpuCosts(ED25519_VERIFY_MICROS, ED25519_VERIFY_MICROS, 0, 0);
    public static final CpuCosts FREE = new CpuCosts(0, 0, 0, 0);

    public CpuCosts {
        if (verifyMicros < 0 || signMicros < 0 || hashMicros < 0 || perMessageMicros < 0) {
            throw new IllegalArgumentException("CPU costs must be non-negative");
        }
    }
}

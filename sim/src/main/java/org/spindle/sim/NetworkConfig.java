package org.spindle.sim;

/** Per-node link rates in bits per second and the latency distribution. */
public record NetworkConfig(long uplinkBitsPerSecond, long downlinkBitsPerSecond, LatencyModel latency) {
    public static final long MBPS = 1_000_000L;
    public static final NetworkConfig DEFAULTS = new NetworkConfig(50 * MBPS, 50 * MBPS,
            new LatencyModel.Fixed(50_000));

    public NetworkConfig {
        if (uplinkBitsPerSecond <= 0 || downlinkBitsPerSecond <= 0) {
            throw new IllegalArgumentException("link rates must be positive");
        }
    }
}

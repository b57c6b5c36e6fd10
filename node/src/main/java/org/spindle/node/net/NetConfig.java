package org.spindle.node.net;

/**
 * Transport limits and timings.
 *
 * @param maxFrameBytes the largest frame body accepted or sent; a longer frame is dropped unread
 * @param maxBadFrames a peer is disconnected at this many malformed or oversized frames
 * @param handshakeTimeoutMillis a connection not authenticated by then is closed
 * @param minBackoffMillis the first redial delay; it doubles per failure up to {@code maxBackoffMillis}
 * @param pendingPerPeer frames kept for a peer while it is not connected (and at most
 *     {@code writeHighWaterBytes} of them); the oldest are dropped first
 * @param writeHighWaterBytes above this many unflushed bytes to a peer, new frames to it are dropped
 */
public record NetConfig(int maxFrameBytes, int maxBadFrames, long handshakeTimeoutMillis, long minBackoffMillis,
        long maxBackoffMillis, int pendingPerPeer, int writeHighWaterBytes) {
    public NetConfig {
        if (maxFrameBytes < 1024 || maxBadFrames < 1 || handshakeTimeoutMillis < 1 || minBackoffMillis < 1
                || maxBackoffMillis < minBackoffMillis || pendingPerPeer < 1 || writeHighWaterBytes < maxFrameBytes) {
            throw new IllegalArgumentException("transport limits out of range");
        }
    }

    public static NetConfig defaults() {
        return new NetConfig(16 << 20, 3, 5_000, 50, 2_000, 4096, 64 << 20);
    }

    public NetConfig withMaxFrameBytes(int bytes) {
        return new NetConfig(bytes, maxBadFrames, handshakeTimeoutMillis, minBackoffMillis, maxBackoffMillis,
                pendingPerPeer, Math.max(writeHighWaterBytes, bytes));
    }
}

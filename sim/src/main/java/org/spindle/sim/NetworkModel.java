package org.spindle.sim;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The modelled network. Each node has an uplink and a downlink, each a FIFO queue drained at its
 * rate. A message of {@code s} bytes sent at {@code t} is serialized on the sender's uplink from
 * {@code u0 = max(t, uplink free)} to {@code u1 = u0 + 8s/up}; its first bit reaches the receiver
 * after the drawn latency {@code L}; the receiver's downlink takes it from
 * {@code d0 = max(u0 + L, downlink free)} and it is delivered at
 * {@code max(d0 + 8s/down, u1 + L)}: never before its last bit left the sender. The downlink stays
 * busy until then, which is exact for one sender and conservative when slow senders share it.
 *
 * <p>Partitions and cut links are checked when a message reaches the receiver: the sender's
 * uplink is spent either way, as in a real network.
 */
final class NetworkModel {
    private final long[] upFree;
    private final long[] downFree;
    private final long upBps;
    private final long downBps;
    private final LatencyModel latency;
    private int[] group;
    /** Cut links as (min << 32 | max); only looked up, never iterated. */
    private final Set<Long> cut = new HashSet<>();

    NetworkModel(int nodes, NetworkConfig config) {
        upFree = new long[nodes];
        downFree = new long[nodes];
        upBps = config.uplinkBitsPerSecond();
        downBps = config.downlinkBitsPerSecond();
        latency = config.latency();
    }

    LatencyModel latency() {
        return latency;
    }

    /** Reserves the uplink for a message; returns its serialization start time. */
    long uplinkStart(int from, int size, long now) {
        long start = Math.max(now, upFree[from]);
        upFree[from] = start + serializationMicros(size, upBps);
        return start;
    }

    long uplinkEnd(int from) {
        return upFree[from];
    }

    /** Reserves the downlink for a message whose first bit arrives now; returns its delivery time. */
    long downlinkDelivery(int to, int size, long firstBit, long lastBitArrival) {
        long start = Math.max(firstBit, downFree[to]);
        long end = Math.max(start + serializationMicros(size, downBps), lastBitArrival);
        downFree[to] = end;
        return end;
    }

    boolean connected(int a, int b) {
        if (group != null && group[a] != group[b]) {
            return false;
        }
        return cut.isEmpty() || !cut.contains(linkKey(a, b));
    }

    /** A restarted node's links start idle. */
    void resetQueues(int node, long now) {
        upFree[node] = Math.max(upFree[node], now);
        downFree[node] = Math.max(downFree[node], now);
    }

    void partition(List<List<Integer>> groups) {
        int[] g = new int[upFree.length];
        Arrays.fill(g, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            for (int n : groups.get(i)) {
                g[n] = i;
            }
        }
        group = g;
    }

    void heal() {
        group = null;
    }

    void cut(List<List<Integer>> links) {
        links.forEach(l -> cut.add(linkKey(l.get(0), l.get(1))));
    }

    void restore(List<List<Integer>> links) {
        links.forEach(l -> cut.remove(linkKey(l.get(0), l.get(1))));
    }

    static long serializationMicros(long sizeBytes, long bitsPerSecond) {
        long bits = sizeBytes * 8L;
        return (bits * 1_000_000L + bitsPerSecond - 1) / bitsPerSecond;
    }

    private static long linkKey(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | hi;
    }
}

package org.spindle.sim;

import java.nio.ByteBuffer;
import org.spindle.core.crypto.Hashing;

/**
 * A running fingerprint of every event a run delivers: each event's fields are folded into a
 * 64-bit state with a strong mixer (cheap enough for millions of events per second), and the final
 * value is SHA-256 of that state and the event count. Two runs with the same hash delivered the same
 * events, at the same times, in the same order (up to a 2^-64 chance of a collision in the state).
 */
final class TraceHash {
    private long state = 0x5350494E444C45L; // "SPINDLE"
    private long count;

    void add(long time, int kind, int node, int from, long detail) {
        long h = state;
        h = mix(h ^ time);
        h = mix(h ^ (((long) kind << 56) ^ ((long) node << 28) ^ from));
        h = mix(h ^ detail);
        state = h;
        count++;
    }

    long count() {
        return count;
    }

    String hex() {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(state).putLong(count);
        return Hashing.sha256(b.array()).toHex();
    }

    /** The finalizer of SplitMix64: a bijection with full avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

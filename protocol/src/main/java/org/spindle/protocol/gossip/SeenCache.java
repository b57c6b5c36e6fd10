package org.spindle.protocol.gossip;

import java.util.Arrays;

/**
 * A bounded set of recently seen item keys. Two generations of open-addressed long sets: when the
 * current one holds {@code capacity / 2} keys, the older one is cleared and the two swap, so at
 * most {@code capacity} keys are kept, the newest half always. An item older than that is
 * forgotten and, if it comes back, forwarded again: the price of a bounded memory per node.
 */
public final class SeenCache {
    private final int generationSize;
    private long[] current;
    private long[] previous;
    private int currentCount;
    private boolean currentHasZero;
    private boolean previousHasZero;

    public SeenCache(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.generationSize = capacity / 2;
        int slots = Integer.highestOneBit(Math.max(4, generationSize * 2 - 1)) << 1;
        current = new long[slots];
        previous = new long[slots];
    }

    public boolean contains(long key) {
        return in(current, currentHasZero, key) || in(previous, previousHasZero, key);
    }

    /** Adds {@code key}; returns false if it was already there. */
    public boolean add(long key) {
        if (contains(key)) {
            return false;
        }
        if (currentCount == generationSize) {
            long[] t = previous;
            previous = current;
            previousHasZero = currentHasZero;
            Arrays.fill(t, 0L);
            current = t;
            currentHasZero = false;
            currentCount = 0;
        }
        if (key == 0) {
            currentHasZero = true;
        } else {
            int mask = current.length - 1;
            int i = mix(key) & mask;
            while (current[i] != 0) {
                i = (i + 1) & mask;
            }
            current[i] = key;
        }
        currentCount++;
        return true;
    }

    private static boolean in(long[] table, boolean hasZero, long key) {
        if (key == 0) {
            return hasZero;
        }
        int mask = table.length - 1;
        int i = mix(key) & mask;
        while (true) {
            long k = table[i];
            if (k == key) {
                return true;
            }
            if (k == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

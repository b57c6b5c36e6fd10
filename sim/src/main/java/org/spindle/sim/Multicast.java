package org.spindle.sim;

import java.util.Arrays;
import org.spindle.protocol.runtime.Message;

/**
 * One message sent to many receivers in one call, as the engine's arrivals: the k-th copy was given
 * sequence number {@code firstSeq + k} when it was sent, exactly as k separate sends would have
 * been, and reaches its receiver's downlink at {@code arrive[k]}. The copies are walked in
 * (arrival, sequence) order by a single event-heap entry, so a broadcast to a committee of hundreds
 * costs one heap entry in flight rather than hundreds, and the events still run in the order
 * separate entries would have given them.
 */
final class Multicast {
    final int sender;
    final Message message;
    /** The message's encoded size, computed once for all copies. */
    final int size;
    private final int[] to;
    private final long[] arrive;
    private final long[] lastBit;
    private final long firstSeq;
    /** Copy indices in (arrival, sequence) order, or null when they are in that order already. */
    private final int[] order;
    private int next;

    /** The arrays are taken over, not copied; {@code count} of their entries are used. */
    Multicast(int sender, Message message, int size, int[] to, long[] arrive, long[] lastBit, int count,
            long firstSeq, boolean sorted) {
        this.sender = sender;
        this.message = message;
        this.size = size;
        this.to = count == to.length ? to : Arrays.copyOf(to, count);
        this.arrive = count == arrive.length ? arrive : Arrays.copyOf(arrive, count);
        this.lastBit = count == lastBit.length ? lastBit : Arrays.copyOf(lastBit, count);
        this.firstSeq = firstSeq;
        this.order = sorted ? null : byArrival(this.arrive);
    }

    /** Indices sorted by arrival time, ties kept in sending order (a stable sort). */
    private static int[] byArrival(long[] arrive) {
        Integer[] idx = new Integer[arrive.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(arrive[a], arrive[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private int index(int k) {
        return order == null ? k : order[k];
    }

    boolean hasNext() {
        return next < to.length;
    }

    long nextTime() {
        return arrive[index(next)];
    }

    long nextSeq() {
        return firstSeq + index(next);
    }

    int nextTo() {
        return to[index(next)];
    }

    long nextLastBit() {
        return lastBit[index(next)];
    }

    void advance() {
        next++;
    }
}

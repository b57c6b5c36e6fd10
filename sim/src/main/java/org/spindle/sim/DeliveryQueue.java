package org.spindle.sim;

import org.spindle.protocol.runtime.Message;

/**
 * The messages one node's downlink has finished receiving and that wait for their delivery time,
 * in the order the downlink took them. The downlink is a FIFO, so both the delivery times and the
 * sequence numbers the engine gives them grow along this queue; the engine therefore keeps only
 * its head in the event heap (see {@link Simulation}), instead of one heap entry per message in
 * flight. A ring of parallel arrays, grown by doubling, so queueing a message allocates nothing;
 * each entry's time and sequence number sit side by side, read together.
 */
final class DeliveryQueue {
    /** Time at {@code 2i}, sequence number at {@code 2i + 1}. */
    private long[] timeSeq = new long[16];
    private int[] from = new int[8];
    private Message[] message = new Message[8];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(long t, long q, int f, Message m) {
        if (size > 0) {
            int last = (head + size - 1) & (from.length - 1);
            if (t < timeSeq[2 * last] || q <= timeSeq[2 * last + 1]) {
                throw new IllegalStateException("a downlink delivers in order: (" + t + ", " + q + ") after ("
                        + timeSeq[2 * last] + ", " + timeSeq[2 * last + 1] + ")");
            }
        }
        if (size == from.length) {
            grow();
        }
        int i = (head + size) & (from.length - 1);
        timeSeq[2 * i] = t;
        timeSeq[2 * i + 1] = q;
        from[i] = f;
        message[i] = m;
        size++;
    }

    long headTime() {
        return timeSeq[2 * head];
    }

    long headSeq() {
        return timeSeq[2 * head + 1];
    }

    int headFrom() {
        return from[head];
    }

    Message headMessage() {
        return message[head];
    }

    /** Drops the head; the queue must not be empty. */
    void poll() {
        message[head] = null;
        head = (head + 1) & (from.length - 1);
        size--;
    }

    private void grow() {
        int n = from.length;
        long[] ts = new long[4 * n];
        int[] f = new int[2 * n];
        Message[] m = new Message[2 * n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            ts[2 * k] = timeSeq[2 * i];
            ts[2 * k + 1] = timeSeq[2 * i + 1];
            f[k] = from[i];
            m[k] = message[i];
        }
        timeSeq = ts;
        from = f;
        message = m;
        head = 0;
    }
}

package org.spindle.sim;

import org.spindle.protocol.runtime.Message;

/**
 * The messages one node's downlink has finished receiving and that wait for their delivery time,
 * in the order the downlink took them. The downlink is a FIFO, so both the delivery times and the
 * sequence numbers the engine gives them grow along this queue; the engine therefore keeps only
 * its head in the event heap (see {@link Simulation}), instead of one heap entry per message in
 * flight. A ring of parallel arrays, grown by doubling, so queueing a message allocates nothing.
 */
final class DeliveryQueue {
    private long[] time = new long[8];
    private long[] seq = new long[8];
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
            int last = (head + size - 1) & (time.length - 1);
            if (t < time[last] || q <= seq[last]) {
                throw new IllegalStateException("a downlink delivers in order: (" + t + ", " + q + ") after ("
                        + time[last] + ", " + seq[last] + ")");
            }
        }
        if (size == time.length) {
            grow();
        }
        int i = (head + size) & (time.length - 1);
        time[i] = t;
        seq[i] = q;
        from[i] = f;
        message[i] = m;
        size++;
    }

    long headTime() {
        return time[head];
    }

    long headSeq() {
        return seq[head];
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
        head = (head + 1) & (time.length - 1);
        size--;
    }

    private void grow() {
        int n = time.length;
        long[] t = new long[n * 2];
        long[] q = new long[n * 2];
        int[] f = new int[n * 2];
        Message[] m = new Message[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            t[k] = time[i];
            q[k] = seq[i];
            f[k] = from[i];
            m[k] = message[i];
        }
        time = t;
        seq = q;
        from = f;
        message = m;
        head = 0;
    }
}

package org.spindle.sim;

import java.util.Arrays;

/**
 * The simulator's priority queue: a binary heap of slot numbers ordered by (time, sequence), the
 * sequence being assigned at push, so events at the same time run in the order they were
 * scheduled. Event fields live in parallel primitive arrays indexed by slot, recycled through a
 * free list, so the hot path allocates nothing and never boxes.
 */
final class EventQueue {
    private long[] time;
    private long[] seq;
    private long[] aux;
    private int[] node;
    private int[] from;
    private byte[] kind;
    private Object[] payload;
    private int[] heap;
    private int size;
    private int[] free;
    private int freeTop;
    private int slotsUsed;
    private long nextSeq;

    EventQueue(int initialCapacity) {
        int c = Math.max(16, initialCapacity);
        time = new long[c];
        seq = new long[c];
        aux = new long[c];
        node = new int[c];
        from = new int[c];
        kind = new byte[c];
        payload = new Object[c];
        heap = new int[c];
        free = new int[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void push(long t, byte k, int n, int f, long a, Object p) {
        int s = freeTop > 0 ? free[--freeTop] : newSlot();
        time[s] = t;
        seq[s] = nextSeq++;
        kind[s] = k;
        node[s] = n;
        from[s] = f;
        aux[s] = a;
        payload[s] = p;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, s);
    }

    /** The slot of the earliest event; the queue must not be empty. */
    int peek() {
        return heap[0];
    }

    /** Removes the earliest event and returns its slot; read it, then {@link #release} it. */
    int pop() {
        int top = heap[0];
        int last = heap[--size];
        if (size > 0) {
            siftDown(0, last);
        }
        return top;
    }

    void release(int s) {
        payload[s] = null;
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = s;
    }

    long time(int s) {
        return time[s];
    }

    byte kind(int s) {
        return kind[s];
    }

    int node(int s) {
        return node[s];
    }

    int from(int s) {
        return from[s];
    }

    long aux(int s) {
        return aux[s];
    }

    Object payload(int s) {
        return payload[s];
    }

    private int newSlot() {
        if (slotsUsed == time.length) {
            int c = time.length * 2;
            time = Arrays.copyOf(time, c);
            seq = Arrays.copyOf(seq, c);
            aux = Arrays.copyOf(aux, c);
            node = Arrays.copyOf(node, c);
            from = Arrays.copyOf(from, c);
            kind = Arrays.copyOf(kind, c);
            payload = Arrays.copyOf(payload, c);
        }
        return slotsUsed++;
    }

    private boolean before(int a, int b) {
        long ta = time[a];
        long tb = time[b];
        return ta < tb || (ta == tb && seq[a] < seq[b]);
    }

    private void siftUp(int i, int s) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(s, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = s;
    }

    private void siftDown(int i, int s) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, s)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = s;
    }
}

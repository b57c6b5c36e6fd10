package org.spindle.sim;

import java.util.Arrays;

/**
 * The simulator's priority queue: a binary heap of slot numbers ordered by (time, sequence), the
 * sequence being assigned at push, so events at the same time run in the order they were
 * scheduled. Event fields live in parallel primitive arrays indexed by slot, recycled through a
 * free list, so the hot path allocates nothing and never boxes. The heap keeps each entry's time
 * and sequence beside its slot number, so sifting compares without touching the slot arrays.
 */
final class EventQueue {
    private long[] time;
    private long[] aux;
    private int[] node;
    private int[] from;
    private byte[] kind;
    private Object[] payload;
    private int[] heap;
    private long[] heapTime;
    private long[] heapSeq;
    private int size;
    private int[] free;
    private int freeTop;
    private int slotsUsed;
    private long nextSeq;

    EventQueue(int initialCapacity) {
        int c = Math.max(16, initialCapacity);
        time = new long[c];
        aux = new long[c];
        node = new int[c];
        from = new int[c];
        kind = new byte[c];
        payload = new Object[c];
        heap = new int[c];
        heapTime = new long[c];
        heapSeq = new long[c];
        free = new int[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void push(long t, byte k, int n, int f, long a, Object p) {
        push(t, nextSeq++, k, n, f, a, p);
    }

    /**
     * Takes {@code count} consecutive sequence numbers, as {@code count} pushes would, without
     * pushing: for events that are queued later, one at a time, under the numbers they would have
     * had (see {@link #push(long, long, byte, int, int, long, Object)}). Returns the first.
     */
    long reserveSeq(int count) {
        long first = nextSeq;
        nextSeq += count;
        return first;
    }

    /**
     * Pushes an event under a sequence number taken earlier with {@link #reserveSeq}. Events are
     * ordered by (time, sequence) whenever they are pushed, so a chain of events sorted by both can
     * sit in the heap one at a time, each pushed when the one before it is popped, and still come
     * out exactly where pushing them all at once would have put them.
     */
    void push(long t, long seq, byte k, int n, int f, long a, Object p) {
        int s = freeTop > 0 ? free[--freeTop] : newSlot();
        time[s] = t;
        kind[s] = k;
        node[s] = n;
        from[s] = f;
        aux[s] = a;
        payload[s] = p;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            heapTime = Arrays.copyOf(heapTime, size * 2);
            heapSeq = Arrays.copyOf(heapSeq, size * 2);
        }
        siftUp(size++, s, t, seq);
    }

    /** The slot of the earliest event; the queue must not be empty. */
    int peek() {
        return heap[0];
    }

    /** Removes the earliest event and returns its slot; read it, then {@link #release} it. */
    int pop() {
        int top = heap[0];
        int last = --size;
        if (size > 0) {
            siftDown(0, heap[last], heapTime[last], heapSeq[last]);
        }
        return top;
    }

    /**
     * Gives the earliest event a new (time, sequence) that is not earlier than its current one, and
     * restores the heap: for a chain of events that stays in the queue as one entry. Costs one
     * sift where a pop and a push cost two.
     */
    void replaceTop(long t, long seq) {
        int top = heap[0];
        time[top] = t;
        siftDown(0, top, t, seq);
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
            aux = Arrays.copyOf(aux, c);
            node = Arrays.copyOf(node, c);
            from = Arrays.copyOf(from, c);
            kind = Arrays.copyOf(kind, c);
            payload = Arrays.copyOf(payload, c);
        }
        return slotsUsed++;
    }

    private void siftUp(int i, int s, long t, long q) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = heapTime[parent];
            if (pt < t || (pt == t && heapSeq[parent] < q)) {
                break;
            }
            heap[i] = heap[parent];
            heapTime[i] = pt;
            heapSeq[i] = heapSeq[parent];
            i = parent;
        }
        heap[i] = s;
        heapTime[i] = t;
        heapSeq[i] = q;
    }

    private void siftDown(int i, int s, long t, long q) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && (heapTime[right] < heapTime[child]
                    || (heapTime[right] == heapTime[child] && heapSeq[right] < heapSeq[child]))) {
                child = right;
            }
            long ct = heapTime[child];
            if (t < ct || (t == ct && q < heapSeq[child])) {
                break;
            }
            heap[i] = heap[child];
            heapTime[i] = ct;
            heapSeq[i] = heapSeq[child];
            i = child;
        }
        heap[i] = s;
        heapTime[i] = t;
        heapSeq[i] = q;
    }
}

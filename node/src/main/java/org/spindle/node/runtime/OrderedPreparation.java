package org.spindle.node.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Works on inbound items on a pool of threads and hands them on in the order they were submitted,
 * whatever order their work ends in: a protocol sees its peers' messages in arrival order (a body
 * before the proposal that needs it, an account's transactions in nonce order) while signature work
 * runs on as many cores as the pool has. An item with no work is handed on at once unless items
 * submitted before it are still being worked on. Thread-safe.
 */
final class OrderedPreparation<T> {
    private final Executor pool;
    private final Consumer<T> next;
    private final Consumer<T> dropped;
    private final ArrayDeque<Slot<T>> inOrder = new ArrayDeque<>(); // guarded by itself

    private static final class Slot<T> {
        T item;
        boolean done;
        boolean lost;
    }

    /**
     * {@code next} receives each item in submission order (called under a lock: keep it a hand-off);
     * {@code dropped} receives instead, in the same order, an item whose work the pool refused (it is
     * shutting down).
     */
    OrderedPreparation(Executor pool, Consumer<T> next, Consumer<T> dropped) {
        this.pool = pool;
        this.next = next;
        this.dropped = dropped;
    }

    /** Hands {@code item} on, after earlier items. */
    void pass(T item) {
        synchronized (inOrder) {
            if (inOrder.isEmpty()) {
                next.accept(item);
                return;
            }
            Slot<T> s = new Slot<>();
            s.item = item;
            s.done = true;
            inOrder.add(s);
        }
    }

    /** Runs {@code work} on {@code item} on the pool and hands its result on, after earlier items. */
    void prepare(T item, UnaryOperator<T> work) {
        Slot<T> s = new Slot<>();
        s.item = item;
        synchronized (inOrder) {
            inOrder.add(s);
        }
        try {
            pool.execute(() -> {
                T result = item; // work that throws hands the item on unprepared rather than stall the rest
                try {
                    result = work.apply(item);
                } finally {
                    synchronized (inOrder) {
                        s.item = result;
                        s.done = true;
                        release();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            synchronized (inOrder) {
                s.lost = true;
                s.done = true;
                release();
            }
        }
    }

    /** Items waiting for earlier work (for tests). */
    int waiting() {
        synchronized (inOrder) {
            return inOrder.size();
        }
    }

    private void release() {
        while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
            Slot<T> s = inOrder.pollFirst();
            if (s.lost) {
                dropped.accept(s.item);
            } else {
                next.accept(s.item);
            }
        }
    }
}

package org.spindle.node.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's verifier threads with two queues in one: urgent work (consensus messages, bodies) is
 * always taken before bulk work (forwarded transactions), so a backlog of bulk recoveries never
 * delays a vote. Within each class tasks start in submission order.
 */
public final class VerifierPool implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final AtomicLong submitted = new AtomicLong();

    private record Ranked(int rank, long seq, Runnable task) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Ranked o) {
            return rank != o.rank ? Integer.compare(rank, o.rank) : Long.compare(seq, o.seq);
        }
    }

    public VerifierPool(String name, int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Work taken before any bulk work. */
    public Executor urgent() {
        return r -> pool.execute(new Ranked(0, submitted.getAndIncrement(), r));
    }

    /** Work taken when no urgent work waits. */
    public Executor bulk() {
        return r -> pool.execute(new Ranked(1, submitted.getAndIncrement(), r));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

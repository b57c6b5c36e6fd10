package org.spindle.node.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A node's verifier threads, in two pools: one for urgent work (consensus messages, bodies,
 * receipts) and one for bulk work (forwarded transactions). Each takes its tasks in submission
 * order; the operating system shares the cores between them, so a backlog of bulk recoveries
 * neither delays a vote behind it nor is starved by urgent work (a transaction recovered late
 * would only be recovered on the critical path, when a body needs it).
 */
public final class VerifierPool implements AutoCloseable {
    private final ExecutorService urgent;
    private final ExecutorService bulk;

    public VerifierPool(String name, int threads) {
        this.urgent = pool(name, threads);
        this.bulk = pool(name, threads);
    }

    private static ExecutorService pool(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named(name));
    }

    /** Where urgent work runs. */
    public Executor urgent() {
        return urgent;
    }

    /** Where bulk work runs. */
    public Executor bulk() {
        return bulk;
    }

    @Override
    public void close() {
        urgent.shutdownNow();
        bulk.shutdownNow();
    }
}

package org.spindle.node.discovery;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.protocol.runtime.Metrics;

/**
 * A node's side of discovery: registers its own record with the bootnode (retrying until it is
 * accepted), then fetches every record periodically and offers each to the node's directory; a
 * record that is accepted (new, or a newer sequence) is passed on, e.g. to the transport to dial.
 * Records failing the directory's checks are counted in {@code discovery.rejected.<REASON>}.
 * Runs on the worker executor because the bootnode client blocks.
 */
public final class Discovery {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    private final BootnodeClient client;
    private final NodeRecord own;
    private final NodeDirectory directory;
    private final Consumer<NodeRecord> learned;
    private final ScheduledExecutorService workers;
    private final long refreshMillis;
    private final Metrics metrics;
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile boolean stopped;

    public Discovery(BootnodeClient client, NodeRecord own, NodeDirectory directory, Consumer<NodeRecord> learned,
            ScheduledExecutorService workers, long refreshMillis, Metrics metrics) {
        this.client = client;
        this.own = own;
        this.directory = directory;
        this.learned = learned;
        this.workers = workers;
        this.refreshMillis = refreshMillis;
        this.metrics = metrics;
    }

    public void start() {
        submit(this::tick, 0);
    }

    /** Fetches as soon as possible (at most one extra fetch queued at a time). */
    public void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            submit(() -> {
                refreshQueued.set(false);
                fetch();
            }, 0);
        }
    }

    public boolean registered() {
        return registered.get();
    }

    public void stop() {
        stopped = true;
    }

    private void tick() {
        if (!registered.get()) {
            register();
        }
        fetch();
        submit(this::tick, refreshMillis);
    }

    private void register() {
        try {
            DiscoveryMessage.Registered r = client.register(own);
            if (r.accepted()) {
                registered.set(true);
                LOG.info("{} registered with bootnode {}", own.id(), client.address());
            } else {
                metrics.counter("discovery.registerRefused").increment();
                LOG.warn("bootnode {} refused the record of {}: {}", client.address(), own.id(), r.reason());
            }
        } catch (IOException e) {
            metrics.counter("discovery.errors").increment();
            LOG.debug("cannot reach bootnode {}: {}", client.address(), e.toString());
        }
    }

    private void fetch() {
        if (stopped) {
            return;
        }
        try {
            for (NodeRecord r : client.fetch()) {
                offer(r);
            }
        } catch (IOException e) {
            metrics.counter("discovery.errors").increment();
            LOG.debug("cannot fetch records from bootnode {}: {}", client.address(), e.toString());
        }
    }

    /** Checks one record and passes it on if it is news; also used for records learned elsewhere. */
    public RecordVerdict offer(NodeRecord r) {
        RecordVerdict v = directory.offer(r);
        switch (v) {
            case RecordVerdict.Accepted a -> {
                metrics.counter("discovery.accepted").increment();
                learned.accept(r);
            }
            case RecordVerdict.Unchanged u -> {}
            case RecordVerdict.Rejected(RecordVerdict.Reason why, String detail) -> {
                metrics.counter("discovery.rejected").increment();
                metrics.counter("discovery.rejected." + why).increment();
                LOG.debug("{} rejected a record of {}: {} ({})", own.id(), r.id(), why, detail);
            }
        }
        return v;
    }

    private void submit(Runnable task, long delayMillis) {
        if (stopped) {
            return;
        }
        try {
            workers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the node is shutting down
        }
    }
}

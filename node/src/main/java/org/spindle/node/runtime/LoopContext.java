package org.spindle.node.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.runtime.TimerId;

/**
 * The {@link NodeContext} of a real node: one single-threaded scheduled executor is the node's
 * event loop, and every protocol handler (start, message, timer) runs on it, one at a time, as the
 * protocol contract requires. Messages from the transport are queued onto the loop (at most
 * {@code maxInbound} messages and {@code maxInboundBytes} encoded bytes waiting; beyond that they are
 * dropped and counted in {@code node.dropped.inboundFull}: protocols already tolerate lost messages).
 *
 * <p>Time: {@link #now()} is microseconds on the JVM's monotonic clock since this context was
 * made (the node's start), so it never goes backwards and starts at 0 as in the simulator. Two
 * nodes' clocks therefore differ by the gap between their starts: latencies a protocol computes
 * from another node's timestamp are only meaningful for nodes started together.
 *
 * <p>{@link Cpu#charge} does nothing: a real node spends real time.
 */
public final class LoopContext implements NodeContext, Cpu {
    private static final Logger LOG = LoggerFactory.getLogger(LoopContext.class);

    private final NodeId self;
    private final ScheduledExecutorService loop;
    private final Outbound network;
    private final RandomGenerator random;
    private final Crypto crypto;
    private final Storage storage;
    private final NodeMetrics metrics;
    private final long startNanos = System.nanoTime();
    private final int maxInbound;
    private final long maxInboundBytes;
    private final AtomicInteger inboundQueued = new AtomicInteger();
    private final AtomicLong inboundBytes = new AtomicLong();
    private final Map<Long, ScheduledFuture<?>> timers = new HashMap<>(); // loop thread only
    private final Metrics.Counter handlerErrors;
    private final Metrics.Counter inboundDropped;
    private long nextTimer;
    private volatile Protocol protocol;
    private volatile OrderedPreparation<Inbound> preparation;
    private volatile OrderedPreparation<Inbound> bulkPreparation;

    private record Inbound(NodeId from, Message message, int size) {}

    /** Where a node's outgoing messages go. */
    @FunctionalInterface
    public interface Outbound {
        void send(NodeId to, Message m);

        /** Sends {@code m} to each of {@code to}; a transport can encode it once for all of them. */
        default void multicast(Collection<NodeId> to, Message m) {
            for (NodeId n : to) {
                send(n, m);
            }
        }
    }

    public LoopContext(NodeId self, ScheduledExecutorService loop, Outbound network,
            RandomGenerator random, Crypto crypto, Storage storage, NodeMetrics metrics, int maxInbound,
            long maxInboundBytes) {
        this.self = self;
        this.loop = loop;
        this.network = network;
        this.random = random;
        this.crypto = crypto;
        this.storage = storage;
        this.metrics = metrics;
        this.maxInbound = maxInbound;
        this.maxInboundBytes = maxInboundBytes;
        this.handlerErrors = metrics.counter("node.handlerErrors");
        this.inboundDropped = metrics.counter("node.dropped.inboundFull");
    }

    /**
     * Where messages an {@link OffLoopWork} protocol wants prepared are worked on: bulk messages on
     * {@code bulk}, in their own order, all others on {@code urgent}, in arrival order with the
     * messages that need no preparation (any number of threads each). Without it messages go
     * straight to the loop. Set before the first message.
     */
    public void preparers(java.util.concurrent.Executor urgent, java.util.concurrent.Executor bulk) {
        this.preparation = new OrderedPreparation<>(urgent, this::toLoop, in -> released(in.size()));
        this.bulkPreparation = new OrderedPreparation<>(bulk, this::toLoop, in -> released(in.size()));
    }

    /** Creates the protocol on the loop and starts it. */
    public void start(ProtocolFactory factory) {
        loop.execute(() -> guarded("start", () -> {
            protocol = factory.create(this);
            protocol.onStart();
        }));
    }

    /** The protocol object, once started (for tools and tests; touch it only on the loop). */
    public Protocol protocol() {
        return protocol;
    }

    /** Called by the transport for every authenticated message; queues it onto the loop. */
    public void deliver(NodeId from, Message m) {
        int size = m.encodedSize();
        if (inboundQueued.incrementAndGet() > maxInbound || inboundBytes.addAndGet(size) > maxInboundBytes) {
            inboundQueued.decrementAndGet();
            inboundBytes.addAndGet(-size);
            inboundDropped.increment();
            return;
        }
        Inbound in = new Inbound(from, m, size);
        OrderedPreparation<Inbound> prep = preparation;
        if (prep == null) {
            toLoop(in);
        } else if (protocol instanceof OffLoopWork w && w.wantsPreparation(m)) {
            (w.bulk(m) ? bulkPreparation : prep).prepare(in, i -> prepared(w, i));
        } else {
            prep.pass(in);
        }
    }

    private Inbound prepared(OffLoopWork w, Inbound in) {
        try {
            return new Inbound(in.from(), w.prepare(in.from(), in.message()), in.size());
        } catch (RuntimeException e) {
            handlerErrors.increment();
            LOG.error("{}: preparing a message failed", self, e);
            return in;
        }
    }

    private void toLoop(Inbound in) {
        try {
            loop.execute(() -> {
                released(in.size());
                Protocol p = protocol;
                if (p != null) {
                    guarded("message", () -> p.onMessage(in.from(), in.message()));
                }
            });
        } catch (RejectedExecutionException e) {
            released(in.size()); // the node is shutting down
        }
    }

    private void released(int size) {
        inboundQueued.decrementAndGet();
        inboundBytes.addAndGet(-size);
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public long now() {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    @Override
    public void send(NodeId to, Message m) {
        network.send(to, m);
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        network.multicast(to, m);
    }

    @Override
    public TimerId schedule(long delayMicros, Object timerEvent) {
        long id = nextTimer++;
        try {
            ScheduledFuture<?> f = loop.schedule(() -> {
                if (timers.remove(id) != null) {
                    Protocol p = protocol;
                    if (p != null) {
                        guarded("timer", () -> p.onTimer(timerEvent));
                    }
                }
            }, Math.max(0, delayMicros), TimeUnit.MICROSECONDS);
            timers.put(id, f);
        } catch (RejectedExecutionException e) {
            // shutting down: the timer would never fire anyway
        }
        return new TimerId(id);
    }

    @Override
    public void cancel(TimerId id) {
        ScheduledFuture<?> f = timers.remove(id.value());
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Crypto crypto() {
        return crypto;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public Cpu cpu() {
        return this;
    }

    @Override
    public void charge(long micros) {
        // Real work takes real time; nothing to model.
    }

    private void guarded(String what, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            // A protocol bug or bad input that slipped past validation must not stop the node's loop.
            handlerErrors.increment();
            LOG.error("{}: {} handler failed", self, what, e);
        }
    }
}

package org.spindle.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.runtime.TimerId;
import org.spindle.sim.metrics.MetricsRecorder;

/**
 * The discrete-event engine. One thread pops events in (time, scheduling order) and runs them:
 * node starts, timers, message arrivals at a receiver's downlink, deliveries, and scheduled faults.
 * Each node has one simulated core: an event for a node whose core is still busy waits until it is
 * free, and a handler's charged work occupies the core after it. Everything that could vary between
 * runs (network latency draws, node randomness, crypto secrets) comes from the seed, and nothing on
 * the event path iterates a hash-ordered collection, so a seed fixes the whole run and its
 * {@link #traceHash()}. A multicast and each node's downlink each hold one heap entry for all the
 * messages they carry (see {@link Multicast} and {@link DeliveryQueue}), under the sequence numbers
 * separate entries would have had, so the heap stays small and the order of events is unchanged.
 *
 * <p>Engine counters: {@code net.messages}, {@code net.bytes}, {@code net.droppedPartition},
 * {@code net.droppedCrashed}.
 */
public final class Simulation {
    static final byte START = 1;
    static final byte TIMER = 2;
    static final byte ARRIVE = 3;
    static final byte DELIVER = 4;
    static final byte FAULT = 5;
    static final byte SAMPLE = 6;
    static final byte WAKE = 7;
    /** The next copy of a {@link Multicast} reaching its receiver's downlink. */
    static final byte ARRIVE_MANY = 8;

    private final SimConfig config;
    private final ProtocolFactory factory;
    private final EventQueue queue;
    private final NetworkModel network;
    private final SimNode[] nodes;
    /** Per node, the messages its downlink holds for delivery; the head of each non-empty one is in the heap. */
    private final DeliveryQueue[] inbound;
    /** Each node's {@code alive} flag, mirrored here so an arrival is checked without touching the node. */
    private final boolean[] up;
    private final NodeId[] ids;
    private final SplittableRandom networkRandom;
    private final MetricsRecorder metrics;
    private final TraceHash trace = new TraceHash();
    /** Timers scheduled and not yet fired or cancelled, by id: looked up, never iterated. */
    private final Map<Long, PendingTimer> pendingTimers = new HashMap<>();
    private final CpuCosts costs;
    private long now;
    private long events;
    private long deliveries;
    private long nextTimerId;
    private boolean started;
    private final org.spindle.protocol.runtime.Metrics.Counter netMessages;
    private final org.spindle.protocol.runtime.Metrics.Counter netBytes;
    private final org.spindle.protocol.runtime.Metrics.Counter droppedPartition;
    private final org.spindle.protocol.runtime.Metrics.Counter droppedCrashed;

    public Simulation(SimConfig config, ProtocolFactory factory) {
        this.config = config;
        this.factory = factory;
        this.costs = config.cpu();
        this.queue = new EventQueue(Math.max(1024, config.nodes() * 4));
        this.network = new NetworkModel(config.nodes(), config.network());
        this.networkRandom = new SplittableRandom(config.seed() ^ 0x6E6574776F726BL);
        this.metrics = new MetricsRecorder(() -> now);
        this.nodes = new SimNode[config.nodes()];
        this.ids = new NodeId[config.nodes()];
        this.inbound = new DeliveryQueue[config.nodes()];
        this.up = new boolean[config.nodes()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new SimNode(i, this);
            ids[i] = nodes[i].id;
        }
        netMessages = metrics.counter("net.messages");
        netBytes = metrics.counter("net.bytes");
        droppedPartition = metrics.counter("net.droppedPartition");
        droppedCrashed = metrics.counter("net.droppedCrashed");
    }

    SimConfig config() {
        return config;
    }

    public MetricsRecorder metrics() {
        return metrics;
    }

    /** Schedules a fault at simulated time {@code atMicros}; call before or during a run. */
    public void at(long atMicros, Fault fault) {
        queue.push(atMicros, FAULT, 0, 0, 0, fault);
    }

    /** Runs events up to and including {@code untilMicros}, or until none are left. */
    public void run(long untilMicros, ProgressListener listener) {
        if (!started) {
            started = true;
            for (SimNode n : nodes) {
                n.beginIncarnation(config.seed());
                up[n.index] = true;
                queue.push(0, START, n.index, 0, n.incarnation, null);
            }
            if (config.sampleIntervalMicros() > 0) {
                queue.push(config.sampleIntervalMicros(), SAMPLE, 0, 0, 0, null);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.peek();
            long t = queue.time(s);
            if (t > untilMicros) {
                break;
            }
            byte kind = queue.kind(s);
            if (kind == ARRIVE_MANY || kind == DELIVER) {
                now = t;
                if (kind == ARRIVE_MANY) {
                    arriveNext(s);
                } else {
                    deliverNext(s);
                }
                if ((++events & 0x3FFF) == 0 && listener != null) {
                    listener.progress(now, events);
                }
                continue;
            }
            queue.pop();
            int node = queue.node(s);
            int from = queue.from(s);
            long aux = queue.aux(s);
            Object payload = queue.payload(s);
            queue.release(s);
            now = t;
            switch (kind) {
                case START -> start(node, (int) aux);
                case TIMER -> timer(node, from, aux, (PendingTimer) payload);
                case ARRIVE -> {
                    Message m = (Message) payload;
                    arrive(node, from, aux, m, m.encodedSize());
                }
                case FAULT -> fault((Fault) payload);
                case WAKE -> wake(node);
                case SAMPLE -> {
                    metrics.sampleCounters();
                    if (!queue.isEmpty()) {
                        queue.push(t + config.sampleIntervalMicros(), SAMPLE, 0, 0, 0, null);
                    }
                    continue;
                }
                default -> throw new IllegalStateException("unknown event kind " + kind);
            }
            if ((++events & 0x3FFF) == 0 && listener != null) {
                listener.progress(now, events);
            }
        }
        if (listener != null) {
            listener.progress(now, events);
        }
    }

    public long now() {
        return now;
    }

    /** Events run so far (starts, timers, arrivals, deliveries, faults, and CPU-deferred re-runs). */
    public long events() {
        return events;
    }

    /** Messages handed to a protocol so far. */
    public long deliveries() {
        return deliveries;
    }

    public boolean finished() {
        return queue.isEmpty();
    }

    public int nodeCount() {
        return nodes.length;
    }

    public boolean isAlive(int node) {
        return nodes[node].alive;
    }

    /** SHA-256 over the running fingerprint of every delivered event (hex). */
    public String traceHash() {
        return trace.hex();
    }

    // ---- events ----

    private void start(int node, int incarnation) {
        SimNode n = nodes[node];
        if (!n.alive || n.incarnation != incarnation) {
            return;
        }
        if (deferred(n, START, node, 0, incarnation, null)) {
            return;
        }
        trace.add(now, START, node, 0, incarnation);
        begin(n, 0);
        n.protocol = factory.create(n);
        n.protocol.onStart();
        end(n);
    }

    private void timer(int node, int incarnation, long timerId, PendingTimer timer) {
        SimNode n = nodes[node];
        if (timer.cancelled) {
            return;
        }
        if (!n.alive || n.incarnation != incarnation) {
            pendingTimers.remove(timerId);
            return;
        }
        if (deferred(n, TIMER, node, incarnation, timerId, timer)) {
            return;
        }
        pendingTimers.remove(timerId);
        trace.add(now, TIMER, node, 0, timerId);
        begin(n, 0);
        n.protocol.onTimer(timer.event);
        end(n);
    }

    private void arrive(int to, int from, long lastBitArrival, Message m, int size) {
        if (!network.connected(from, to)) {
            droppedPartition.increment();
            return;
        }
        if (!up[to]) {
            droppedCrashed.increment();
            return;
        }
        long at = network.downlinkDelivery(to, size, now, lastBitArrival);
        DeliveryQueue in = inbound[to];
        if (in == null) {
            in = new DeliveryQueue();
            inbound[to] = in;
        }
        long seq = queue.reserveSeq(1);
        if (in.isEmpty()) {
            queue.push(at, seq, DELIVER, to, 0, 0, null);
        }
        in.add(at, seq, from, m);
    }

    /** Runs the next copy of the multicast at the top of the heap, leaving the one after in its place. */
    private void arriveNext(int s) {
        Multicast c = (Multicast) queue.payload(s);
        int to = c.nextTo();
        long lastBit = c.nextLastBit();
        c.advance();
        if (c.hasNext()) {
            queue.replaceTop(c.nextTime(), c.nextSeq());
        } else {
            queue.pop();
            queue.release(s);
        }
        arrive(to, c.sender, lastBit, c.message, c.size);
    }

    /** Delivers the head of the node's downlink queue at the top of the heap; its next message takes the place. */
    private void deliverNext(int s) {
        int to = queue.node(s);
        DeliveryQueue in = inbound[to];
        int from = in.headFrom();
        Message m = in.headMessage();
        in.poll();
        if (in.isEmpty()) {
            queue.pop();
            queue.release(s);
        } else {
            queue.replaceTop(in.headTime(), in.headSeq());
        }
        deliver(to, from, m);
    }

    private void deliver(int to, int from, Message m) {
        SimNode n = nodes[to];
        if (!n.alive) {
            droppedCrashed.increment();
            return;
        }
        if (deferred(n, DELIVER, to, from, 0, m)) {
            return;
        }
        trace.add(now, DELIVER, to, from, ((long) m.typeTag() << 32) | m.encodedSize());
        deliveries++;
        begin(n, costs.perMessageMicros());
        n.protocol.onMessage(ids[from], m);
        end(n);
    }

    private void fault(Fault f) {
        trace.add(now, FAULT, 0, 0, f.hashCode());
        switch (f) {
            case Fault.Crash c -> c.nodes().forEach(i -> {
                SimNode n = nodes[i];
                n.backlog.clear(); // its events belong to the incarnation that just ended
                n.wakeScheduled = false;
                n.alive = false;
                up[i] = false;
                n.protocol = null;
                n.random = null;
            });
            case Fault.Restart r -> r.nodes().forEach(i -> {
                SimNode n = nodes[i];
                if (!n.alive) {
                    n.beginIncarnation(config.seed());
                    up[i] = true;
                    n.cpuFreeAt = now;
                    network.resetQueues(i, now);
                    queue.push(now, START, i, 0, n.incarnation, null);
                }
            });
            case Fault.Partition p -> network.partition(p.groups());
            case Fault.Heal h -> network.heal();
            case Fault.Cut c -> network.cut(c.links());
            case Fault.Restore r -> network.restore(r.links());
        }
    }

    /**
     * Holds the event back while the node's core is busy, or while earlier held events wait: the
     * node's backlog runs in arrival order, one event per wake-up, each when the core is free. One
     * wake-up event per busy node keeps a burst of k arrivals at O(k) queue operations, not O(k²).
     */
    private boolean deferred(SimNode n, byte kind, int node, int from, long aux, Object payload) {
        if (n.draining || (n.cpuFreeAt <= now && n.backlog.isEmpty())) {
            return false;
        }
        n.backlog.addLast(new SimNode.Held(kind, from, aux, payload));
        if (!n.wakeScheduled) {
            n.wakeScheduled = true;
            queue.push(Math.max(now, n.cpuFreeAt), WAKE, node, 0, 0, null);
        }
        return true;
    }

    /** Runs the oldest held event of a node whose core is free, and waits for the core again if more are held. */
    private void wake(int node) {
        SimNode n = nodes[node];
        n.wakeScheduled = false;
        if (n.backlog.isEmpty()) {
            return;
        }
        if (n.cpuFreeAt > now) {
            n.wakeScheduled = true;
            queue.push(n.cpuFreeAt, WAKE, node, 0, 0, null);
            return;
        }
        SimNode.Held h = n.backlog.pollFirst();
        n.draining = true;
        try {
            switch (h.kind()) {
                case START -> start(node, (int) h.aux());
                case TIMER -> timer(node, h.from(), h.aux(), (PendingTimer) h.payload());
                case DELIVER -> deliver(node, h.from(), (Message) h.payload());
                default -> throw new IllegalStateException("held event of kind " + h.kind());
            }
        } finally {
            n.draining = false;
        }
        if (!n.backlog.isEmpty() && !n.wakeScheduled) {
            n.wakeScheduled = true;
            queue.push(Math.max(now, n.cpuFreeAt), WAKE, node, 0, 0, null);
        }
    }

    private void begin(SimNode n, long initialCharge) {
        n.handlerStart = now;
        n.charged = initialCharge;
    }

    private void end(SimNode n) {
        n.cpuFreeAt = n.handlerStart + n.charged;
        n.charged = 0;
        n.handlerStart = n.cpuFreeAt;
    }

    // ---- called by nodes ----

    void send(SimNode sender, int to, Message m) {
        if (to < 0 || to >= nodes.length) {
            throw new IllegalArgumentException("no node " + to + " in a network of " + nodes.length);
        }
        int size = m.encodedSize();
        long start = network.uplinkStart(sender.index, size, sender.now());
        long latency = network.latency().sample(networkRandom);
        netMessages.increment();
        netBytes.add(size);
        queue.push(start + latency, ARRIVE, to, sender.index, network.uplinkEnd(sender.index) + latency, m);
    }

    /**
     * Sends one message to each of {@code to}, in order: exactly what a send per receiver does (the
     * same uplink reservations, latency draws and sequence numbers), queued as one {@link Multicast}.
     */
    void multicast(SimNode sender, java.util.Collection<NodeId> to, Message m) {
        int n = to.size();
        if (n <= 1) {
            for (NodeId id : to) {
                send(sender, id.index(), m);
            }
            return;
        }
        int size = m.encodedSize();
        long at = sender.now();
        int[] dest = new int[n];
        long[] arrive = new long[n];
        long[] lastBit = new long[n];
        boolean sorted = true;
        int count = 0;
        for (NodeId id : to) {
            int d = id.index();
            if (d < 0 || d >= nodes.length) {
                throw new IllegalArgumentException("no node " + d + " in a network of " + nodes.length);
            }
            long start = network.uplinkStart(sender.index, size, at);
            long latency = network.latency().sample(networkRandom);
            netMessages.increment();
            netBytes.add(size);
            dest[count] = d;
            arrive[count] = start + latency;
            lastBit[count] = network.uplinkEnd(sender.index) + latency;
            if (count > 0 && arrive[count] < arrive[count - 1]) {
                sorted = false;
            }
            count++;
        }
        long firstSeq = queue.reserveSeq(count);
        Multicast c = new Multicast(sender.index, m, size, dest, arrive, lastBit, count, firstSeq, sorted);
        queue.push(c.nextTime(), c.nextSeq(), ARRIVE_MANY, 0, sender.index, 0, c);
    }

    TimerId schedule(SimNode n, long at, Object event) {
        long id = nextTimerId++;
        PendingTimer t = new PendingTimer(event);
        pendingTimers.put(id, t);
        queue.push(at, TIMER, n.index, n.incarnation, id, t);
        return new TimerId(id);
    }

    void cancel(TimerId id) {
        PendingTimer t = pendingTimers.remove(id.value());
        if (t != null) {
            t.cancelled = true;
        }
    }

    /** Timers scheduled and not yet run; for tests of the kernel's own bookkeeping. */
    int pendingTimers() {
        return pendingTimers.size();
    }

    /** A timer's event and whether it was cancelled while queued. */
    private static final class PendingTimer {
        final Object event;
        boolean cancelled;

        PendingTimer(Object event) {
            this.event = event;
        }
    }

    /** For tests and tools: the node's id object. */
    public NodeId node(int index) {
        return ids[index];
    }
}

package org.spindle.sim;

import java.util.Collection;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.spindle.core.storage.MemoryStorage;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.TimerId;

/**
 * One simulated node and the {@link NodeContext} its protocol sees. Its storage outlives crashes;
 * its protocol object, random stream and timers belong to one incarnation. During a handler,
 * {@link #now()} is the handler's start plus the CPU work charged so far.
 */
final class SimNode implements NodeContext, Cpu {
    final int index;
    final NodeId id;
    private final Simulation sim;
    final MemoryStorage storage = new MemoryStorage();
    final Crypto crypto;
    Protocol protocol;
    RandomGenerator random;
    boolean alive;
    int incarnation;
    /** When the simulated core is free for the next event. */
    long cpuFreeAt;
    long handlerStart;
    long charged;
    /** Events that reached the node while its core was busy, in arrival order (see Simulation#deferred). */
    final java.util.ArrayDeque<Held> backlog = new java.util.ArrayDeque<>();
    boolean wakeScheduled;
    boolean draining;

    /** An event held back until the core is free. */
    record Held(byte kind, int from, long aux, Object payload) {}

    SimNode(int index, Simulation sim) {
        this.index = index;
        this.id = NodeId.of(index);
        this.sim = sim;
        this.crypto = sim.config().crypto().forNode(index, this);
    }

    void beginIncarnation(long seed) {
        incarnation++;
        alive = true;
        random = new SplittableRandom(seed ^ ((long) index << 20) ^ ((long) incarnation * 0x9E3779B97F4A7C15L));
        protocol = null;
    }

    @Override
    public NodeId self() {
        return id;
    }

    @Override
    public long now() {
        return handlerStart + charged;
    }

    @Override
    public void send(NodeId to, Message m) {
        sim.send(this, to.index(), m);
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        sim.multicast(this, to, m);
    }

    @Override
    public TimerId schedule(long delayMicros, Object timerEvent) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("a timer delay is non-negative, got " + delayMicros);
        }
        return sim.schedule(this, now() + delayMicros, timerEvent);
    }

    @Override
    public void cancel(TimerId id) {
        sim.cancel(id);
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
        return sim.metrics();
    }

    @Override
    public Cpu cpu() {
        return this;
    }

    @Override
    public void charge(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("CPU work is non-negative, got " + micros);
        }
        charged += micros;
    }
}

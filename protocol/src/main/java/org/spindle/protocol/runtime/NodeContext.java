package org.spindle.protocol.runtime;

import java.util.Collection;
import java.util.random.RandomGenerator;
import org.spindle.core.storage.Storage;

/**
 * Everything a protocol may touch. Protocol code gets time, randomness, the network, crypto and
 * storage only from here, which is what lets one protocol object run both in the deterministic
 * simulator and in a real node.
 */
public interface NodeContext {
    NodeId self();

    /**
     * The current time in microseconds (see {@link Time}). Inside a handler it grows by the CPU
     * work charged so far in that handler.
     */
    long now();

    void send(NodeId to, Message m);

    /** Sends {@code m} to each node in the collection's iteration order. */
    void multicast(Collection<NodeId> to, Message m);

    /** Delivers {@code timerEvent} to {@link Protocol#onTimer} after {@code delayMicros} µs. */
    TimerId schedule(long delayMicros, Object timerEvent);

    /** Cancelling a timer that already fired or was cancelled does nothing. */
    void cancel(TimerId id);

    /** Seeded per node (and per restart), so runs are reproducible. */
    RandomGenerator random();

    Crypto crypto();

    /** Survives a crash and restart; everything else the protocol holds does not. */
    Storage storage();

    Metrics metrics();

    Cpu cpu();
}

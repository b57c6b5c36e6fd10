package org.spindle.sim.adversary;

import java.util.Collection;
import java.util.random.RandomGenerator;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.TimerId;

/**
 * A {@link NodeContext} that passes everything to the real one. Adversaries subclass it to tamper
 * with what an otherwise honest protocol object sends; they can still sign only as their own node.
 */
public class ForwardingContext implements NodeContext {
    protected final NodeContext real;

    public ForwardingContext(NodeContext real) {
        this.real = real;
    }

    @Override
    public NodeId self() {
        return real.self();
    }

    @Override
    public long now() {
        return real.now();
    }

    @Override
    public void send(NodeId to, Message m) {
        real.send(to, m);
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        for (NodeId n : to) {
            send(n, m);
        }
    }

    @Override
    public TimerId schedule(long delayMicros, Object timerEvent) {
        return real.schedule(delayMicros, timerEvent);
    }

    @Override
    public void cancel(TimerId id) {
        real.cancel(id);
    }

    @Override
    public RandomGenerator random() {
        return real.random();
    }

    @Override
    public Crypto crypto() {
        return real.crypto();
    }

    @Override
    public Storage storage() {
        return real.storage();
    }

    @Override
    public Metrics metrics() {
        return real.metrics();
    }

    @Override
    public Cpu cpu() {
        return real.cpu();
    }
}

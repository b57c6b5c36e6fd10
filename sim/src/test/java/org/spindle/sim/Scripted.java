package org.spindle.sim;

import java.util.ArrayList;
import java.util.List;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.ProtocolFactory;

/**
 * A test protocol run by scripts: what each node does at start, on a timer and on a message, and a
 * shared log of every delivery with the receiver's clock at handler start.
 */
final class Scripted implements Protocol {
    record Delivery(long at, int to, int from, Message m, int instance) {}

    interface Script {
        default void start(NodeContext ctx) {}

        default void timer(NodeContext ctx, Object event) {}

        default void message(NodeContext ctx, NodeId from, Message m) {}
    }

    static final class World {
        final List<Delivery> log = new ArrayList<>();
        int instances;

        ProtocolFactory factory(Script script) {
            return ctx -> new Scripted(ctx, this, script, ++instances);
        }

        List<Delivery> to(int node) {
            return log.stream().filter(d -> d.to() == node).toList();
        }
    }

    private final NodeContext ctx;
    private final World world;
    private final Script script;
    private final int instance;

    Scripted(NodeContext ctx, World world, Script script, int instance) {
        this.ctx = ctx;
        this.world = world;
        this.script = script;
        this.instance = instance;
    }

    @Override
    public void onStart() {
        script.start(ctx);
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        world.log.add(new Delivery(ctx.now(), ctx.self().index(), from.index(), m, instance));
        script.message(ctx, from, m);
    }

    @Override
    public void onTimer(Object event) {
        script.timer(ctx, event);
    }
}

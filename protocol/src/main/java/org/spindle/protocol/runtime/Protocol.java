package org.spindle.protocol.runtime;

/**
 * A protocol is a deterministic state machine driven by these three events. Handlers run one at a
 * time per node and must not block; they act only through their {@link NodeContext}.
 */
public interface Protocol {
    void onStart();

    void onMessage(NodeId from, Message m);

    void onTimer(Object event);
}

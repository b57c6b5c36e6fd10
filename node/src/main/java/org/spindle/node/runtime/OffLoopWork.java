package org.spindle.node.runtime;

import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * Implemented by a hosted protocol that wants some inbound messages worked on before they reach
 * its loop: {@link #prepare} runs on the node's verifier thread, so CPU-heavy checks such as
 * signature recovery never hold up the loop. Prepared messages reach the loop in the order they
 * arrived among themselves, but each when its preparation ends, so other messages that arrived
 * after it may overtake it: only messages whose order relative to those does not matter may be
 * prepared.
 */
public interface OffLoopWork {
    /** Whether {@code m} should be prepared off the loop. Called on the transport's thread; must be cheap. */
    boolean wantsPreparation(Message m);

    /**
     * Works on {@code m} off the loop and returns what the loop should receive (usually {@code m}
     * itself, its work cached somewhere thread-safe). Must be thread-safe and must not touch state
     * owned by the loop.
     */
    Message prepare(NodeId from, Message m);
}

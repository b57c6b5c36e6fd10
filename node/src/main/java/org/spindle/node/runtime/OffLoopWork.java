package org.spindle.node.runtime;

import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * Implemented by a hosted protocol that wants some inbound messages worked on before they reach
 * its loop: {@link #prepare} runs on one of the node's verifier threads, so CPU-heavy checks such as
 * signature verification and sender recovery never hold up the loop. Messages reach the loop in the
 * order they arrived, a message waiting for the preparation of those before it, except that
 * {@linkplain #bulk bulk} messages keep an order of their own and are prepared on threads of their
 * own: a backlog of them delays neither consensus nor anything else.
 */
public interface OffLoopWork {
    /** Whether {@code m} should be prepared off the loop. Called on the transport's thread; must be cheap. */
    boolean wantsPreparation(Message m);

    /**
     * Works on {@code m} off the loop and returns what the loop should receive (usually {@code m}
     * itself, its work cached somewhere thread-safe). Must be thread-safe (several run at once) and must
     * not touch state owned by the loop.
     */
    Message prepare(NodeId from, Message m);

    /**
     * Whether {@code m}, one to be prepared, is bulk: its order relative to other kinds of message
     * does not matter. Called on the transport's thread; must be cheap.
     */
    default boolean bulk(Message m) {
        return false;
    }
}

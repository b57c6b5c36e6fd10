package org.spindle.protocol.runtime;

/**
 * Makes a node's protocol object. Runtimes call it at start and again at every restart, so a
 * restarted node begins with fresh memory and finds what it persisted in its storage.
 */
@FunctionalInterface
public interface ProtocolFactory {
    Protocol create(NodeContext ctx);
}

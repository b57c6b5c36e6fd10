package org.spindle.protocol.runtime;

/**
 * The node's processor. Protocol code charges the work it does (executing a block, checking a
 * proof); in the simulator the charge advances {@link NodeContext#now()} within the handler and
 * delays every later event of the node until the core is free again. A real node ignores it.
 */
public interface Cpu {
    void charge(long micros);
}

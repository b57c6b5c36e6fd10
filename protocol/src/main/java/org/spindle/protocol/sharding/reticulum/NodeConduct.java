package org.spindle.protocol.sharding.reticulum;

/**
 * How a node departs from the protocol, for the simulator's adversaries: when it withholds its
 * process-shard vote (and its proposal when it leads), the liveness attacks of reticulum.md §1.9,
 * and which control block it proposes when it leads the control vote. Honest nodes do neither.
 */
@FunctionalInterface
public interface NodeConduct {
    NodeConduct HONEST = epoch -> false;

    boolean silentAt(long epoch);

    /** The control block this node proposes in place of the honest one it built. */
    default ControlBlock controlBlock(ControlBlock honest) {
        return honest;
    }
}

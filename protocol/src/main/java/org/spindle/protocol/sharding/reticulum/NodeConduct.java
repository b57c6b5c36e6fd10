package org.spindle.protocol.sharding.reticulum;

/**
 * How a node departs from the protocol, for the simulator's adversaries: when it withholds its
 * process-shard vote (and its proposal when it leads), the liveness attacks of reticulum.md §1.9;
 * which control or process block it proposes when it leads; and whether it approves any block.
 * Honest nodes do none of these.
 */
@FunctionalInterface
public interface NodeConduct {
    NodeConduct HONEST = epoch -> false;

    boolean silentAt(long epoch);

    /** The control block this node proposes in place of the honest one it built. */
    default ControlBlock controlBlock(ControlBlock honest) {
        return honest;
    }

    /** The process block this node proposes, as leader in {@code epoch}, in place of the honest one. */
    default org.spindle.protocol.consensus.Payload processBlock(long epoch,
            org.spindle.protocol.consensus.Payload honest) {
        return honest;
    }

    /** Whether this node approves any process block of its shard, faulty or not, in {@code epoch}. */
    default boolean approvesAnything(long epoch) {
        return false;
    }
}

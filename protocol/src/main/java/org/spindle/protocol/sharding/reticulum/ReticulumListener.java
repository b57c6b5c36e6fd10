package org.spindle.protocol.sharding.reticulum;

import org.spindle.protocol.runtime.NodeId;

/** Told what each member's control shard decided, for metrics and invariant checks. */
public interface ReticulumListener {
    ReticulumListener NONE = new ReticulumListener() {};

    /**
     * {@code node} accepted the control block of its control shard for the epoch that began at
     * {@code startMicros} and ends at {@code endMicros}, when the next one begins (T1 + (k+1)·T2 later
     * for attempt k: the epoch lasts its bounds, as in the paper's E_time = T1 + T2).
     */
    default void epochAccepted(NodeId node, int controlShard, ControlShard.Accepted accepted, long startMicros,
            long endMicros) {}

    /** {@code node} saw attempt {@code attempt} of its control shard's vote in {@code epoch} fail. */
    default void controlRejected(NodeId node, int controlShard, long epoch, int attempt, long nowMicros) {}
}

package org.spindle.protocol.consensus.syncvote;

import org.spindle.protocol.runtime.NodeId;

/** Told of each group member's verdict when its vote deadline passes. */
@FunctionalInterface
public interface OutcomeListener {
    void decided(NodeId node, SyncVoteOutcome outcome);
}

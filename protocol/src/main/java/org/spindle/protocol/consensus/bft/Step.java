package org.spindle.protocol.consensus.bft;

import org.spindle.core.bytes.Hash;

/**
 * Where a node is within the current view of the current height. A view begins in
 * {@link AwaitingProposal}; a valid proposal the lock allows moves it to {@link Prepared}; a prepare
 * quorum moves it to {@link Locked} (it has sent its commit vote). A commit quorum decides the height
 * from any of these; a view timeout starts the next view in {@link AwaitingProposal}.
 */
public sealed interface Step {
    int view();

    record AwaitingProposal(int view) implements Step {}

    record Prepared(int view, Hash block) implements Step {}

    record Locked(int view, Hash block) implements Step {}
}

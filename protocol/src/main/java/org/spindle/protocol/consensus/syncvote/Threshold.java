package org.spindle.protocol.consensus.syncvote;

/** How many approvals accept a block: Reticulum's process shards need all, control shards a majority. */
public enum Threshold {
    UNANIMOUS,
    MAJORITY;

    public boolean accepts(int approvals, int voters) {
        return switch (this) {
            case UNANIMOUS -> voters > 0 && approvals == voters;
            case MAJORITY -> 2 * approvals > voters;
        };
    }
}

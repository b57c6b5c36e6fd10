package org.spindle.protocol.consensus.syncvote;

/** What a synchronous-vote node did with one incoming message. */
public sealed interface Receipt {
    Used USED = new Used();

    record Used() implements Receipt {}

    /** Refused, with no change to the node's state. */
    record Refused(Reason reason, String detail) implements Receipt {}

    enum Reason {
        WRONG_EPOCH,
        NOT_LEADER,
        NOT_VOTER,
        NOT_MEMBER,
        TOO_LATE,
        BAD_SIGNATURE,
        REPEATED_SIGNER,
        DUPLICATE,
        SATURATED,
        NOT_SYNC_VOTE,
        /** Well-formed bytes that do not fit this vote (an echo with the wrong number of voters). */
        MALFORMED
    }
}

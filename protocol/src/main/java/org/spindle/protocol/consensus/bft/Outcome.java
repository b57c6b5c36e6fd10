package org.spindle.protocol.consensus.bft;

/** What a node did with one incoming message. */
public sealed interface Outcome {
    Accepted ACCEPTED = new Accepted();
    Buffered BUFFERED = new Buffered();

    /** Used: it may have changed the node's state. */
    record Accepted() implements Outcome {}

    /** For a later height: kept (bounded) and replayed when the node gets there. */
    record Buffered() implements Outcome {}

    /** Refused without any change to the node's state. */
    record Rejected(Reason reason, String detail) implements Outcome {}

    enum Reason {
        NOT_MEMBER,
        OLD_HEIGHT,
        TOO_FAR_AHEAD,
        BUFFER_FULL,
        VIEW_OUT_OF_RANGE,
        BAD_SIGNATURE,
        DUPLICATE,
        EQUIVOCATION,
        NOT_LEADER,
        WRONG_BLOCK,
        INVALID_PAYLOAD,
        BAD_CERTIFICATE,
        OVERSIZED,
        UNKNOWN_HEIGHT,
        NOT_BFT
    }
}

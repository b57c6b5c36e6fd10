package org.spindle.protocol.crosshard;

import org.spindle.core.ledger.ReceiptId;

/** What a destination made of one relayed receipt. A rejection changes nothing. */
public sealed interface RelayVerdict {
    ReceiptId id();

    /** Verified and queued for the next block. */
    record Accepted(ReceiptId id) implements RelayVerdict {}

    record Rejected(ReceiptId id, Reason reason, String detail) implements RelayVerdict {}

    /** Why a relayed receipt was not accepted. */
    enum Reason {
        /** Addressed to another shard. */
        WRONG_DESTINATION_SHARD,
        /** Addressed here, but its recipient's account lives in another shard. */
        RECIPIENT_NOT_IN_SHARD,
        /** The source header is not final under the active protocol (or not known to be). */
        SOURCE_NOT_FINAL,
        /** The receipt names a different source block than the header it came with. */
        HEADER_MISMATCH,
        /** The receipt's source shard, height or index disagrees with the header or proof. */
        POSITION_MISMATCH,
        /** The inclusion proof does not lead to the header's outgoing receipts root. */
        BAD_PROOF,
        /** Already credited here: consumed in this shard's state. A safe re-relay ends here. */
        ALREADY_CONSUMED,
        /** Already verified and waiting for a block. */
        ALREADY_QUEUED,
        /** The inbox is at capacity; the source will re-relay. */
        INBOX_FULL,
        /** A proposed block carries a receipt from a source header this node has not verified. */
        UNKNOWN_SOURCE_HEADER
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}

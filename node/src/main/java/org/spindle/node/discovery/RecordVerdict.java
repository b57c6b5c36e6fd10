package org.spindle.node.discovery;

/** What became of an offered {@link NodeRecord}. */
public sealed interface RecordVerdict {
    record Accepted(NodeRecord record) implements RecordVerdict {}

    /** The same record (or the same sequence number) was already known: nothing changed. */
    record Unchanged(NodeRecord record) implements RecordVerdict {}

    record Rejected(Reason reason, String detail) implements RecordVerdict {}

    enum Reason {
        BAD_SIGNATURE,
        STALE_SEQUENCE,
        /** The index is already bound to another key: a record cannot move an identity to a new key. */
        KEY_MISMATCH,
        /** The key already belongs to another index. */
        KEY_REUSED
    }
}

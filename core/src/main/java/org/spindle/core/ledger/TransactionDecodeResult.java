package org.spindle.core.ledger;

import java.util.Objects;

/** What {@link TransactionDecoder} made of raw bytes: a transaction with its sender, or why not. */
public sealed interface TransactionDecodeResult {

    record Accepted(Transaction transaction) implements TransactionDecodeResult {
        public Accepted {
            Objects.requireNonNull(transaction, "transaction");
        }
    }

    record Rejected(TransactionRejection reason, String message) implements TransactionDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}

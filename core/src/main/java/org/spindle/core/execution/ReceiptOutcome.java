package org.spindle.core.execution;

import org.spindle.core.ledger.Receipt;

/** What applying one incoming receipt did. */
public sealed interface ReceiptOutcome {
    Receipt receipt();

    record Credited(Receipt receipt) implements ReceiptOutcome {}

    /** Not applied; the state is as before. */
    record Rejected(Receipt receipt, Rejection reason) implements ReceiptOutcome {}
}

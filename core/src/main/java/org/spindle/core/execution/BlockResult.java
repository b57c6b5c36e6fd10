package org.spindle.core.execution;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;

/**
 * The result of executing a block's contents: per-item outcomes, the receipts the block emits,
 * and the roots its header must carry. {@code applied} lists the transactions that went in, in
 * order; {@code transactionsRoot} is over them.
 */
public record BlockResult(
        List<ReceiptOutcome> receiptOutcomes,
        List<TxOutcome> txOutcomes,
        List<Transaction> applied,
        List<Receipt> outgoingReceipts,
        Hash stateRoot,
        Hash transactionsRoot,
        Hash outgoingReceiptsRoot) {

    public BlockResult {
        receiptOutcomes = List.copyOf(receiptOutcomes);
        txOutcomes = List.copyOf(txOutcomes);
        applied = List.copyOf(applied);
        outgoingReceipts = List.copyOf(outgoingReceipts);
    }

    /** True if every transaction and receipt was applied: what a validator requires of a proposal. */
    public boolean allApplied() {
        return txOutcomes.stream().allMatch(o -> o instanceof TxOutcome.Applied)
                && receiptOutcomes.stream().allMatch(o -> o instanceof ReceiptOutcome.Credited);
    }
}

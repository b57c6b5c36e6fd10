package org.spindle.core.execution;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;

/**
 * Executes one block's contents against a shard state: incoming receipts first (so funds that
 * arrive can be spent in the same block), then transactions in order. Rejected items are skipped
 * and reported; the state root is computed once at the end, in one batch.
 *
 * <p>Receipts passed in must already have been checked against their final source headers
 * ({@link org.spindle.core.ledger.IncomingReceipt#verifyAgainst}); finality is the sharding
 * protocol's to judge.
 */
public final class BlockExecutor {
    private final TransferExecutor transfers;

    public BlockExecutor(TransferExecutor transfers) {
        this.transfers = transfers;
    }

    public BlockResult execute(WorldState state, long height, Address feeRecipient, List<Transaction> txs,
            List<Receipt> incoming) {
        List<ReceiptOutcome> receiptOutcomes = new ArrayList<>(incoming.size());
        for (Receipt r : incoming) {
            receiptOutcomes.add(transfers.applyReceipt(state, r));
        }
        boolean feeRecipientOk = state.shardOf(feeRecipient) == state.shard();
        List<TxOutcome> outcomes = new ArrayList<>(txs.size());
        List<Transaction> applied = new ArrayList<>(txs.size());
        List<Receipt> outgoing = new ArrayList<>();
        for (Transaction tx : txs) {
            TxOutcome o = transfers.apply(state, tx, feeRecipient, feeRecipientOk, height, outgoing.size());
            outcomes.add(o);
            if (o instanceof TxOutcome.Applied a) {
                applied.add(tx);
                a.receipt().ifPresent(outgoing::add);
            }
        }
        return new BlockResult(receiptOutcomes, outcomes, applied, outgoing, state.root(),
                Block.transactionsRoot(applied), Block.outgoingReceiptsRoot(outgoing));
    }
}

package org.spindle.sim.ledger;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;

/**
 * A block that became final under the active protocol, as the ledger checkers and metrics see it:
 * where and when, the transactions it applied, the receipts it emitted and the ones it credited,
 * what it minted (rewards), and, when the reporter computed it, the sum of the shard's balances in
 * the state after the block ({@code shardBalance}; conservation is checked when every shard has
 * one at its latest final height). Times in µs; {@code proposedAtMicros} is when the block was
 * proposed, for per-epoch start times.
 */
public record FinalizedBlock(long finalAtMicros, long proposedAtMicros, int shard, long height, long epoch, Hash hash,
        List<Transaction> transactions, List<Receipt> emitted, List<Receipt> credited, BigInteger minted,
        Optional<BigInteger> shardBalance) {

    public FinalizedBlock {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(minted, "minted");
        Objects.requireNonNull(shardBalance, "shardBalance");
        transactions = List.copyOf(transactions);
        emitted = List.copyOf(emitted);
        credited = List.copyOf(credited);
        if (shard < 0 || height < 0 || epoch < 0 || finalAtMicros < 0 || proposedAtMicros < 0) {
            throw new IllegalArgumentException("negative shard, height, epoch or time");
        }
        if (minted.signum() < 0) {
            throw new IllegalArgumentException("negative minted amount");
        }
    }

    /**
     * From an executed block and its result: the applied transactions, emitted receipts and
     * credited receipts (those its execution credited). {@code stateAfter}, if given, supplies the
     * shard balance; pass null to skip the (linear-time) sum.
     */
    public static FinalizedBlock of(Block block, BlockResult result, long proposedAtMicros, long finalAtMicros,
            BigInteger minted, WorldState stateAfter) {
        List<Receipt> credited = result.receiptOutcomes().stream()
                .filter(o -> o instanceof org.spindle.core.execution.ReceiptOutcome.Credited)
                .map(org.spindle.core.execution.ReceiptOutcome::receipt).toList();
        return new FinalizedBlock(finalAtMicros, proposedAtMicros, block.header().shard(), block.header().height(),
                block.header().epoch(), block.hash(), result.applied(), result.outgoingReceipts(), credited, minted,
                stateAfter == null ? Optional.empty() : Optional.of(stateAfter.totalSupply()));
    }

    /** The same block, final at another time: for reporters that record a block when executed. */
    public FinalizedBlock finalAt(long micros) {
        return new FinalizedBlock(micros, proposedAtMicros, shard, height, epoch, hash, transactions, emitted, credited,
                minted, shardBalance);
    }
}

package org.spindle.sim.baseline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.LedgerListener;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.ledger.LedgerObserver;

/**
 * Turns what shard ledgers report into the simulator's {@link LedgerObserver} events. Committed is
 * final for the baseline: the block a ledger applies is reported final with everything it moved;
 * every member's commit is reported again by hash only, which the safety checker compares.
 */
public final class ObserverBridge implements LedgerListener {
    private final LedgerObserver observer;
    private Function<ShardLedger.Applied, List<Receipt>> extraCredits = a -> List.of();

    public ObserverBridge(LedgerObserver observer) {
        this.observer = observer;
    }

    /**
     * For the deliberately broken inbox of the checker tests: receipts {@code extra} says an applied
     * block credited besides those its execution credited.
     */
    void tapCredits(Function<ShardLedger.Applied, List<Receipt>> extra) {
        extraCredits = extra;
    }

    @Override
    public void invalid(long atMicros, Transaction tx, String reason) {
        observer.onInvalid(atMicros, tx.hash(), reason);
    }

    @Override
    public void receiptExecuted(long atMicros, int shard, long height, Receipt receipt) {
        observer.onReceiptApplied(atMicros, shard, height, receipt);
    }

    @Override
    public void applied(long atMicros, ShardLedger.Applied a) {
        BlockHeader h = a.certified();
        List<Receipt> credited = new ArrayList<>(a.result().receiptOutcomes().stream()
                .filter(o -> o instanceof ReceiptOutcome.Credited).map(ReceiptOutcome::receipt).toList());
        credited.addAll(extraCredits.apply(a));
        observer.onBlockFinal(new FinalizedBlock(atMicros, a.proposedAtMicros(), a.shard(), h.height(), h.epoch(),
                h.hash(), a.result().applied(), a.result().outgoingReceipts(), credited, BigInteger.ZERO,
                Optional.of(a.shardBalance())));
    }

    @Override
    public void committed(NodeId node, long atMicros, int shard, long height, Hash hash) {
        observer.onBlockFinal(new FinalizedBlock(atMicros, atMicros, shard, height, 0, hash, List.of(), List.of(),
                List.of(), BigInteger.ZERO, Optional.empty()));
    }

    @Override
    public void fork(long atMicros, int shard, long height) {
        observer.onFork(atMicros, shard, height);
    }

    @Override
    public void poolSize(long atMicros, NodeId node, int size) {
        observer.onTxPoolSize(atMicros, node.index(), size);
    }

    @Override
    public void storage(long atMicros, NodeId node, long bytes) {
        observer.onStorageSize(atMicros, node.index(), bytes);
    }
}

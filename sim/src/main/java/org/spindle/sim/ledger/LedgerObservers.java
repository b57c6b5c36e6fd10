package org.spindle.sim.ledger;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;

/** Forwards every event to several observers, in the given order. */
public final class LedgerObservers implements LedgerObserver {
    private final List<LedgerObserver> observers;

    public LedgerObservers(List<? extends LedgerObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void onSubmitted(long atMicros, Transaction tx) {
        observers.forEach(o -> o.onSubmitted(atMicros, tx));
    }

    @Override
    public void onInvalid(long atMicros, Hash txHash, String reason) {
        observers.forEach(o -> o.onInvalid(atMicros, txHash, reason));
    }

    @Override
    public void onReceiptApplied(long atMicros, int shard, long height, Receipt receipt) {
        observers.forEach(o -> o.onReceiptApplied(atMicros, shard, height, receipt));
    }

    @Override
    public void onBlockFinal(FinalizedBlock block) {
        observers.forEach(o -> o.onBlockFinal(block));
    }

    @Override
    public void onFork(long atMicros, int shard, long height) {
        observers.forEach(o -> o.onFork(atMicros, shard, height));
    }

    @Override
    public void onViewChange(long atMicros, int shard, long view) {
        observers.forEach(o -> o.onViewChange(atMicros, shard, view));
    }

    @Override
    public void onTxPoolSize(long atMicros, int node, int size) {
        observers.forEach(o -> o.onTxPoolSize(atMicros, node, size));
    }

    @Override
    public void onStorageSize(long atMicros, int node, long bytes) {
        observers.forEach(o -> o.onStorageSize(atMicros, node, bytes));
    }
}

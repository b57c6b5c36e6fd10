package org.spindle.protocol.sharding.ledger;

import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.protocol.runtime.NodeId;

/** What a shard ledger reports as it runs: for metrics, invariant checkers and logs. */
public interface LedgerListener {
    LedgerListener NONE = new LedgerListener() {};

    /** Execution rejected a pending transaction; it left the pool and will never be final. */
    default void invalid(long atMicros, Transaction tx, String reason) {}

    /** A block this shard proposed executes a credit of {@code receipt}; the block need not be final. */
    default void receiptExecuted(long atMicros, int shard, long height, Receipt receipt) {}

    /** A committed block was applied to the shard's state (once per block). */
    default void applied(long atMicros, ShardLedger.Applied applied) {}

    /** {@code node} committed the block {@code hash} at (shard, height); every honest node reports each commit. */
    default void committed(NodeId node, long atMicros, int shard, long height, Hash hash) {}

    /** A second, different block was proposed at (shard, height). */
    default void fork(long atMicros, int shard, long height) {}

    default void poolSize(long atMicros, NodeId node, int size) {}

    default void storage(long atMicros, NodeId node, long bytes) {}
}

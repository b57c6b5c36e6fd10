package org.spindle.sim.ledger;

import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;

/**
 * What the ledger layer of a simulation reports as it happens, in simulated-time order: client
 * submissions, transactions found invalid, receipt credits at execution time, blocks becoming
 * final, and consensus incidents. Invariant checkers and the metrics collector listen; a reporter
 * may report the same final block more than once (e.g. once per node), and listeners must treat
 * repeats of the same (shard, height, hash) as one.
 */
public interface LedgerObserver {
    /** A client submitted {@code tx} at {@code atMicros}. */
    default void onSubmitted(long atMicros, Transaction tx) {}

    /** A submitted transaction was found invalid (bad nonce, no funds, ...) and will never be final. */
    default void onInvalid(long atMicros, Hash txHash, String reason) {}

    /** A node executed a block that credits {@code receipt}; the block need not be final yet. */
    default void onReceiptApplied(long atMicros, int shard, long height, Receipt receipt) {}

    /** A block became final. */
    default void onBlockFinal(FinalizedBlock block) {}

    /** Two different blocks were proposed or prepared at one (shard, height); not a safety violation by itself. */
    default void onFork(long atMicros, int shard, long height) {}

    /** A shard's consensus changed view (leader) at {@code atMicros}. */
    default void onViewChange(long atMicros, int shard, long view) {}

    /** A node's transaction pool held {@code size} transactions at {@code atMicros}. */
    default void onTxPoolSize(long atMicros, int node, int size) {}

    /** A node's storage held {@code bytes} bytes at {@code atMicros} (blocks, state, logs). */
    default void onStorageSize(long atMicros, int node, long bytes) {}
}

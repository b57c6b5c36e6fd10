package org.spindle.protocol.sharding.spiralshard;

import org.spindle.core.bytes.Hash;

/** What LCE reports beside the ledger events of {@link org.spindle.protocol.sharding.ledger.LedgerListener}. */
public interface LceListener {
    LceListener NONE = new LceListener() {};

    /** The shard's consensus prepared a block (the first member to commit it reports it). */
    default void prepared(long atMicros, int shard, long height, Hash hash) {}

    /** A block became final under LCE, {@code lagMicros} after it was prepared (endorsement lag). */
    default void finalized(long atMicros, int shard, long height, Hash hash, long lagMicros) {}

    /**
     * A finality proof arrived for a block conflicting with this shard's finalized chain: the
     * members who hold it take it as final too, which only a group beyond the model allows.
     */
    default void conflictingFinal(long atMicros, int shard, long height, Hash hash) {}

    /** A prepared block was discarded, conflicting with a finalized one; its state rolled back. */
    default void discarded(long atMicros, int shard, long height, Hash hash) {}
}

package org.spindle.core.storage;

import java.util.Optional;
import java.util.function.BiConsumer;
import org.spindle.core.bytes.Bytes;

/**
 * A node's key-value store. Protocol code persists what must survive a restart through it (votes
 * before they are sent, final headers, state). The simulator keeps one per node across a crash;
 * a real node backs it with RocksDB.
 */
public interface Storage extends AutoCloseable {
    Optional<Bytes> get(Bytes key);

    void put(Bytes key, Bytes value);

    void delete(Bytes key);

    /** Applies all puts and deletes of the batch atomically. */
    void write(WriteBatch batch);

    /**
     * Like {@link #write}, but a store that syncs each write to disk may return before this batch
     * is synced: a crash of the process loses nothing, a crash of the machine may lose it. Stores
     * keep writes in order, so the next synced write makes this one durable too. For what a later
     * synced write covers anyway, or what may be lost (a node's own caches).
     */
    default void writeUnsynced(WriteBatch batch) {
        write(batch);
    }

    /** Visits every entry whose key starts with {@code prefix}, in ascending unsigned key order. */
    void scan(Bytes prefix, BiConsumer<Bytes, Bytes> visitor);

    @Override
    default void close() {}
}

package org.spindle.node.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.protocol.runtime.Metrics;

/**
 * The transactions this node decoded, so that it recovers each sender (secp256k1, the dominant
 * cost of a transaction) once however often the transaction reaches it: forwarded, submitted, in a
 * proposed body, in a final block. Looked up by the raw bytes (their array hash is far cheaper than
 * the keccak of the transaction hash, which a lookup would otherwise pay on every arrival) or by
 * hash. Each entry carries the sender's shard, worked out where the entry was made (a verifier
 * thread for forwarded transactions), not on the loop. Thread-safe: verifier threads fill it off
 * the loop, the loop reads it. Bounded: past {@code capacity} the oldest entries are forgotten (a
 * forgotten transaction is simply recovered again).
 */
final class RecoveredTransactions {
    /** A decoded transaction and the shard its sender lives in. */
    record Recovered(Transaction tx, int senderShard) {}

    private final TransactionDecoder decoder;
    private final int shards;
    private final int capacity;
    private final ConcurrentHashMap<Bytes, Recovered> byRaw = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Hash, Recovered> byHash = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Recovered> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Metrics.Counter recoveries;

    RecoveredTransactions(TransactionDecoder decoder, int shards, int capacity, Metrics.Counter recoveries) {
        this.decoder = decoder;
        this.shards = shards;
        this.capacity = capacity;
        this.recoveries = recoveries;
    }

    /** The entry for {@code raw} if it was decoded lately, else null; never decodes. */
    Recovered cached(Bytes raw) {
        return byRaw.get(raw);
    }

    /** The transaction of {@code raw}: from the cache, or decoded (sender recovered) and cached; empty if invalid. */
    Optional<Recovered> decode(Bytes raw) {
        Recovered r = byRaw.get(raw);
        if (r != null) {
            return Optional.of(r);
        }
        recoveries.increment();
        if (decoder.decode(raw) instanceof TransactionDecodeResult.Accepted(Transaction tx)) {
            return Optional.of(put(tx));
        }
        return Optional.empty();
    }

    /** Remembers a transaction decoded elsewhere (by the API); returns its entry. */
    Recovered put(Transaction tx) {
        Recovered mine = new Recovered(tx, ShardMath.shardOf(tx.from(), shards));
        Recovered had = byHash.putIfAbsent(tx.hash(), mine);
        if (had != null) {
            return had;
        }
        byRaw.put(tx.raw(), mine);
        order.add(mine);
        if (size.incrementAndGet() > capacity) {
            Recovered eldest = order.poll();
            if (eldest != null) {
                byHash.remove(eldest.tx().hash());
                byRaw.remove(eldest.tx().raw());
                size.decrementAndGet();
            }
        }
        return mine;
    }

    Transaction get(Hash hash) {
        Recovered r = byHash.get(hash);
        return r == null ? null : r.tx();
    }

    int size() {
        return size.get();
    }
}

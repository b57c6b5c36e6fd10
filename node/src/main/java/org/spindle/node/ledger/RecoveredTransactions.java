package org.spindle.node.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.protocol.runtime.Metrics;

/**
 * The transactions this node decoded, by hash, so that it recovers each sender (secp256k1, the
 * dominant cost of a transaction) once however often the transaction reaches it: forwarded,
 * submitted, in a proposed body, in a final block. Thread-safe: verifier threads fill it off the
 * loop, the loop reads it. Bounded: past {@code capacity} the oldest entries are forgotten (a
 * forgotten transaction is simply recovered again).
 */
final class RecoveredTransactions {
    private final TransactionDecoder decoder;
    private final int capacity;
    private final ConcurrentHashMap<Hash, Transaction> byHash = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Hash> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Metrics.Counter recoveries;

    RecoveredTransactions(TransactionDecoder decoder, int capacity, Metrics.Counter recoveries) {
        this.decoder = decoder;
        this.capacity = capacity;
        this.recoveries = recoveries;
    }

    /** The transaction of {@code raw}: from the cache, or decoded (sender recovered) and cached; empty if invalid. */
    Optional<Transaction> decode(Bytes raw) {
        Transaction t = byHash.get(Hashing.keccak256(raw));
        if (t != null) {
            return Optional.of(t);
        }
        recoveries.increment();
        if (decoder.decode(raw) instanceof TransactionDecodeResult.Accepted(Transaction tx)) {
            put(tx);
            return Optional.of(tx);
        }
        return Optional.empty();
    }

    /** Remembers a transaction decoded elsewhere (by the API). */
    void put(Transaction tx) {
        if (byHash.putIfAbsent(tx.hash(), tx) == null) {
            order.add(tx.hash());
            if (size.incrementAndGet() > capacity) {
                Hash eldest = order.poll();
                if (eldest != null) {
                    byHash.remove(eldest);
                    size.decrementAndGet();
                }
            }
        }
    }

    Transaction get(Hash hash) {
        return byHash.get(hash);
    }

    int size() {
        return size.get();
    }
}

package org.spindle.protocol.sharding.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Transaction;

/**
 * A shard's pending transactions, in arrival order, bounded by {@code capacity}. Proposers take
 * from the front; transactions leave when a committed block applied them or execution rejected
 * them. Arrival order keeps one sender's nonces in order, since a client submits them in order.
 */
public final class TxPool {
    /** What became of a submitted transaction. */
    public sealed interface Admission {
        record Accepted() implements Admission {}

        record Refused(String reason) implements Admission {}

        Accepted ACCEPTED = new Accepted();
    }

    private final int capacity;
    private final LinkedHashMap<Hash, Transaction> pending = new LinkedHashMap<>();

    public TxPool(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pool capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    public Admission add(Transaction tx) {
        if (pending.containsKey(tx.hash())) {
            return new Admission.Refused("transaction " + tx.hash().toHex() + " is pending already");
        }
        if (pending.size() >= capacity) {
            return new Admission.Refused("transaction pool is full (" + capacity + " pending)");
        }
        pending.put(tx.hash(), tx);
        return Admission.ACCEPTED;
    }

    /** Up to {@code max} transactions from the front, left in the pool. */
    public List<Transaction> peek(int max) {
        List<Transaction> out = new ArrayList<>(Math.min(max, pending.size()));
        for (Iterator<Transaction> it = pending.values().iterator(); it.hasNext() && out.size() < max; ) {
            out.add(it.next());
        }
        return out;
    }

    /** Removes these transactions (those absent are ignored); returns how many were pending. */
    public int removeAll(Collection<Transaction> txs) {
        int removed = 0;
        for (Transaction t : txs) {
            removed += pending.remove(t.hash()) != null ? 1 : 0;
        }
        return removed;
    }

    /** The pending transaction with this hash, if any. */
    public java.util.Optional<Transaction> get(Hash txHash) {
        return java.util.Optional.ofNullable(pending.get(txHash));
    }

    public boolean contains(Hash txHash) {
        return pending.containsKey(txHash);
    }

    public int size() {
        return pending.size();
    }

    public int capacity() {
        return capacity;
    }
}

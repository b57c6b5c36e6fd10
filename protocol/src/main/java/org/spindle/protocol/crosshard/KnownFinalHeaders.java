package org.spindle.protocol.crosshard;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;

/**
 * A {@link FinalityVerifier} that accepts exactly the headers it has been told are final, e.g. by
 * a light client that followed each shard's certificates, or by the simulator's view of the
 * sharding protocol. Remembers at most {@code capacity} hashes, forgetting the oldest first: a
 * forgotten header is reported not final, which only delays a credit (the source re-relays).
 */
public final class KnownFinalHeaders implements FinalityVerifier {
    private final int capacity;
    private final Set<Hash> known = new HashSet<>();
    private final ArrayDeque<Hash> order = new ArrayDeque<>();

    public KnownFinalHeaders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public void markFinal(Hash headerHash) {
        if (known.add(headerHash)) {
            order.addLast(headerHash);
            if (order.size() > capacity) {
                known.remove(order.removeFirst());
            }
        }
    }

    public void markFinal(BlockHeader header) {
        markFinal(header.hash());
    }

    @Override
    public FinalityCheck check(BlockHeader header) {
        Hash h = header.hash();
        return known.contains(h) ? FinalityCheck.FINAL
                : new FinalityCheck.NotFinal("block " + h.toHex() + " of shard " + header.shard() + " at height "
                        + header.height() + " is not known to be final");
    }
}

package org.spindle.protocol.crosshard;

import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;

/**
 * A receipt this shard emitted that is not known to be credited yet. {@code finalAtMicros} is -1
 * while its block is not final; {@code relays} counts how often it was sent; ages are in µs.
 */
public record PendingReceipt(Receipt receipt, Hash sourceBlockHash, long emittedAtMicros, long finalAtMicros,
        int relays, long ageMicros) {
    public PendingReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(sourceBlockHash, "sourceBlockHash");
    }

    public boolean sourceFinal() {
        return finalAtMicros >= 0;
    }
}

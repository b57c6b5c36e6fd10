package org.spindle.protocol.consensus;

import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/**
 * Payloads for tests and benchmarks: {@code txCount} transactions of {@code txBytes} each (as bulk
 * bytes) and a descriptor (height, a random nonce, the counts and a validity flag). An honest
 * proposer sets the flag; an invalid-block adversary clears it, standing for a block with an
 * invalid transaction, which {@link #check} rejects.
 */
public record SyntheticPayloads(int txCount, int txBytes, boolean proposeInvalid) implements PayloadRules {
    public SyntheticPayloads {
        if (txCount < 0 || txBytes < 0 || (long) txCount * txBytes > Payload.MAX_BULK) {
            throw new IllegalArgumentException("txCount × txBytes must be in 0.." + Payload.MAX_BULK);
        }
    }

    public SyntheticPayloads proposingInvalid() {
        return new SyntheticPayloads(txCount, txBytes, true);
    }

    @Override
    public Payload propose(long height, Hash parent, RandomGenerator random) {
        return make(height, random.nextLong(), !proposeInvalid);
    }

    /** A payload with the given nonce and validity, e.g. for an equivocating leader's second block. */
    public Payload make(long height, long nonce, boolean valid) {
        Encoder e = new Encoder(32).i64(height).i64(nonce).varint(txCount).varint(txBytes).bool(valid);
        return new Payload(e.toBytes(), txCount * txBytes);
    }

    @Override
    public Validity check(long height, Payload payload) {
        try {
            Decoder d = new Decoder(payload.content());
            long h = d.i64();
            d.i64();
            int count = d.varint(Integer.MAX_VALUE, "txCount");
            int bytes = d.varint(Integer.MAX_VALUE, "txBytes");
            boolean valid = d.bool();
            d.end();
            if (h != height) {
                return Validity.invalid("payload is for height " + h + ", not " + height);
            }
            if ((long) count * bytes != payload.bulkBytes()) {
                return Validity.invalid("payload declares " + count + " × " + bytes + " bytes but carries "
                        + payload.bulkBytes());
            }
            return valid ? Validity.VALID : Validity.invalid("payload contains an invalid transaction");
        } catch (CodecException e) {
            return Validity.invalid("payload descriptor is malformed: " + e.getMessage());
        }
    }

    /** Whether the payload's own flag says it is valid (for checkers that look at committed blocks). */
    public static boolean flaggedValid(Payload payload) {
        byte[] c = payload.content().unsafeArray();
        return c.length > 0 && c[c.length - 1] == 1;
    }
}

package org.spindle.core.state;

import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.SmtProof;

/**
 * Proof, under a destination shard's state root, that a receipt has or has not been consumed. A
 * source shard or a light client uses it to see whether a cross-shard credit has landed.
 */
public record ReceiptProof(ReceiptId id, boolean consumed, SmtProof proof) {
    public ReceiptProof {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(proof, "proof");
    }

    public boolean verify(Hash stateRoot) {
        Hash key = StateKeys.receiptKey(id);
        return consumed
                ? proof.verifyInclusion(stateRoot, key, StateKeys.CONSUMED)
                : proof.verifyNonInclusion(stateRoot, key);
    }

    public static final Codec<ReceiptProof> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, ReceiptProof p) {
            ReceiptId.CODEC.write(out, p.id());
            out.bool(p.consumed());
            SmtProof.CODEC.write(out, p.proof());
        }

        @Override
        public ReceiptProof read(Decoder in) {
            return new ReceiptProof(ReceiptId.CODEC.read(in), in.bool(), SmtProof.CODEC.read(in));
        }

        @Override
        public int maxSize() {
            return ReceiptId.CODEC.maxSize() + 1 + SmtProof.CODEC.maxSize();
        }
    };
}

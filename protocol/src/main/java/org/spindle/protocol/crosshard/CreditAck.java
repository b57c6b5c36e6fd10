package org.spindle.protocol.crosshard;

import java.util.List;
import java.util.Objects;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.state.ReceiptProof;

/**
 * From a destination shard back to a source shard: proofs, under a final destination header's
 * state root, that receipts have been consumed. Lets the source drop them from its pending view
 * and stop re-relaying; it moves no money, so a bad ack can at worst stop re-relays early.
 */
public record CreditAck(BlockHeader destinationHeader, List<ReceiptProof> proofs) implements CrossShardMessage {
    public CreditAck {
        Objects.requireNonNull(destinationHeader, "destinationHeader");
        proofs = List.copyOf(proofs);
        if (proofs.isEmpty() || proofs.size() > MAX_PROOFS_PER_ACK) {
            throw new IllegalArgumentException("an ack carries 1 to " + MAX_PROOFS_PER_ACK + " proofs, got "
                    + proofs.size());
        }
    }

    @Override
    public int typeTag() {
        return TAG_CREDIT_ACK;
    }

    @Override
    public void encodeBody(Encoder out) {
        BlockHeader.CODEC.write(out, destinationHeader);
        out.list(proofs, ReceiptProof.CODEC::write);
    }

    @Override
    public int encodedSize() {
        int n = 1 + WireSizes.header(destinationHeader) + WireSizes.varint(proofs.size());
        for (ReceiptProof p : proofs) {
            n += WireSizes.receiptProof(p);
        }
        return n;
    }

    static CreditAck readBody(Decoder in) {
        BlockHeader header = BlockHeader.CODEC.read(in);
        List<ReceiptProof> proofs = in.list(MAX_PROOFS_PER_ACK, ReceiptProof.CODEC::read);
        try {
            return new CreditAck(header, proofs);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad credit ack: " + e.getMessage());
        }
    }
}

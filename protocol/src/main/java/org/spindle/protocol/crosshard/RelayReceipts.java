package org.spindle.protocol.crosshard;

import java.util.List;
import java.util.Objects;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;

/**
 * Receipts of one final source block for one destination shard, each with its inclusion proof
 * against the block's outgoing receipts root, and the source header (with its certificate, so the
 * destination can judge finality). Sent once the source block is final, and again on re-relay.
 */
public record RelayReceipts(BlockHeader sourceHeader, List<IncomingReceipt> receipts) implements CrossShardMessage {
    public RelayReceipts {
        Objects.requireNonNull(sourceHeader, "sourceHeader");
        receipts = List.copyOf(receipts);
        if (receipts.isEmpty() || receipts.size() > MAX_RECEIPTS_PER_MESSAGE) {
            throw new IllegalArgumentException("a relay carries 1 to " + MAX_RECEIPTS_PER_MESSAGE + " receipts, got "
                    + receipts.size());
        }
    }

    @Override
    public int typeTag() {
        return TAG_RELAY_RECEIPTS;
    }

    @Override
    public void encodeBody(Encoder out) {
        BlockHeader.CODEC.write(out, sourceHeader);
        out.list(receipts, IncomingReceipt.CODEC::write);
    }

    @Override
    public int encodedSize() {
        int n = 1 + WireSizes.header(sourceHeader) + WireSizes.varint(receipts.size());
        for (IncomingReceipt r : receipts) {
            n += WireSizes.incoming(r);
        }
        return n;
    }

    static RelayReceipts readBody(Decoder in) {
        BlockHeader header = BlockHeader.CODEC.read(in);
        List<IncomingReceipt> receipts = in.list(MAX_RECEIPTS_PER_MESSAGE, IncomingReceipt.CODEC::read);
        try {
            return new RelayReceipts(header, receipts);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad receipt relay: " + e.getMessage());
        }
    }
}

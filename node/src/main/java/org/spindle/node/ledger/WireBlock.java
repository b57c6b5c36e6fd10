package org.spindle.node.ledger;

import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionCodec;

/**
 * A ledger block as it travels between real nodes and rests in their storage: the header, each
 * transaction as the raw signed Ethereum bytes a client sent (a receiver recovers the senders
 * itself; nothing the sender claims is trusted), and the incoming receipts with their proofs.
 */
public record WireBlock(BlockHeader header, List<Bytes> rawTransactions, List<IncomingReceipt> receipts) {
    public static final int MAX_ITEMS = 20_000;

    public WireBlock {
        rawTransactions = List.copyOf(rawTransactions);
        receipts = List.copyOf(receipts);
    }

    /** The wire form of a block whose transactions are all real (carry their raw bytes). */
    public static WireBlock of(Block b) {
        for (Transaction t : b.transactions()) {
            if (t.raw().isEmpty()) {
                throw new IllegalArgumentException("transaction " + t.hash() + " has no raw bytes to send");
            }
        }
        return new WireBlock(b.header(), b.transactions().stream().map(Transaction::raw).toList(), b.incomingReceipts());
    }

    public void write(Encoder out) {
        BlockHeader.CODEC.write(out, header);
        out.list(rawTransactions, Encoder::bytes);
        out.list(receipts, IncomingReceipt.CODEC::write);
    }

    public static WireBlock read(Decoder in) {
        BlockHeader h = BlockHeader.CODEC.read(in);
        List<Bytes> txs = in.list(MAX_ITEMS, d -> d.bytes(TransactionCodec.MAX_RAW));
        List<IncomingReceipt> rs = in.list(MAX_ITEMS, IncomingReceipt.CODEC::read);
        return new WireBlock(h, txs, rs);
    }

    public Bytes encode() {
        Encoder e = new Encoder(1024);
        write(e);
        return e.toBytes();
    }

    public static WireBlock decode(Bytes b) {
        Decoder d = new Decoder(b);
        WireBlock w = read(d);
        d.end();
        return w;
    }

    public int encodedSize() {
        return encode().size();
    }
}

package org.spindle.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.merkle.MerkleTree;

/**
 * A shard block: header and body. The body holds the transactions and the incoming cross-shard
 * receipts with their proofs; the header commits to both through its transactions root and
 * incoming receipts root ({@link MerkleTree} over the {@link TransactionCodec} and
 * {@link IncomingReceipt#CODEC} encodings).
 */
public record Block(BlockHeader header, List<Transaction> transactions, List<IncomingReceipt> incomingReceipts) {
    public static final int MAX_TRANSACTIONS = 50_000;
    public static final int MAX_INCOMING_RECEIPTS = 50_000;
    /** An upper bound on an encoded block; decoding checks it before reading anything. */
    public static final int MAX_BLOCK_BYTES = 64 * 1024 * 1024;

    public Block {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
        incomingReceipts = List.copyOf(incomingReceipts);
        if (transactions.size() > MAX_TRANSACTIONS || incomingReceipts.size() > MAX_INCOMING_RECEIPTS) {
            throw new IllegalArgumentException("too many transactions or receipts in a block");
        }
    }

    public Hash hash() {
        return header.hash();
    }

    public static Hash transactionsRoot(List<Transaction> txs) {
        List<Bytes> items = new ArrayList<>(txs.size());
        for (Transaction tx : txs) {
            items.add(TransactionCodec.INSTANCE.encode(tx));
        }
        return MerkleTree.root(items);
    }

    public static Hash incomingReceiptsRoot(List<IncomingReceipt> receipts) {
        List<Bytes> items = new ArrayList<>(receipts.size());
        for (IncomingReceipt r : receipts) {
            items.add(IncomingReceipt.CODEC.encode(r));
        }
        return MerkleTree.root(items);
    }

    public static Hash outgoingReceiptsRoot(List<Receipt> receipts) {
        return MerkleTree.root(encodeReceipts(receipts));
    }

    public static List<Bytes> encodeReceipts(List<Receipt> receipts) {
        List<Bytes> items = new ArrayList<>(receipts.size());
        for (Receipt r : receipts) {
            items.add(Receipt.CODEC.encode(r));
        }
        return items;
    }

    /** True if the header's body roots match the body. */
    public boolean bodyMatchesHeader() {
        return header.transactionsRoot().equals(transactionsRoot(transactions))
                && header.incomingReceiptsRoot().equals(incomingReceiptsRoot(incomingReceipts));
    }

    public static final Codec<Block> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, Block b) {
            BlockHeader.CODEC.write(out, b.header());
            out.list(b.transactions(), TransactionCodec.INSTANCE::write);
            out.list(b.incomingReceipts(), IncomingReceipt.CODEC::write);
        }

        @Override
        public Block read(Decoder in) {
            return new Block(
                    BlockHeader.CODEC.read(in),
                    in.list(MAX_TRANSACTIONS, TransactionCodec.INSTANCE::read),
                    in.list(MAX_INCOMING_RECEIPTS, IncomingReceipt.CODEC::read));
        }

        @Override
        public int maxSize() {
            return MAX_BLOCK_BYTES;
        }
    };
}

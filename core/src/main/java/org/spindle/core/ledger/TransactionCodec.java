package org.spindle.core.ledger;

import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/**
 * Spindle's own encoding of a {@link Transaction}, with its recovered sender, for blocks and
 * storage. Transactions from users arrive as raw Ethereum envelopes and are decoded (and their
 * signatures checked) by {@code TransactionDecoder}; this codec is for data already validated.
 */
public final class TransactionCodec implements Codec<Transaction> {
    public static final TransactionCodec INSTANCE = new TransactionCodec();
    public static final int MAX_DATA = 32 * 1024;
    public static final int MAX_RAW = 64 * 1024;

    private TransactionCodec() {}

    @Override
    public void write(Encoder out, Transaction tx) {
        out.u8(tx.type().ordinal())
                .varint(tx.chainId())
                .varint(tx.nonce())
                .address(tx.from())
                .address(tx.to())
                .uint256(tx.value())
                .varint(tx.gasLimit())
                .uint256(tx.maxFeePerGas())
                .uint256(tx.maxPriorityFeePerGas())
                .bytes(tx.data())
                .hash(tx.hash())
                .bytes(tx.raw());
    }

    @Override
    public Transaction read(Decoder in) {
        int type = in.u8();
        if (type >= TxType.values().length) {
            throw new CodecException("unknown transaction type " + type);
        }
        try {
            return new Transaction(
                    TxType.values()[type],
                    in.varint(),
                    in.varint(),
                    in.address(),
                    in.address(),
                    in.uint256(),
                    in.varint(),
                    in.uint256(),
                    in.uint256(),
                    in.bytes(MAX_DATA),
                    in.hash(),
                    in.bytes(MAX_RAW));
        } catch (IllegalArgumentException e) {
            throw new CodecException("invalid transaction: " + e.getMessage());
        }
    }

    @Override
    public int maxSize() {
        return 1 + 10 + 10 + 20 + 20 + 33 + 10 + 33 + 33 + 5 + MAX_DATA + 32 + 5 + MAX_RAW;
    }
}

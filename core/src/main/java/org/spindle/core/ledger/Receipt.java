package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.Objects;
import org.spindle.core.bytes.Address;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/**
 * A cross-shard credit: the source shard has debited {@code from} by {@code value} in the block at
 * {@code sourceHeight}, where this receipt is entry {@code index} of the outgoing-receipts list
 * (and so provable against that block's outgoing receipts root). The destination shard credits
 * {@code to} once, recording {@link #id()} as consumed.
 */
public record Receipt(
        ReceiptId id,
        int sourceShard,
        int destinationShard,
        long sourceHeight,
        int index,
        Address from,
        Address to,
        BigInteger value) {

    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        if (sourceShard < 0 || destinationShard < 0 || sourceHeight < 0 || index < 0) {
            throw new IllegalArgumentException("negative shard, height or index");
        }
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value is not a uint256: " + value);
        }
    }

    public static final Codec<Receipt> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, Receipt r) {
            out.hash(r.id().hash())
                    .varint(r.sourceShard())
                    .varint(r.destinationShard())
                    .varint(r.sourceHeight())
                    .varint(r.index())
                    .address(r.from())
                    .address(r.to())
                    .uint256(r.value());
        }

        @Override
        public Receipt read(Decoder in) {
            try {
                return new Receipt(
                        ReceiptId.CODEC.read(in),
                        in.varint(ShardMath.MAX_SHARDS - 1, "source shard"),
                        in.varint(ShardMath.MAX_SHARDS - 1, "destination shard"),
                        in.varint(),
                        in.varint(Integer.MAX_VALUE, "receipt index"),
                        in.address(),
                        in.address(),
                        in.uint256());
            } catch (IllegalArgumentException e) {
                throw CodecErrors.invalid("receipt", e);
            }
        }

        @Override
        public int maxSize() {
            return 32 + 3 + 3 + 10 + 5 + 20 + 20 + 33;
        }
    };
}

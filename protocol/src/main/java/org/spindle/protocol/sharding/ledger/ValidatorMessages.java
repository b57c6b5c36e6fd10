package org.spindle.protocol.sharding.ledger;

import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.runtime.Message;

/**
 * The wire codec of a shard validator: one family byte (BFT or cross-shard) before the family's
 * own frame, since both families number their types from 1. The family byte is framing, like a
 * transport's length prefix; {@link Message#encodedSize()} counts the family frame only.
 */
public final class ValidatorMessages {
    public static final int FAMILY_BFT = 1;
    public static final int FAMILY_CROSS_SHARD = 2;

    private ValidatorMessages() {}

    public static final Codec<Message> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, Message m) {
            switch (m) {
                case BftMessage b -> {
                    out.u8(FAMILY_BFT);
                    BftMessage.CODEC.write(out, b);
                }
                case CrossShardMessage c -> {
                    out.u8(FAMILY_CROSS_SHARD);
                    CrossShardMessage.CODEC.write(out, c);
                }
                default -> throw new IllegalArgumentException("a shard validator does not send "
                        + m.getClass().getSimpleName());
            }
        }

        @Override
        public Message read(Decoder in) {
            int family = in.u8();
            return switch (family) {
                case FAMILY_BFT -> BftMessage.CODEC.read(in);
                case FAMILY_CROSS_SHARD -> CrossShardMessage.CODEC.read(in);
                default -> throw new CodecException("unknown message family " + family);
            };
        }

        @Override
        public int maxSize() {
            return 1 + Math.max(BftMessage.CODEC.maxSize(), CrossShardMessage.CODEC.maxSize());
        }
    };

    /** The bytes of a message on the wire: its family byte and its frame. */
    public static int frameSize(Message m) {
        return 1 + m.encodedSize();
    }
}

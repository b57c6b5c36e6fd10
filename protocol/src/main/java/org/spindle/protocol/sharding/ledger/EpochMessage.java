package org.spindle.protocol.sharding.ledger;

import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.runtime.Message;

/**
 * What validators of a reconfiguring ledger ({@link EpochValidator}) exchange besides the
 * cross-shard messages: consensus messages tagged with the (epoch, shard) committee they belong
 * to, and the state transfer that lets a member that entered a shard take part.
 */
public sealed interface EpochMessage extends Message {
    int TAG_ROUTED = 1;
    int TAG_STATE_REQUEST = 2;
    int TAG_STATE_SYNC = 3;

    /**
     * A consensus message of the committee of {@code shard} in {@code epoch}. Around an epoch
     * boundary one node may serve two committees at once (the old one up to its last height, the
     * new one from its first), and a node that moves between shards may even serve two shards, so
     * a BFT message alone would not say which consensus instance it is for.
     */
    record Routed(long epoch, int shard, BftMessage inner) implements EpochMessage {
        @Override
        public int typeTag() {
            return TAG_ROUTED;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(epoch).varint(shard).u8(inner.typeTag());
            inner.encodeBody(out);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(epoch) + Message.varintSize(shard) + inner.encodedSize();
        }
    }

    /** Asks for the state of {@code shard} as of the last block before {@code epoch} began there. */
    record StateRequest(long epoch, int shard) implements EpochMessage {
        @Override
        public int typeTag() {
            return TAG_STATE_REQUEST;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(epoch).varint(shard);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(epoch) + Message.varintSize(shard);
        }
    }

    /**
     * The state of {@code shard} at {@code height} for a member that entered it in {@code epoch}:
     * {@code stateBytes} of accounts (each account modelled at {@link EpochValidator#ACCOUNT_BYTES},
     * the figure {@link ShardLedger#storedBytes} uses). The simulator charges the whole transfer to
     * the network; the accounts themselves are the shard ledger's, which honest members share.
     */
    record StateSync(long epoch, int shard, long height, int stateBytes) implements EpochMessage {
        public StateSync {
            if (stateBytes < 0) {
                throw new IllegalArgumentException("state bytes must be non-negative");
            }
        }

        @Override
        public int typeTag() {
            return TAG_STATE_SYNC;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(epoch).varint(shard).varint(height).varint(stateBytes);
            out.raw(new byte[stateBytes]);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(epoch) + Message.varintSize(shard) + Message.varintSize(height)
                    + Message.varintSize(stateBytes) + stateBytes;
        }
    }
}

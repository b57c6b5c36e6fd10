package org.spindle.protocol.sharding.spiralshard;

import java.util.List;
import java.util.Objects;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.crosshard.WireSizes;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/**
 * LCE's messages: the certified headers an honest voter forwards to the next shard of its group
 * (only headers cross shards), and the cross-shard transfer messages with the finality proof of the
 * header they carry, since under LCE a certificate alone does not make a block final.
 */
public sealed interface LceMessage extends Message {
    int TAG_FORWARD = 1;
    int TAG_PROVEN_RELAY = 2;
    int TAG_PROVEN_ACK = 3;
    int MAX_HEADERS = LceFields.MAX_GROUP;

    MessageCodec<LceMessage> CODEC = MessageCodec.<LceMessage>builder("lce", 64 << 20)
            .type(TAG_FORWARD, Forward::readBody)
            .type(TAG_PROVEN_RELAY, ProvenRelay::readBody)
            .type(TAG_PROVEN_ACK, ProvenAck::readBody)
            .build();

    /** A prepared header, newest first, followed by the endorsement history it carries. */
    record Forward(List<BlockHeader> headers) implements LceMessage {
        public Forward {
            headers = List.copyOf(headers);
            if (headers.isEmpty() || headers.size() > MAX_HEADERS) {
                throw new IllegalArgumentException("a forward carries 1 to " + MAX_HEADERS + " headers");
            }
        }

        @Override
        public int typeTag() {
            return TAG_FORWARD;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.list(headers, BlockHeader.CODEC::write);
        }

        @Override
        public int encodedSize() {
            int n = 1 + WireSizes.varint(headers.size());
            for (BlockHeader h : headers) {
                n += WireSizes.header(h);
            }
            return n;
        }

        static Forward readBody(Decoder in) {
            List<BlockHeader> hs = in.list(MAX_HEADERS, BlockHeader.CODEC::read);
            try {
                return new Forward(hs);
            } catch (IllegalArgumentException e) {
                throw new CodecException("bad forward: " + e.getMessage());
            }
        }
    }

    /** Receipts of a finalized block, with the proof that the block is final. */
    record ProvenRelay(FinalityProof proof, RelayReceipts relay) implements LceMessage {
        public ProvenRelay {
            Objects.requireNonNull(proof);
            Objects.requireNonNull(relay);
        }

        @Override
        public int typeTag() {
            return TAG_PROVEN_RELAY;
        }

        @Override
        public void encodeBody(Encoder out) {
            proof.encode(out);
            CrossShardMessage.CODEC.write(out, relay);
        }

        @Override
        public int encodedSize() {
            return 1 + proof.encodedSize() + relay.encodedSize();
        }

        static ProvenRelay readBody(Decoder in) {
            FinalityProof p = FinalityProof.read(in);
            if (!(CrossShardMessage.CODEC.read(in) instanceof RelayReceipts r)) {
                throw new CodecException("a proven relay carries a receipt relay");
            }
            return new ProvenRelay(p, r);
        }
    }

    /** Credit acknowledgements under a finalized destination block, with the proof that it is final. */
    record ProvenAck(FinalityProof proof, CreditAck ack) implements LceMessage {
        public ProvenAck {
            Objects.requireNonNull(proof);
            Objects.requireNonNull(ack);
        }

        @Override
        public int typeTag() {
            return TAG_PROVEN_ACK;
        }

        @Override
        public void encodeBody(Encoder out) {
            proof.encode(out);
            CrossShardMessage.CODEC.write(out, ack);
        }

        @Override
        public int encodedSize() {
            return 1 + proof.encodedSize() + ack.encodedSize();
        }

        static ProvenAck readBody(Decoder in) {
            FinalityProof p = FinalityProof.read(in);
            if (!(CrossShardMessage.CODEC.read(in) instanceof CreditAck a)) {
                throw new CodecException("a proven ack carries a credit ack");
            }
            return new ProvenAck(p, a);
        }
    }
}

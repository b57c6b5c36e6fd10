package org.spindle.protocol.consensus.syncvote;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/** The leader's block for an epoch, signed over (epoch, block hash). */
public record LeaderProposal(long epoch, Payload payload, NodeId leader, Bytes signature) implements SyncVoteMessage {
    public LeaderProposal {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (signature.size() > MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature too large");
        }
    }

    /** The block hash voters vote on: it covers the epoch and the payload. */
    public static Hash blockHash(long epoch, Payload payload) {
        return Hashing.sha256(new Encoder(48).u8(0x62).varint(epoch).hash(payload.digest()).toBytes());
    }

    public Hash blockHash() {
        return blockHash(epoch, payload);
    }

    @Override
    public int typeTag() {
        return TAG_PROPOSAL;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(epoch);
        payload.encode(out);
        out.varint(leader.index());
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(epoch) + payload.encodedSize() + Message.varintSize(leader.index())
                + Message.varintSize(signature.size()) + signature.size();
    }

    static LeaderProposal readBody(Decoder in) {
        long epoch = in.varint();
        Payload payload = Payload.read(in);
        int leader = in.varint(Integer.MAX_VALUE, "leader");
        Bytes sig = in.bytes(MAX_SIGNATURE);
        try {
            return new LeaderProposal(epoch, payload, NodeId.of(leader), sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad proposal: " + e.getMessage());
        }
    }
}

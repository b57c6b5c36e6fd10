package org.spindle.protocol.consensus.bft;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/** A member's signed prepare or commit vote for a block at (height, view). */
public record Vote(VoteKind kind, long height, int view, Hash block, NodeId voter, Bytes signature)
        implements BftMessage {
    public Vote {
        if (height < 0 || view < 0) {
            throw new IllegalArgumentException("height and view must be non-negative");
        }
        if (signature.size() > QuorumCertificate.MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature too large");
        }
    }

    /** A vote signed by the node owning {@code crypto}. */
    public static Vote sign(Crypto crypto, NodeId self, VoteKind kind, long height, int view, Hash block) {
        return new Vote(kind, height, view, block, self, crypto.sign(Signing.vote(kind, height, view, block)));
    }

    boolean verify(Crypto crypto) {
        return crypto.verify(voter, Signing.vote(kind, height, view, block), signature);
    }

    @Override
    public int typeTag() {
        return TAG_VOTE;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.u8(kind.ordinal());
        out.varint(height);
        out.varint(view);
        out.hash(block);
        out.varint(voter.index());
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 2 + Message.varintSize(height) + Message.varintSize(view) + Hash.SIZE
                + Message.varintSize(voter.index()) + Message.varintSize(signature.size()) + signature.size();
    }

    static Vote readBody(Decoder in) {
        VoteKind kind = VoteKind.fromCode(in.u8());
        long height = in.varint();
        int view = in.varint(Integer.MAX_VALUE, "view");
        Hash block = in.hash();
        int voter = in.varint(Integer.MAX_VALUE, "voter");
        Bytes sig = in.bytes(QuorumCertificate.MAX_SIGNATURE);
        try {
            return new Vote(kind, height, view, block, NodeId.of(voter), sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad vote: " + e.getMessage());
        }
    }
}

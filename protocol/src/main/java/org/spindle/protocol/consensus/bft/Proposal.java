package org.spindle.protocol.consensus.bft;

import java.util.Optional;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * The leader's block for (height, view). {@code justify} is a prepare certificate for the same block
 * from an earlier view of this height: it lets nodes locked on another block vote for this one
 * (Tendermint's "valid round"). {@code proposedAt} is the leader's clock, used only for the commit
 * latency metric. The leader signs (height, view, block hash, proposedAt).
 */
public record Proposal(long height, int view, Block block, Optional<QuorumCertificate> justify, long proposedAt,
        NodeId proposer, Bytes signature) implements BftMessage {
    public Proposal {
        if (height < 0 || view < 0 || proposedAt < 0) {
            throw new IllegalArgumentException("height, view and proposedAt must be non-negative");
        }
        if (signature.size() > QuorumCertificate.MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature too large");
        }
    }

    /** A proposal signed by the node owning {@code crypto}. */
    public static Proposal sign(Crypto crypto, NodeId self, long height, int view, Block block,
            Optional<QuorumCertificate> justify, long proposedAt) {
        return new Proposal(height, view, block, justify, proposedAt, self,
                crypto.sign(Signing.proposal(height, view, block.hash(), proposedAt)));
    }

    Bytes signedBytes() {
        return Signing.proposal(height, view, block.hash(), proposedAt);
    }

    @Override
    public int typeTag() {
        return TAG_PROPOSAL;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(height);
        out.varint(view);
        block.encode(out);
        BftMessage.writeOptional(out, justify, (e, q) -> q.encode(e));
        out.i64(proposedAt);
        out.varint(proposer.index());
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(height) + Message.varintSize(view) + block.encodedSize() + 1
                + justify.map(QuorumCertificate::encodedSize).orElse(0) + 8 + Message.varintSize(proposer.index())
                + Message.varintSize(signature.size()) + signature.size();
    }

    static Proposal readBody(Decoder in) {
        long height = in.varint();
        int view = in.varint(Integer.MAX_VALUE, "view");
        Block block = Block.read(in);
        Optional<QuorumCertificate> justify = BftMessage.readOptional(in, QuorumCertificate::read);
        long at = in.i64();
        int proposer = in.varint(Integer.MAX_VALUE, "proposer");
        Bytes sig = in.bytes(QuorumCertificate.MAX_SIGNATURE);
        try {
            return new Proposal(height, view, block, justify, at, NodeId.of(proposer), sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad proposal: " + e.getMessage());
        }
    }
}

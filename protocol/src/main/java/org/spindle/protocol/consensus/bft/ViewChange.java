package org.spindle.protocol.consensus.bft;

import java.util.Optional;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * "I moved to {@code view} of {@code height}": sent to every member when a node's view timer fires
 * or it follows f+1 others into a later view. It carries the sender's highest prepare certificate
 * and its block, so the new leader can re-propose a block that some node may be locked on.
 */
public record ViewChange(long height, int view, NodeId sender, Optional<QuorumCertificate> highQc,
        Optional<Block> block, Bytes signature) implements BftMessage {
    public ViewChange {
        if (height < 0 || view < 0) {
            throw new IllegalArgumentException("height and view must be non-negative");
        }
        if (highQc.isPresent() != block.isPresent()) {
            throw new IllegalArgumentException("a certificate travels with its block");
        }
        if (signature.size() > QuorumCertificate.MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature too large");
        }
    }

    Bytes signedBytes() {
        return Signing.viewChange(height, view, highQc.map(QuorumCertificate::block).orElse(Hash.ZERO),
                highQc.map(QuorumCertificate::view).orElse(-1));
    }

    @Override
    public int typeTag() {
        return TAG_VIEW_CHANGE;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(height);
        out.varint(view);
        out.varint(sender.index());
        BftMessage.writeOptional(out, highQc, (e, q) -> q.encode(e));
        BftMessage.writeOptional(out, block, (e, b) -> b.encode(e));
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(height) + Message.varintSize(view) + Message.varintSize(sender.index())
                + 1 + highQc.map(QuorumCertificate::encodedSize).orElse(0)
                + 1 + block.map(Block::encodedSize).orElse(0)
                + Message.varintSize(signature.size()) + signature.size();
    }

    static ViewChange readBody(Decoder in) {
        long height = in.varint();
        int view = in.varint(Integer.MAX_VALUE, "view");
        int sender = in.varint(Integer.MAX_VALUE, "sender");
        Optional<QuorumCertificate> qc = BftMessage.readOptional(in, QuorumCertificate::read);
        Optional<Block> block = BftMessage.readOptional(in, Block::read);
        Bytes sig = in.bytes(QuorumCertificate.MAX_SIGNATURE);
        try {
            return new ViewChange(height, view, NodeId.of(sender), qc, block, sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad view change: " + e.getMessage());
        }
    }
}

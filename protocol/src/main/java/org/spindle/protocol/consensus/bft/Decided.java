package org.spindle.protocol.consensus.bft;

import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/** A decided block with its commit certificate: enough for anyone with the member list to adopt it. */
public record Decided(Block block, QuorumCertificate commit) implements BftMessage {
    public Decided {
        if (commit.kind() != VoteKind.COMMIT || commit.height() != block.height()) {
            throw new IllegalArgumentException("a decision carries a commit certificate of its own height");
        }
    }

    @Override
    public long height() {
        return block.height();
    }

    @Override
    public int typeTag() {
        return TAG_DECIDED;
    }

    @Override
    public void encodeBody(Encoder out) {
        block.encode(out);
        commit.encode(out);
    }

    @Override
    public int encodedSize() {
        return 1 + block.encodedSize() + commit.encodedSize();
    }

    static Decided readBody(Decoder in) {
        Block block = Block.read(in);
        QuorumCertificate qc = QuorumCertificate.read(in);
        try {
            return new Decided(block, qc);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad decision: " + e.getMessage());
        }
    }
}

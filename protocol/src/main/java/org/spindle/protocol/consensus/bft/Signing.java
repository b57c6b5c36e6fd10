package org.spindle.protocol.consensus.bft;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;

/**
 * The exact bytes each signature covers. Every kind starts with its own domain byte, so a signature
 * made for one purpose can never be replayed as another.
 */
final class Signing {
    private static final int VOTE = 0x56;
    private static final int PROPOSAL = 0x50;
    private static final int VIEW_CHANGE = 0x43;

    private Signing() {}

    static Bytes vote(VoteKind kind, long height, int view, Hash block) {
        return new Encoder(48).u8(VOTE).u8(kind.ordinal()).varint(height).varint(view).hash(block).toBytes();
    }

    static Bytes proposal(long height, int view, Hash block, long proposedAt) {
        return new Encoder(56).u8(PROPOSAL).varint(height).varint(view).hash(block).i64(proposedAt).toBytes();
    }

    static Bytes viewChange(long height, int view, Hash highBlock, int highView) {
        return new Encoder(56).u8(VIEW_CHANGE).varint(height).varint(view).hash(highBlock).i32(highView).toBytes();
    }
}

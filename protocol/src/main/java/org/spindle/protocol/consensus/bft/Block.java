package org.spindle.protocol.consensus.bft;

import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.runtime.Message;

/**
 * A block as consensus sees it: its height, the hash of the block it extends and an opaque payload.
 * The hash covers all three (the payload through its digest), so a certificate over the hash
 * certifies the payload. The view is not part of the block: a locked block is re-proposed unchanged
 * in later views.
 */
public record Block(long height, Hash parent, Payload payload) {
    /** The parent of height 0: no block. */
    public static final Hash GENESIS_PARENT = Hash.ZERO;

    public Block {
        if (height < 0) {
            throw new IllegalArgumentException("height must be non-negative, got " + height);
        }
    }

    public Hash hash() {
        return Hashing.sha256(new Encoder(80).u8(0xB1).varint(height).hash(parent).hash(payload.digest()).toBytes());
    }

    public void encode(Encoder out) {
        out.varint(height);
        out.hash(parent);
        payload.encode(out);
    }

    public int encodedSize() {
        return Message.varintSize(height) + Hash.SIZE + payload.encodedSize();
    }

    public static Block read(Decoder in) {
        long height = in.varint();
        Hash parent = in.hash();
        return new Block(height, parent, Payload.read(in));
    }
}

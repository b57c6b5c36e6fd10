package org.spindle.protocol.consensus.bft;

import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;

/** A node that fell behind asks a peer for the decided block of {@code height}. */
public record SyncRequest(long height) implements BftMessage {
    public SyncRequest {
        if (height < 0) {
            throw new IllegalArgumentException("height must be non-negative");
        }
    }

    @Override
    public int typeTag() {
        return TAG_SYNC_REQUEST;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(height);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(height);
    }

    static SyncRequest readBody(Decoder in) {
        return new SyncRequest(in.varint());
    }
}

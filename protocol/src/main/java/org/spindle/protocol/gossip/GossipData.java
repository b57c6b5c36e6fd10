package org.spindle.protocol.gossip;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * One gossiped item. {@code id} is the origin's hash of the item and the de-duplication key;
 * {@code signature} is the origin's signature over {@code id} (empty when the topic is unsigned);
 * {@code hops} counts forwards, {@code publishedAt} is the origin's clock in microseconds. The
 * payload is shared between forwarded copies, never copied.
 */
public record GossipData(String topic, Hash id, NodeId origin, long publishedAt, int hops, Bytes payload,
        Bytes signature) implements GossipMessage {
    public static final int MAX_SIGNATURE = 256;
    public static final int MAX_HOPS = 1 << 16;

    public GossipData {
        Topics.check(topic);
        if (publishedAt < 0 || hops < 0 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("publishedAt and hops must be in range");
        }
        if (payload.size() > MAX_PAYLOAD || signature.size() > MAX_SIGNATURE) {
            throw new IllegalArgumentException("payload or signature too large");
        }
    }

    /** The copy a node forwards: one more hop, everything else shared. */
    public GossipData forwarded() {
        return new GossipData(topic, id, origin, publishedAt, hops + 1, payload, signature);
    }

    @Override
    public int typeTag() {
        return TAG_DATA;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.string(topic);
        out.hash(id);
        out.varint(origin.index());
        out.i64(publishedAt);
        out.varint(hops);
        out.bytes(payload);
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(topic.length()) + topic.length() + Hash.SIZE
                + Message.varintSize(origin.index()) + 8 + Message.varintSize(hops)
                + Message.varintSize(payload.size()) + payload.size()
                + Message.varintSize(signature.size()) + signature.size();
    }

    static GossipData readBody(Decoder in) {
        String topic = in.string(Topics.MAX_LENGTH);
        Hash id = in.hash();
        int origin = in.varint(Integer.MAX_VALUE, "origin");
        long publishedAt = in.i64();
        int hops = in.varint(MAX_HOPS, "hops");
        Bytes payload = in.bytes(MAX_PAYLOAD);
        Bytes signature = in.bytes(MAX_SIGNATURE);
        try {
            return new GossipData(topic, id, NodeId.of(origin), publishedAt, hops, payload, signature);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad gossip data: " + e.getMessage());
        }
    }
}

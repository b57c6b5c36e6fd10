package org.spindle.protocol.consensus;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.Message;

/**
 * What a block carries, opaque to consensus. {@code content} is the part the caller interprets (an
 * encoded ledger block header, or a synthetic descriptor in tests); {@code bulkBytes} stands for
 * the transaction bodies that content commits to (say by a Merkle root in it). Bulk bytes are sent
 * as zeros so the modelled network and the real encoding weigh the same.
 */
public record Payload(Bytes content, int bulkBytes) {
    public static final int MAX_CONTENT = 1 << 16;
    public static final int MAX_BULK = 8 << 20;

    public Payload {
        if (content.size() > MAX_CONTENT) {
            throw new IllegalArgumentException("payload content of " + content.size() + " bytes exceeds "
                    + MAX_CONTENT);
        }
        if (bulkBytes < 0 || bulkBytes > MAX_BULK) {
            throw new IllegalArgumentException("bulkBytes must be in 0.." + MAX_BULK + ", got " + bulkBytes);
        }
    }

    /** Commits to the content and the bulk size: what a block hash covers. */
    public Hash digest() {
        return Hashing.sha256(new Encoder(content.size() + 16).bytes(content).varint(bulkBytes).toBytes());
    }

    public void encode(Encoder out) {
        out.bytes(content);
        out.varint(bulkBytes);
        out.raw(new byte[bulkBytes]);
    }

    public int encodedSize() {
        return Message.varintSize(content.size()) + content.size() + Message.varintSize(bulkBytes) + bulkBytes;
    }

    public static Payload read(Decoder in) {
        Bytes content = in.bytes(MAX_CONTENT);
        int bulk = in.varint(MAX_BULK, "payload bulk bytes");
        byte[] filler = in.raw(bulk);
        for (byte b : filler) {
            if (b != 0) {
                throw new CodecException("payload bulk bytes must be zero filler");
            }
        }
        return new Payload(content, bulk);
    }
}

package org.spindle.protocol.runtime;

import org.spindle.core.codec.Encoder;

/**
 * A protocol message: an immutable record in a sealed family, encoded by its family's
 * {@link MessageCodec} as a one-byte type tag followed by its body. The simulator never encodes
 * messages; it passes references and charges {@link #encodedSize()} bytes to the modelled network,
 * so that size must equal the length of the real encoding (every family tests this).
 */
public interface Message {
    /** This type's tag within its family, 0..255. */
    int typeTag();

    /** Writes everything after the type tag. */
    void encodeBody(Encoder out);

    /** Bytes of the full frame: the tag byte plus the body. Must be cheap: called per delivery. */
    int encodedSize();

    /** The encoded length of an unsigned varint, for {@link #encodedSize()} computations. */
    static int varintSize(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varint must be non-negative: " + v);
        }
        // 7 payload bits per byte; branch-free because it runs several times per simulated delivery.
        return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }
}

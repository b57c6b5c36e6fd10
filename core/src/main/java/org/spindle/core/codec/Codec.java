package org.spindle.core.codec;

import org.spindle.core.bytes.Bytes;

/**
 * Encodes and decodes one type. {@link #decode(Bytes)} rejects encodings longer than
 * {@link #maxSize()} before reading them and requires every byte to be consumed.
 */
public interface Codec<T> {
    void write(Encoder out, T value);

    T read(Decoder in);

    /** The largest encoding this codec accepts, in bytes. */
    int maxSize();

    default Bytes encode(T value) {
        Encoder e = new Encoder();
        write(e, value);
        return e.toBytes();
    }

    default T decode(Bytes data) {
        if (data.size() > maxSize()) {
            throw new CodecException("encoding of " + data.size() + " bytes exceeds the limit of " + maxSize());
        }
        Decoder d = new Decoder(data);
        T value = read(d);
        d.end();
        return value;
    }
}

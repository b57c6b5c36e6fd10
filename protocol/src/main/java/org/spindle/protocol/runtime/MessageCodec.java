package org.spindle.protocol.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/**
 * The codec of one message family: a type-tag byte selects the body reader. Unknown tags,
 * truncated bodies, trailing bytes and frames over {@link #maxSize()} are rejected with a
 * {@link CodecException}, so a real transport carries exactly the records the simulation modelled.
 */
public final class MessageCodec<M extends Message> implements Codec<M> {
    private final String family;
    private final int maxSize;
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array, indexed by the tag byte
    private final Function<Decoder, ? extends M>[] readers = new Function[256];

    private MessageCodec(String family, int maxSize, Map<Integer, Function<Decoder, ? extends M>> readers) {
        this.family = family;
        this.maxSize = maxSize;
        readers.forEach((tag, reader) -> this.readers[tag] = reader);
    }

    public static <M extends Message> Builder<M> builder(String family, int maxSize) {
        return new Builder<>(family, maxSize);
    }

    public String family() {
        return family;
    }

    @Override
    public void write(Encoder out, M value) {
        int tag = value.typeTag();
        if (tag < 0 || tag > 255 || readers[tag] == null) {
            throw new IllegalArgumentException(family + " has no message type with tag " + tag);
        }
        out.u8(tag);
        value.encodeBody(out);
    }

    @Override
    public M read(Decoder in) {
        int tag = in.u8();
        Function<Decoder, ? extends M> reader = readers[tag];
        if (reader == null) {
            throw new CodecException(family + ": unknown message type tag " + tag);
        }
        return reader.apply(in);
    }

    @Override
    public int maxSize() {
        return maxSize;
    }

    /** Collects the tag → reader table; each tag is registered once. */
    public static final class Builder<M extends Message> {
        private final String family;
        private final int maxSize;
        private final Map<Integer, Function<Decoder, ? extends M>> readers = new TreeMap<>();

        private Builder(String family, int maxSize) {
            if (maxSize <= 0) {
                throw new IllegalArgumentException("maxSize must be positive");
            }
            this.family = family;
            this.maxSize = maxSize;
        }

        public Builder<M> type(int tag, Function<Decoder, ? extends M> reader) {
            if (tag < 0 || tag > 255) {
                throw new IllegalArgumentException("a type tag is one byte, got " + tag);
            }
            if (readers.putIfAbsent(tag, reader) != null) {
                throw new IllegalArgumentException(family + ": tag " + tag + " registered twice");
            }
            return this;
        }

        public MessageCodec<M> build() {
            return new MessageCodec<>(family, maxSize, readers);
        }
    }
}

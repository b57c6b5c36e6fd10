package org.spindle.node.net;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/**
 * The message families one endpoint speaks and how a frame carries them: a frame body is a one-byte
 * family tag followed by the message as its family's {@link MessageCodec} writes it (type tag and
 * body). Tag {@value #HANDSHAKE} is the handshake and {@value #DISCOVERY} the bootnode protocol;
 * protocol families take the other tags.
 */
public final class Wire {
    public static final int HANDSHAKE = 0;
    public static final int DISCOVERY = 1;

    /** One family: its frame tag, codec and the Java type its messages share. */
    public record Family(int tag, MessageCodec<? extends Message> codec, Class<? extends Message> type) {
        public Family {
            if (tag < 0 || tag > 255) {
                throw new IllegalArgumentException("a family tag is one byte, got " + tag);
            }
        }
    }

    /** What a frame decoded to. */
    public sealed interface Decoded {
        record Ok(int family, Message message) implements Decoded {}

        record Malformed(String reason) implements Decoded {}
    }

    private final Family[] byTag = new Family[256];
    private final List<Family> families;

    private Wire(List<Family> families) {
        this.families = List.copyOf(families);
        for (Family f : families) {
            if (byTag[f.tag()] != null) {
                throw new IllegalArgumentException("family tag " + f.tag() + " used twice");
            }
            byTag[f.tag()] = f;
        }
    }

    public static Wire of(Family... families) {
        return new Wire(List.of(families));
    }

    /** This wire with more families, e.g. the handshake added to a protocol's families. */
    public Wire with(Family... more) {
        List<Family> all = new ArrayList<>(families);
        all.addAll(List.of(more));
        return new Wire(all);
    }

    /** The frame body for {@code m}: family tag, then the message. */
    public byte[] encode(Message m) {
        for (Family f : families) {
            if (f.type().isInstance(m)) {
                Encoder e = new Encoder(Math.max(16, m.encodedSize() + 1));
                e.u8(f.tag());
                write(f.codec(), e, m);
                return e.toArray();
            }
        }
        throw new IllegalArgumentException("no wire family carries " + m.getClass().getName());
    }

    /** Decodes a frame body; never throws on bad input. */
    public Decoded decode(byte[] frame) {
        if (frame.length == 0) {
            return new Decoded.Malformed("empty frame");
        }
        int tag = frame[0] & 0xFF;
        Family f = byTag[tag];
        if (f == null) {
            return new Decoded.Malformed("unknown family tag " + tag);
        }
        if (frame.length - 1 > f.codec().maxSize()) {
            return new Decoded.Malformed(f.codec().family() + " frame of " + (frame.length - 1)
                    + " bytes exceeds its limit of " + f.codec().maxSize());
        }
        try {
            Decoder d = new Decoder(frame, 1, frame.length - 1);
            Message m = f.codec().read(d);
            d.end();
            return new Decoded.Ok(tag, m);
        } catch (CodecException | IllegalArgumentException e) {
            return new Decoded.Malformed(f.codec().family() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A reader that fails in an unexpected way is still bad input, not a reason to crash.
            return new Decoded.Malformed(f.codec().family() + ": " + e);
        }
    }

    @SuppressWarnings("unchecked") // the family's type check above guarantees the codec accepts m
    private static <M extends Message> void write(MessageCodec<M> codec, Encoder e, Message m) {
        codec.write(e, (M) m);
    }
}

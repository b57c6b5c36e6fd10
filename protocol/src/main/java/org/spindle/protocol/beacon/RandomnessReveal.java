package org.spindle.protocol.beacon;

import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * A committee member's reveal for {@code epoch}: its signature over
 * {@link RandomnessInput#revealMessage}. Being a signature it needs no separate authentication; being
 * committed to beforehand it cannot be chosen after the other reveals are seen.
 */
public record RandomnessReveal(long epoch, NodeId validator, Bytes reveal) implements BeaconMessage {
    public RandomnessReveal {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(reveal, "reveal");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (reveal.size() > MAX_SIGNATURE) {
            throw new IllegalArgumentException("reveal over " + MAX_SIGNATURE + " bytes");
        }
    }

    @Override
    public int typeTag() {
        return TAG_REVEAL;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(epoch);
        out.varint(validator.index());
        out.bytes(reveal);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(epoch) + Message.varintSize(validator.index())
                + Message.varintSize(reveal.size()) + reveal.size();
    }

    static RandomnessReveal readBody(Decoder in) {
        long epoch = in.varint();
        int id = in.varint(Integer.MAX_VALUE, "validator id");
        Bytes reveal = in.bytes(MAX_SIGNATURE);
        return new RandomnessReveal(epoch, NodeId.of(id), reveal);
    }
}

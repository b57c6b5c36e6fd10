package org.spindle.protocol.beacon;

import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * A committee member's commitment for {@code epoch}: {@code commitment = keccak256(reveal)}, signed
 * by the member over {@link RandomnessInput#commitMessage} so it can be relayed by anyone.
 */
public record RandomnessCommit(long epoch, NodeId validator, Hash commitment, Bytes signature) implements BeaconMessage {
    public RandomnessCommit {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(signature, "signature");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (signature.size() > MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature over " + MAX_SIGNATURE + " bytes");
        }
    }

    @Override
    public int typeTag() {
        return TAG_COMMIT;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(epoch);
        out.varint(validator.index());
        out.hash(commitment);
        out.bytes(signature);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(epoch) + Message.varintSize(validator.index()) + Hash.SIZE
                + Message.varintSize(signature.size()) + signature.size();
    }

    static RandomnessCommit readBody(Decoder in) {
        long epoch = in.varint();
        int id = in.varint(Integer.MAX_VALUE, "validator id");
        Hash commitment = in.hash();
        Bytes signature = in.bytes(MAX_SIGNATURE);
        return new RandomnessCommit(epoch, NodeId.of(id), commitment, signature);
    }

}

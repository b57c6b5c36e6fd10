package org.spindle.protocol.beacon;

import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Ed25519;
import org.spindle.protocol.runtime.NodeId;

/**
 * One validator as the beacon records it: its node id (the dense index runtimes use), its Ed25519
 * public key, its stake (in the smallest unit; non-negative, zero only after full confiscation) and
 * its status.
 */
public record Validator(NodeId id, Bytes publicKey, long stake, ValidatorStatus status) {
    public Validator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(status, "status");
        if (publicKey.size() != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has " + Ed25519.PUBLIC_KEY_SIZE
                    + " bytes, got " + publicKey.size());
        }
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be non-negative, got " + stake);
        }
    }

    public boolean isActive() {
        return status == ValidatorStatus.ACTIVE;
    }

    public Validator withStatus(ValidatorStatus newStatus) {
        return new Validator(id, publicKey, stake, newStatus);
    }

    public Validator withStake(long newStake) {
        return new Validator(id, publicKey, newStake, status);
    }

    public static final Codec<Validator> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, Validator v) {
            out.varint(v.id().index());
            out.raw(v.publicKey().unsafeArray());
            out.varint(v.stake());
            out.u8(v.status().ordinal());
        }

        @Override
        public Validator read(Decoder in) {
            int id = in.varint(Integer.MAX_VALUE, "validator id");
            Bytes key = Bytes.wrap(in.raw(Ed25519.PUBLIC_KEY_SIZE));
            long stake = in.varint();
            int status = in.u8();
            if (status >= ValidatorStatus.values().length) {
                throw new CodecException("unknown validator status " + status);
            }
            return new Validator(NodeId.of(id), key, stake, ValidatorStatus.values()[status]);
        }

        @Override
        public int maxSize() {
            return 5 + Ed25519.PUBLIC_KEY_SIZE + 10 + 1;
        }
    };
}

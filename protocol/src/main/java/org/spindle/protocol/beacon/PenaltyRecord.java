package org.spindle.protocol.beacon;

import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.NodeId;

/**
 * A penalty the beacon chain recorded: who, in which epoch, why, the hash of the evidence (a
 * conflicting vote pair, a faulty block, a withheld reveal's commitment) and how much stake was
 * taken. An expulsion confiscates the whole remaining stake.
 */
public record PenaltyRecord(Kind kind, NodeId validator, long epoch, String reason, Hash evidence, long amount) {
    public static final int MAX_REASON = 200;

    public enum Kind {
        EXPULSION,
        SLASHING
    }

    public PenaltyRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
        if (epoch < 0 || amount < 0) {
            throw new IllegalArgumentException("epoch and amount must be non-negative");
        }
        if (reason.isEmpty() || reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_REASON) {
            throw new IllegalArgumentException("a reason has 1 to " + MAX_REASON + " bytes");
        }
    }

    public static final Codec<PenaltyRecord> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, PenaltyRecord r) {
            out.u8(r.kind().ordinal());
            out.varint(r.validator().index());
            out.varint(r.epoch());
            out.string(r.reason());
            out.hash(r.evidence());
            out.varint(r.amount());
        }

        @Override
        public PenaltyRecord read(Decoder in) {
            int kind = in.u8();
            if (kind >= Kind.values().length) {
                throw new CodecException("unknown penalty kind " + kind);
            }
            int id = in.varint(Integer.MAX_VALUE, "validator id");
            long epoch = in.varint();
            String reason = in.string(MAX_REASON);
            Hash evidence = in.hash();
            long amount = in.varint();
            try {
                return new PenaltyRecord(Kind.values()[kind], NodeId.of(id), epoch, reason, evidence, amount);
            } catch (IllegalArgumentException e) {
                throw new CodecException("bad penalty record: " + e.getMessage());
            }
        }

        @Override
        public int maxSize() {
            return 1 + 5 + 10 + 2 + MAX_REASON + Hash.SIZE + 10;
        }
    };
}

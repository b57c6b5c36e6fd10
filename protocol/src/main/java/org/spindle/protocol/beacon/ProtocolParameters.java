package org.spindle.protocol.beacon;

import java.util.Objects;
import org.spindle.core.codec.Encoder;

/**
 * Protocol parameters fixed at genesis.
 *
 * @param membership              the membership rule and its sizes
 * @param epochLengthMicros       simulated or wall time of one epoch, in microseconds (runtime unit)
 * @param reconfigurationFraction the largest fraction of active validators that may change shard
 *                                between two epochs, in [0, 1]
 * @param randomnessCommittee     how many active validators (first by id) contribute to the randomness
 */
public record ProtocolParameters(MembershipConfig membership, long epochLengthMicros, double reconfigurationFraction,
                                 int randomnessCommittee) {
    public ProtocolParameters {
        Objects.requireNonNull(membership, "membership");
        if (epochLengthMicros <= 0) {
            throw new IllegalArgumentException("epoch length must be positive, got " + epochLengthMicros);
        }
        if (!(reconfigurationFraction >= 0 && reconfigurationFraction <= 1)) {
            throw new IllegalArgumentException("reconfiguration fraction must be in [0, 1], got " + reconfigurationFraction);
        }
        if (randomnessCommittee < 1) {
            throw new IllegalArgumentException("randomness committee must have at least one member, got " + randomnessCommittee);
        }
    }

    /** A canonical encoding for the genesis hash (doubles by their IEEE bits, never by their text). */
    public void encode(Encoder e) {
        switch (membership) {
            case MembershipConfig.Baseline b -> encodeShards(e.u8(1), b.shards());
            case MembershipConfig.Reticulum r -> e.u8(2).varint(r.processShardSize()).varint(r.controlShardSize());
            case MembershipConfig.SpiralShard s -> encodeShards(e.u8(3), s.shards()).varint(s.groupSize());
        }
        e.varint(epochLengthMicros).i64(Double.doubleToLongBits(reconfigurationFraction)).varint(randomnessCommittee);
    }

    private static Encoder encodeShards(Encoder e, ShardCount shards) {
        return switch (shards) {
            case ShardCount.Fixed f -> e.u8(1).varint(f.count());
            case ShardCount.TargetSize t -> e.u8(2).varint(t.size());
            case ShardCount.Secure s -> e.u8(3).i64(Double.doubleToLongBits(s.adversary()))
                    .i64(Double.doubleToLongBits(s.failureTarget())).u8(s.model().ordinal());
        };
    }
}

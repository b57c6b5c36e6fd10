package org.spindle.protocol.sharding;

import org.spindle.protocol.beacon.MembershipRule;

/**
 * The plug-in point of a sharding protocol: who serves where ({@link #membership()}), when a shard
 * block is final ({@link #finality()}) and which extra fields its block headers carry
 * ({@link #headerFields()}). Consensus, the beacon and the simulator ask these three questions and
 * nothing else of a protocol, so baseline, Reticulum and SpiralShard differ only here and in their
 * own message families.
 */
public interface ShardingProtocol {
    /** A short name, matching the genesis membership rule: {@code baseline}, {@code reticulum}, {@code spiralshard}. */
    String name();

    MembershipRule membership();

    FinalityRule finality();

    HeaderFields headerFields();
}

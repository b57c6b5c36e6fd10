package org.spindle.protocol.beacon;

import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** The beacon's message family: the two steps of the epoch-randomness round. */
public sealed interface BeaconMessage extends Message permits RandomnessCommit, RandomnessReveal {
    int TAG_COMMIT = 1;
    int TAG_REVEAL = 2;

    /** Largest signature carried (Ed25519 needs 64; room for other schemes). */
    int MAX_SIGNATURE = 128;

    MessageCodec<BeaconMessage> CODEC = MessageCodec.<BeaconMessage>builder("beacon", 512)
            .type(TAG_COMMIT, RandomnessCommit::readBody)
            .type(TAG_REVEAL, RandomnessReveal::readBody)
            .build();
}

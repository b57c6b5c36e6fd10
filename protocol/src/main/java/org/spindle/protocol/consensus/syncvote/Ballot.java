package org.spindle.protocol.consensus.syncvote;

import org.spindle.core.bytes.Hash;

/** What the broadcast established about one voter's vote. */
public sealed interface Ballot {
    record Approve(Hash block) implements Ballot {}

    /** A reject vote; {@code block} is {@link Hash#ZERO} if the voter received no usable proposal. */
    record Reject(Hash block) implements Ballot {}

    /**
     * The voter signed two different votes: provable misbehaviour. It carries no values, because honest
     * members may hold different pairs when a voter signed more than two; the verdict itself is the same
     * at every honest member.
     */
    record Conflicting() implements Ballot {}
}

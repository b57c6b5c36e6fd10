package org.spindle.protocol.consensus;

import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Hash;

/**
 * The caller's side of consensus: what a leader proposes and which proposals voters accept.
 * Consensus never looks inside a {@link Payload}; the sharded ledger plugs its blocks in here.
 */
public interface PayloadRules {
    /** The payload a leader proposes at {@code height} on top of the block {@code parent}. */
    Payload propose(long height, Hash parent, RandomGenerator random);

    /** Whether a voter may vote for {@code payload} at {@code height}. */
    Validity check(long height, Payload payload);
}

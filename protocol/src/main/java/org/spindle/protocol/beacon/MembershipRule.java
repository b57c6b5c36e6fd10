package org.spindle.protocol.beacon;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * How a sharding protocol turns the epoch randomness and the active validators into a
 * {@link Membership}. Implementations are pure functions: the same (randomness, validators, epoch)
 * give the same membership on every node, and the order in which {@code active} is passed does not
 * matter (implementations sort it by id before shuffling).
 */
public interface MembershipRule {
    /** A short name, e.g. {@code baseline}, for logs and genesis files. */
    String name();

    /**
     * Assigns every validator of {@code active} to exactly one shard. Throws
     * {@link IllegalArgumentException} when the rule cannot be met (e.g. fewer validators than one
     * shard needs); callers check {@link #minimumValidators()} first.
     */
    Membership assign(Hash randomness, List<NodeId> active, long epoch);

    /** The fewest active validators this rule can assign. */
    int minimumValidators();
}

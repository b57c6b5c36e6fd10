package org.spindle.protocol.sharding.reticulum;

/**
 * When a node withholds its process-shard vote (and, as leader, its proposal): the liveness attacks
 * of reticulum.md §1.9. Honest nodes are never silent.
 */
@FunctionalInterface
public interface SilencePolicy {
    SilencePolicy HONEST = epoch -> false;

    boolean silentAt(long epoch);
}

package org.spindle.protocol.sharding;

import java.util.Objects;
import org.spindle.core.ledger.BlockHeader;

/**
 * Decides when a shard block is final, from what this node has seen of it. Protocols differ: the
 * baseline is final on BFT commit; Reticulum when the control shard accepts the epoch; SpiralShard
 * when enough later blocks of the endorsement group endorse it.
 */
@FunctionalInterface
public interface FinalityRule {
    Verdict decide(Observation seen);

    /**
     * What a node knows about one block.
     *
     * @param committed       the shard's consensus committed it (a valid certificate was seen)
     * @param endorsements    how many distinct shards of its group have endorsed it (SpiralShard)
     * @param controlAccepted a control block accepting it was accepted (Reticulum)
     */
    record Observation(BlockHeader header, boolean committed, int endorsements, boolean controlAccepted) {
        public Observation {
            Objects.requireNonNull(header, "header");
            if (endorsements < 0) {
                throw new IllegalArgumentException("endorsements must be non-negative");
            }
        }
    }

    sealed interface Verdict {
        record Final() implements Verdict {}

        /** Not final yet, and what it still waits for. */
        record Pending(String waitingFor) implements Verdict {}
    }
}

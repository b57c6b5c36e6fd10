package org.spindle.sim.baseline;

import java.util.List;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * A checked {@code protocol: {name: baseline, ...}} section (see {@link BaselineSetup}), times in µs.
 *
 * @param adversaries behaviours for named nodes, for the first {@code perShard} members of every shard, or for
 *     a {@code fraction} of all nodes picked at random from the seed among those still honest
 * @param reconfiguration epochs and their membership changes; {@link Reconfig#NONE} for one epoch
 */
public record BaselineConfig(int nodes, int shards, long durationMicros, WorkloadSpec workload,
        ShardLedger.Limits limits, long baseTimeoutMicros, int maxDoublings, int poolCapacity,
        long clientLatencyMicros, ShardValidator.Settings settings, long livenessBoundMicros,
        long receiptGraceMicros, List<Adversaries> adversaries, Reconfig reconfiguration) {

    /**
     * Epochs of {@code epochMicros} (0: one epoch, no reconfiguration); at each boundary at most
     * {@code fraction} of the validators change shards, and a member that entered a shard asks
     * another holder of its state after {@code syncRetryMicros} without an answer.
     */
    public record Reconfig(long epochMicros, double fraction, long syncRetryMicros) {
        public static final Reconfig NONE = new Reconfig(0, 0, 1);

        public Reconfig {
            if (epochMicros < 0 || !(fraction >= 0 && fraction <= 1) || syncRetryMicros <= 0) {
                throw new IllegalArgumentException("epoch length must be non-negative, the fraction in [0, 1] and "
                        + "the sync retry interval positive");
            }
        }

        public boolean enabled() {
            return epochMicros > 0;
        }
    }

    public BaselineConfig(int nodes, int shards, long durationMicros, WorkloadSpec workload,
            ShardLedger.Limits limits, long baseTimeoutMicros, int maxDoublings, int poolCapacity,
            long clientLatencyMicros, ShardValidator.Settings settings, long livenessBoundMicros,
            long receiptGraceMicros, List<Adversaries> adversaries) {
        this(nodes, shards, durationMicros, workload, limits, baseTimeoutMicros, maxDoublings, poolCapacity,
                clientLatencyMicros, settings, livenessBoundMicros, receiptGraceMicros, adversaries, Reconfig.NONE);
    }

    /** One {@code adversaries} entry. */
    public record Adversaries(List<Integer> nodes, int perShard, double fraction, Assignment assignment) {
        public Adversaries {
            nodes = List.copyOf(nodes);
        }
    }

    public BaselineConfig {
        adversaries = List.copyOf(adversaries);
        if (shards < 1 || nodes < shards) {
            throw new IllegalArgumentException(nodes + " nodes cannot form " + shards + " shards");
        }
    }
}

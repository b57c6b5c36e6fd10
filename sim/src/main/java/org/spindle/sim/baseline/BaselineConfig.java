package org.spindle.sim.baseline;

import java.util.List;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * A checked {@code protocol: {name: baseline, ...}} section (see {@link BaselineSetup}), times in µs.
 *
 * @param adversaries behaviours for named nodes, or for the first {@code perShard} members of every shard
 */
public record BaselineConfig(int nodes, int shards, long durationMicros, WorkloadSpec workload,
        ShardLedger.Limits limits, long baseTimeoutMicros, int maxDoublings, int poolCapacity,
        long clientLatencyMicros, ShardValidator.Settings settings, long livenessBoundMicros,
        long receiptGraceMicros, List<Adversaries> adversaries) {

    /** One {@code adversaries} entry. */
    public record Adversaries(List<Integer> nodes, int perShard, Assignment assignment) {
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

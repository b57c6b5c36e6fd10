package org.spindle.sim.spiralshard;

import java.util.List;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * A checked {@code protocol: {name: spiralshard, ...}} section (see {@link SpiralShardSetup}), times in µs.
 *
 * @param byzantineFraction share of all nodes, placed at random from the seed, that behave as {@code byzantine}
 * @param aliveButCorruptFraction share of all nodes, placed at random, that are alive-but-corrupt
 * @param corruptShards forced malicious members per shard (the first members of the shard), beside the fractions
 */
public record SpiralConfig(int nodes, int shardSize, int groupSize, long durationMicros, WorkloadSpec workload,
        ShardLedger.Limits limits, long baseTimeoutMicros, int maxDoublings, int poolCapacity, long clientLatencyMicros,
        ShardValidator.Settings settings, long livenessBoundMicros, long receiptGraceMicros, double byzantineFraction,
        double aliveButCorruptFraction, Behaviour byzantine, List<CorruptShard> corruptShards, int headerMemory,
        long seriesBucketMicros, Silence silence) {

    /** A shard cut off from every other node from {@code atMicros} for {@code forMicros} (inside it, traffic flows). */
    public record Silence(int shard, long atMicros, long forMicros) {
        public static final Silence NONE = new Silence(-1, 0, 0);

        public boolean covers(long nowMicros) {
            return shard >= 0 && nowMicros >= atMicros && nowMicros < atMicros + forMicros;
        }
    }

    /** {@code byzantine} Byzantine and then {@code aliveButCorrupt} alive-but-corrupt members of {@code shard}. */
    public record CorruptShard(int shard, int byzantine, int aliveButCorrupt) {}

    public SpiralConfig {
        corruptShards = List.copyOf(corruptShards);
        if (shardSize < 4 || nodes / shardSize < 1) {
            throw new IllegalArgumentException(nodes + " nodes cannot form shards of " + shardSize);
        }
        if (groupSize < 1 || groupSize > nodes / shardSize) {
            throw new IllegalArgumentException("group size must be in 1.." + nodes / shardSize + ", got " + groupSize);
        }
    }

    public int shards() {
        return nodes / shardSize;
    }
}

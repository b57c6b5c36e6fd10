package org.spindle.sim.report;

/**
 * One epoch's line of the per-epoch CSV, in BlockEmulator's terms: inner-shard transactions, relay1
 * (the source half of a cross-shard transfer, final in its source shard) and relay2 (the credit,
 * final in the destination) finalized in blocks of this epoch; the epoch's first proposal and last
 * finality in simulated µs; and the sums of commit latencies (submission to finality) per kind.
 */
public record EpochRow(long epoch, long innerShard, long relay1, long relay2, long startMicros, long endMicros,
        long innerLatencySumMicros, long relay1LatencySumMicros, long relay2LatencySumMicros) {

    /** Transactions of the epoch as BlockEmulator counts them: inner + (relay1 + relay2) / 2. */
    public double totalTransactions() {
        return innerShard + crossShardTransactions();
    }

    public double crossShardTransactions() {
        return (relay1 + relay2) / 2.0;
    }

    public double seconds() {
        return (endMicros - startMicros) / 1e6;
    }

    public double averageTps() {
        return seconds() <= 0 ? 0 : totalTransactions() / seconds();
    }

    public double crossShardRatio() {
        double total = totalTransactions();
        return total == 0 ? 0 : crossShardTransactions() / total;
    }

    /** BlockEmulator's average TCL: all latency sums over the epoch's total transaction count, in seconds. */
    public double averageLatencySeconds() {
        double total = totalTransactions();
        return total == 0 ? 0
                : (innerLatencySumMicros + relay1LatencySumMicros + relay2LatencySumMicros) / 1e6 / total;
    }

    public double averageInnerLatencySeconds() {
        return innerShard == 0 ? 0 : innerLatencySumMicros / 1e6 / innerShard;
    }

    public double averageRelay1LatencySeconds() {
        return relay1 == 0 ? 0 : relay1LatencySumMicros / 1e6 / relay1;
    }

    public double averageRelay2LatencySeconds() {
        return relay2 == 0 ? 0 : relay2LatencySumMicros / 1e6 / relay2;
    }
}

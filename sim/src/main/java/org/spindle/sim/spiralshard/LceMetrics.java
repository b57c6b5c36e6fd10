package org.spindle.sim.spiralshard;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.sharding.spiralshard.EndorsementGroups;
import org.spindle.protocol.sharding.spiralshard.LceListener;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.ledger.LedgerObserver;

/**
 * LCE's own results: blocks prepared, finalized and discarded, the endorsement lag (prepared to
 * final) percentiles, and finalized blocks over time per endorsement group (the silent-shard
 * figure). A finality proof for a block conflicting with its shard's finalized chain is passed to
 * the ledger checkers as a final block, so the safety checker sees both.
 */
final class LceMetrics implements LceListener {
    private final EndorsementGroups groups;
    private final LedgerObserver checkers;
    private final long bucketMicros;
    private long prepared;
    private long finalized;
    private long discarded;
    private long conflictingFinals;
    private long[] lags = new long[256];
    private int lagCount;
    /** bucket index → finalized blocks per group. */
    private final TreeMap<Long, long[]> finalizedByBucket = new TreeMap<>();
    private final TreeMap<Long, long[]> preparedByBucket = new TreeMap<>();

    LceMetrics(EndorsementGroups groups, LedgerObserver checkers, long bucketMicros) {
        this.groups = groups;
        this.checkers = checkers;
        this.bucketMicros = bucketMicros;
    }

    private int groupCount() {
        return (groups.shardCount() + groups.groupSize() - 1) / groups.groupSize();
    }

    @Override
    public void prepared(long atMicros, int shard, long height, Hash hash) {
        prepared++;
        preparedByBucket.computeIfAbsent(atMicros / bucketMicros, k -> new long[groupCount()])[groups.groupOf(shard)]++;
    }

    @Override
    public void finalized(long atMicros, int shard, long height, Hash hash, long lagMicros) {
        finalized++;
        finalizedByBucket.computeIfAbsent(atMicros / bucketMicros, k -> new long[groupCount()])[groups.groupOf(shard)]++;
        if (lagCount == lags.length) {
            lags = Arrays.copyOf(lags, lagCount * 2);
        }
        lags[lagCount++] = Math.max(0, lagMicros);
    }

    @Override
    public void conflictingFinal(long atMicros, int shard, long height, Hash hash) {
        conflictingFinals++;
        checkers.onBlockFinal(new FinalizedBlock(atMicros, atMicros, shard, height, 0, hash, List.of(), List.of(),
                List.of(), BigInteger.ZERO, Optional.empty()));
    }

    @Override
    public void discarded(long atMicros, int shard, long height, Hash hash) {
        discarded++;
    }

    private double lagMs(double q) {
        if (lagCount == 0) {
            return 0;
        }
        Arrays.sort(lags, 0, lagCount);
        int i = (int) Math.ceil(q * lagCount) - 1;
        return lags[Math.max(0, Math.min(lagCount - 1, i))] / 1000.0;
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preparedBlocks", prepared);
        m.put("finalizedBlocks", finalized);
        m.put("discardedBlocks", discarded);
        m.put("conflictingFinals", conflictingFinals);
        m.put("endorsementLagP50Ms", lagMs(0.5));
        m.put("endorsementLagP99Ms", lagMs(0.99));
        m.put("endorsementLagMaxMs", lagMs(1.0));
        return m;
    }

    long finalizedBlocks() {
        return finalized;
    }

    long discardedBlocks() {
        return discarded;
    }

    /** Per time bucket: finalized and prepared blocks, network-wide and per group, and the running total. */
    String seriesCsv(long durationMicros) {
        StringBuilder b = new StringBuilder("timeSeconds,finalizedBlocks,cumulativeFinalized,preparedBlocks");
        int gc = groupCount();
        for (int g = 0; g < gc; g++) {
            b.append(",finalizedGroup").append(g);
        }
        b.append('\n');
        long total = 0;
        long last = Math.max(durationMicros / bucketMicros, finalizedByBucket.isEmpty() ? 0 : finalizedByBucket.lastKey());
        for (long k = 0; k <= last; k++) {
            long[] f = finalizedByBucket.getOrDefault(k, new long[gc]);
            long[] p = preparedByBucket.getOrDefault(k, new long[gc]);
            long sum = Arrays.stream(f).sum();
            total += sum;
            b.append(k * bucketMicros / 1e6).append(',').append(sum).append(',').append(total).append(',')
                    .append(Arrays.stream(p).sum());
            for (long x : f) {
                b.append(',').append(x);
            }
            b.append('\n');
        }
        return b.toString();
    }
}

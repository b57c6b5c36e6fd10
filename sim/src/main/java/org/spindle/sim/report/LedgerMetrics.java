package org.spindle.sim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.ledger.LedgerObserver;
import org.spindle.sim.metrics.MetricsRecorder;

/**
 * Ledger results of a run, collected from {@link LedgerObserver} events: transactions submitted and
 * finalized, throughput, confirmation latency (submission to finality) percentiles, cross-shard
 * ratio, transaction-pool sizes, bytes sent and stored per node, blocks, forks and view changes,
 * and per-epoch rows in BlockEmulator's terms ({@link #epochs()}).
 *
 * <p>Processing latency is Monoxide's measure, the one the SpiralShard paper reports: from the
 * proposal of the block that first executes a transaction (at its source shard) to its
 * confirmation. It leaves out the wait in the pool, which under a saturating load grows with the
 * length of the run rather than with anything the protocol does.
 *
 * <p>A transaction is confirmed when the block holding it is final (inner-shard), or, if it crosses
 * shards, when the destination block crediting its receipt is final (relay2); the source block
 * being final is its relay1. Counters and latency histograms also go to the run's
 * {@link MetricsRecorder} under the {@code ledger.*} names below, so they appear in
 * {@code counters.csv} and {@code histograms.csv}; p95 (which the recorder's summary lacks) is
 * computed here from the same values.
 */
public final class LedgerMetrics implements LedgerObserver {
    public static final String SUBMITTED = "ledger.submitted";
    public static final String INVALID = "ledger.invalid";
    public static final String CONFIRMED = "ledger.confirmed";
    public static final String INNER = "ledger.innerShard";
    public static final String RELAY1 = "ledger.relay1";
    public static final String RELAY2 = "ledger.relay2";
    public static final String BLOCKS = "ledger.blocks";
    public static final String FORKS = "ledger.forks";
    public static final String VIEW_CHANGES = "ledger.viewChanges";
    public static final String LATENCY = "ledger.confirmationLatencyMicros";
    public static final String INNER_LATENCY = "ledger.innerLatencyMicros";
    public static final String RELAY1_LATENCY = "ledger.relay1LatencyMicros";
    public static final String RELAY2_LATENCY = "ledger.relay2LatencyMicros";
    public static final String PROCESSING_LATENCY = "ledger.processingLatencyMicros";
    public static final String TX_POOL = "ledger.txPoolSize";
    /** The simulator's total of bytes sent ({@code Simulation}'s engine counter). */
    public static final String NET_BYTES = "net.bytes";

    private record Seen(int shard, long height, Hash hash) {}

    private static final class EpochAcc {
        long inner;
        long relay1;
        long relay2;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long innerSum;
        long relay1Sum;
        long relay2Sum;
    }

    private final MetricsRecorder recorder;
    private final Metrics.Counter submitted;
    private final Metrics.Counter invalid;
    private final Metrics.Counter confirmed;
    private final Metrics.Counter inner;
    private final Metrics.Counter relay1;
    private final Metrics.Counter relay2;
    private final Metrics.Counter blocks;
    private final Metrics.Counter forks;
    private final Metrics.Counter viewChanges;
    private final Metrics.Histogram latency;
    private final Metrics.Histogram innerLatency;
    private final Metrics.Histogram relay1Latency;
    private final Metrics.Histogram relay2Latency;
    private final Metrics.Histogram processingLatency;
    private final Metrics.Histogram txPool;

    /** Submitted, not yet final at the source: tx hash → submission time. */
    private final Map<Hash, Long> submittedAt = new HashMap<>();
    /**
     * A cross-shard transaction final at its source, not yet credited: when it was submitted (null
     * if its submission was not seen) and when its source block was proposed.
     */
    private record Crossing(Long submittedAt, long proposedAt) {}

    private final Map<ReceiptId, Crossing> crossing = new HashMap<>();
    private final Set<Seen> seen = new HashSet<>();
    private final TreeMap<Long, EpochAcc> epochs = new TreeMap<>();
    private final Map<Integer, Long> storage = new HashMap<>();
    private final Samples latencies = new Samples();
    private final Samples processing = new Samples();
    /** Confirmations per second of simulated time, by second. */
    private long[] confirmedBySecond = new long[64];
    private long confirmations;
    private long poolMax;
    private long poolSum;
    private long poolSamples;

    public LedgerMetrics(MetricsRecorder recorder) {
        this.recorder = recorder;
        submitted = recorder.counter(SUBMITTED);
        invalid = recorder.counter(INVALID);
        confirmed = recorder.counter(CONFIRMED);
        inner = recorder.counter(INNER);
        relay1 = recorder.counter(RELAY1);
        relay2 = recorder.counter(RELAY2);
        blocks = recorder.counter(BLOCKS);
        forks = recorder.counter(FORKS);
        viewChanges = recorder.counter(VIEW_CHANGES);
        latency = recorder.histogram(LATENCY);
        innerLatency = recorder.histogram(INNER_LATENCY);
        relay1Latency = recorder.histogram(RELAY1_LATENCY);
        relay2Latency = recorder.histogram(RELAY2_LATENCY);
        processingLatency = recorder.histogram(PROCESSING_LATENCY);
        txPool = recorder.histogram(TX_POOL);
    }

    @Override
    public void onSubmitted(long atMicros, Transaction tx) {
        submitted.increment();
        submittedAt.putIfAbsent(tx.hash(), atMicros);
    }

    @Override
    public void onInvalid(long atMicros, Hash txHash, String reason) {
        if (submittedAt.remove(txHash) != null) {
            invalid.increment();
        }
    }

    @Override
    public void onBlockFinal(FinalizedBlock b) {
        if (!seen.add(new Seen(b.shard(), b.height(), b.hash()))) {
            return;
        }
        blocks.increment();
        EpochAcc e = epochs.computeIfAbsent(b.epoch(), k -> new EpochAcc());
        e.start = Math.min(e.start, b.proposedAtMicros());
        e.end = Math.max(e.end, b.finalAtMicros());
        long now = b.finalAtMicros();
        Set<ReceiptId> emitted = new HashSet<>();
        for (Receipt r : b.emitted()) {
            emitted.add(r.id());
        }
        for (Transaction tx : b.transactions()) {
            Long at = submittedAt.remove(tx.hash());
            ReceiptId rid = emitted.isEmpty() ? null : ReceiptId.of(tx.from(), tx.nonce());
            if (rid != null && emitted.contains(rid)) {
                relay1.increment();
                e.relay1++;
                crossing.put(rid, new Crossing(at, b.proposedAtMicros()));
                if (at != null) {
                    relay1Latency.record(now - at);
                    e.relay1Sum += now - at;
                }
            } else {
                inner.increment();
                e.inner++;
                confirmedAt(now);
                processed(now - b.proposedAtMicros());
                if (at != null) {
                    innerLatency.record(now - at);
                    e.innerSum += now - at;
                    confirmation(now - at);
                }
            }
        }
        for (Receipt r : b.credited()) {
            relay2.increment();
            e.relay2++;
            confirmedAt(now);
            Crossing c = crossing.remove(r.id());
            if (c != null) {
                processed(now - c.proposedAt());
            }
            Long at = c == null ? null : c.submittedAt();
            if (at != null) {
                relay2Latency.record(now - at);
                e.relay2Sum += now - at;
                confirmation(now - at);
            }
        }
    }

    private void confirmedAt(long atMicros) {
        confirmed.increment();
        int second = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, atMicros / 1_000_000));
        if (second >= confirmedBySecond.length) {
            confirmedBySecond = Arrays.copyOf(confirmedBySecond, Math.max(second + 1, confirmedBySecond.length * 2));
        }
        confirmedBySecond[second]++;
        confirmations++;
    }

    /**
     * The throughput once the pipeline is full: confirmations per second from the second in which
     * the 10th-percentile confirmation happened to the one of the 90th. The run-average
     * ({@code confirmed / duration}) also counts the start-up before the first blocks are final
     * and the drain after the clients stop, which weigh more the longer a protocol's confirmation
     * takes; under a saturating load this is the capacity, under a lighter one the offered rate.
     * 0 with no confirmation.
     */
    public double steadyTps() {
        long total = confirmations;
        if (total == 0) {
            return 0;
        }
        long low = (long) Math.ceil(0.1 * total);
        long high = (long) Math.ceil(0.9 * total);
        long cumulative = 0;
        int from = -1;
        long before = 0;
        for (int k = 0; k < confirmedBySecond.length; k++) {
            long prior = cumulative;
            cumulative += confirmedBySecond[k];
            if (from < 0 && cumulative >= low) {
                from = k;
                before = prior;
            }
            if (cumulative >= high) {
                return (cumulative - before) / (double) (k - from + 1);
            }
        }
        throw new IllegalStateException("confirmations by second do not add up to the total");
    }

    private void confirmation(long micros) {
        latency.record(micros);
        latencies.add(micros);
    }

    private void processed(long micros) {
        processingLatency.record(micros);
        processing.add(micros);
    }

    @Override
    public void onFork(long atMicros, int shard, long height) {
        forks.increment();
    }

    @Override
    public void onViewChange(long atMicros, int shard, long view) {
        viewChanges.increment();
    }

    @Override
    public void onTxPoolSize(long atMicros, int node, int size) {
        txPool.record(size);
        poolMax = Math.max(poolMax, size);
        poolSum += size;
        poolSamples++;
    }

    @Override
    public void onStorageSize(long atMicros, int node, long bytes) {
        storage.put(node, bytes);
    }

    /** Nearest-rank percentile of confirmation latencies in µs; 0 with none. */
    public long latencyPercentile(double q) {
        return latencies.percentile(q);
    }

    /** Nearest-rank percentile of processing latencies (block proposal to confirmation) in µs; 0 with none. */
    public long processingLatencyPercentile(double q) {
        return processing.percentile(q);
    }

    public long confirmed() {
        return recorder.counterValue(CONFIRMED);
    }

    /** Finalized transactions that cross shards, over all finalized at their source. */
    public double crossShardRatio() {
        long r1 = recorder.counterValue(RELAY1);
        long total = r1 + recorder.counterValue(INNER);
        return total == 0 ? 0 : r1 / (double) total;
    }

    public List<EpochRow> epochs() {
        List<EpochRow> out = new ArrayList<>(epochs.size());
        epochs.forEach((id, e) -> out.add(new EpochRow(id, e.inner, e.relay1, e.relay2, e.start, e.end, e.innerSum,
                e.relay1Sum, e.relay2Sum)));
        return out;
    }

    /**
     * The headline ledger results for the run summary: {@code durationMicros} of simulated time over
     * {@code nodes} nodes, next to the workload's offered rate.
     */
    public Map<String, Object> summary(long durationMicros, int nodes, double offeredTps) {
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = durationMicros / 1e6;
        long done = confirmed();
        m.put("offeredTps", offeredTps);
        m.put("submitted", recorder.counterValue(SUBMITTED));
        m.put("invalid", recorder.counterValue(INVALID));
        m.put("finalized", done);
        m.put("finalizedInnerShard", recorder.counterValue(INNER));
        m.put("finalizedCrossShardSource", recorder.counterValue(RELAY1));
        m.put("creditedCrossShard", recorder.counterValue(RELAY2));
        m.put("tps", seconds <= 0 ? 0.0 : done / seconds);
        m.put("steadyTps", steadyTps());
        m.put("latencyP50Ms", latencyPercentile(0.50) / 1000.0);
        m.put("latencyP95Ms", latencyPercentile(0.95) / 1000.0);
        m.put("latencyP99Ms", latencyPercentile(0.99) / 1000.0);
        m.put("latencyMaxMs", latencyPercentile(1.0) / 1000.0);
        m.put("processingLatencyP50Ms", processingLatencyPercentile(0.50) / 1000.0);
        m.put("processingLatencyP99Ms", processingLatencyPercentile(0.99) / 1000.0);
        m.put("crossShardRatio", crossShardRatio());
        m.put("txPoolMax", poolMax);
        m.put("txPoolMean", poolSamples == 0 ? 0.0 : poolSum / (double) poolSamples);
        m.put("bytesSentPerNode", nodes == 0 ? 0.0 : recorder.counterValue(NET_BYTES) / (double) nodes);
        long stored = 0;
        long storedMax = 0;
        for (long s : storage.values()) {
            stored += s;
            storedMax = Math.max(storedMax, s);
        }
        m.put("bytesStoredPerNode", storage.isEmpty() ? 0.0 : stored / (double) storage.size());
        m.put("bytesStoredMax", storedMax);
        m.put("blocks", recorder.counterValue(BLOCKS));
        m.put("forks", recorder.counterValue(FORKS));
        m.put("viewChanges", recorder.counterValue(VIEW_CHANGES));
        m.put("epochs", epochs.size());
        return m;
    }

    /** Latencies kept whole for exact percentiles. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int count;

        void add(long micros) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = micros;
        }

        long percentile(double q) {
            if (count == 0) {
                return 0;
            }
            Arrays.sort(values, 0, count);
            int i = (int) Math.ceil(q * count) - 1;
            return values[Math.max(0, Math.min(count - 1, i))];
        }
    }
}

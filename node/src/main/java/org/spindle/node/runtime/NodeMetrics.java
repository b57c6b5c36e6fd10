package org.spindle.node.runtime;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.spindle.protocol.runtime.Metrics;

/**
 * A small thread-safe metrics registry for one real node: counters are {@link LongAdder}s (the
 * transport's I/O threads and the protocol thread both update them), histograms keep exact count,
 * sum and extremes plus the latest {@value #RESERVOIR} values for percentiles, and series keep their
 * latest point. Prometheus export is left to a later exporter that reads {@link #snapshot()}.
 */
public final class NodeMetrics implements Metrics {
    static final int RESERVOIR = 4096;

    private final Map<String, CounterImpl> counters = new ConcurrentHashMap<>();
    private final Map<String, HistogramImpl> histograms = new ConcurrentHashMap<>();
    private final Map<String, SeriesImpl> series = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** @param clock stamps series points, in the node's microseconds */
    public NodeMetrics(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new CounterImpl());
    }

    @Override
    public Histogram histogram(String name) {
        return histograms.computeIfAbsent(name, n -> new HistogramImpl());
    }

    @Override
    public Series series(String name) {
        return series.computeIfAbsent(name, n -> new SeriesImpl(clock));
    }

    /** The counter's value, 0 for a counter never touched. */
    public long count(String name) {
        CounterImpl c = counters.get(name);
        return c == null ? 0 : c.value.sum();
    }

    public HistogramSnapshot histogramSnapshot(String name) {
        HistogramImpl h = histograms.get(name);
        return h == null ? HistogramSnapshot.EMPTY : h.snapshot();
    }

    /** Every counter and histogram by name, sorted: what an exporter or a status page shows. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.value.sum()));
        histograms.forEach((k, v) -> out.put(k, v.snapshot()));
        series.forEach((k, v) -> out.put(k, v.last()));
        return out;
    }

    /** Count, sum, extremes and p50/p99 over the retained values. */
    public record HistogramSnapshot(long count, long sum, long min, long max, long p50, long p99) {
        static final HistogramSnapshot EMPTY = new HistogramSnapshot(0, 0, 0, 0, 0, 0);
    }

    private static final class CounterImpl implements Counter {
        final LongAdder value = new LongAdder();

        @Override
        public void add(long delta) {
            value.add(delta);
        }
    }

    private static final class HistogramImpl implements Histogram {
        private final long[] recent = new long[RESERVOIR];
        private long count;
        private long sum;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;

        @Override
        public synchronized void record(long value) {
            recent[(int) (count % RESERVOIR)] = value;
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        synchronized HistogramSnapshot snapshot() {
            if (count == 0) {
                return HistogramSnapshot.EMPTY;
            }
            long[] values = Arrays.copyOf(recent, (int) Math.min(count, RESERVOIR));
            Arrays.sort(values);
            return new HistogramSnapshot(count, sum, min, max, percentile(values, 0.50), percentile(values, 0.99));
        }

        private static long percentile(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    private static final class SeriesImpl implements Series {
        private final LongSupplier clock;
        private long at = -1;
        private double value;

        SeriesImpl(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void sample(double v) {
            at = clock.getAsLong();
            value = v;
        }

        synchronized Map<String, Double> last() {
            return at < 0 ? Map.of() : Map.of("atMicros", (double) at, "value", value);
        }
    }
}

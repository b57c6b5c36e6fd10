package org.spindle.sim.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.spindle.protocol.runtime.Metrics;

/**
 * Collects the metrics of all nodes of a run: counters, histograms (every value kept, so
 * percentiles are exact) and time series stamped with simulated time. Each time series keeps at
 * most {@link #MAX_SERIES_POINTS} points; later ones are counted as dropped. Results come out
 * sorted by name.
 */
public final class MetricsRecorder implements Metrics {
    public static final int MAX_SERIES_POINTS = 1_000_000;
    private final Map<String, CounterImpl> counters = new HashMap<>();
    private final Map<String, HistogramImpl> histograms = new HashMap<>();
    private final Map<String, SeriesImpl> series = new HashMap<>();
    private final LongSupplier clock;

    public MetricsRecorder(LongSupplier clockMicros) {
        this.clock = clockMicros;
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
        return series.computeIfAbsent(name, n -> new SeriesImpl());
    }

    public long counterValue(String name) {
        CounterImpl c = counters.get(name);
        return c == null ? 0 : c.value;
    }

    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.value));
        return out;
    }

    public HistogramSummary summary(String name) {
        HistogramImpl h = histograms.get(name);
        return h == null ? HistogramSummary.EMPTY : h.summary();
    }

    public Map<String, HistogramSummary> histograms() {
        Map<String, HistogramSummary> out = new TreeMap<>();
        histograms.forEach((k, v) -> out.put(k, v.summary()));
        return out;
    }

    /** Each series as its points in time order: {@code [micros, value]}. */
    public Map<String, SeriesPoints> series() {
        Map<String, SeriesPoints> out = new TreeMap<>();
        series.forEach((k, v) -> out.put(k, new SeriesPoints(Arrays.copyOf(v.times, v.n),
                Arrays.copyOf(v.values, v.n), v.dropped)));
        return out;
    }

    /** Samples every counter into a series of the same name, e.g. at fixed simulated intervals. */
    public void sampleCounters() {
        long now = clock.getAsLong();
        new TreeMap<>(counters).forEach((k, v) -> ((SeriesImpl) series(k)).add(now, v.value));
    }

    public record SeriesPoints(long[] micros, double[] values, long dropped) {}

    private static final class CounterImpl implements Counter {
        long value;

        @Override
        public void add(long delta) {
            value += delta;
        }
    }

    private static final class HistogramImpl implements Histogram {
        long[] values = new long[16];
        int n;
        boolean sorted = true;

        @Override
        public void record(long value) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            if (n > 0 && value < values[n - 1]) {
                sorted = false;
            }
            values[n++] = value;
        }

        HistogramSummary summary() {
            if (n == 0) {
                return HistogramSummary.EMPTY;
            }
            if (!sorted) {
                Arrays.sort(values, 0, n);
                sorted = true;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[i];
            }
            return new HistogramSummary(n, values[0], values[n - 1], sum / n, rank(0.50), rank(0.90), rank(0.99),
                    rank(0.999));
        }

        private long rank(double q) {
            int i = (int) Math.ceil(q * n) - 1;
            return values[Math.max(0, Math.min(n - 1, i))];
        }
    }

    private final class SeriesImpl implements Series {
        long[] times = new long[16];
        double[] values = new double[16];
        int n;
        long dropped;

        @Override
        public void sample(double value) {
            add(clock.getAsLong(), value);
        }

        void add(long t, double value) {
            if (n == MAX_SERIES_POINTS) {
                dropped++;
                return;
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            times[n] = t;
            values[n++] = value;
        }
    }
}

package org.spindle.sim.metrics;

/** Exact order statistics of one histogram (nearest-rank percentiles). */
public record HistogramSummary(long count, long min, long max, double mean, long p50, long p90, long p99,
        long p999) {
    public static final HistogramSummary EMPTY = new HistogramSummary(0, 0, 0, 0, 0, 0, 0, 0);
}

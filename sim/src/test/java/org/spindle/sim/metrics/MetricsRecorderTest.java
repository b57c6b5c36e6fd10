package org.spindle.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsRecorderTest {
    private long now;

    @Test
    void countersAddUpAcrossHandlesOfTheSameName() {
        MetricsRecorder m = new MetricsRecorder(() -> now);
        m.counter("a").increment();
        m.counter("a").add(4);
        m.counter("b").add(2);
        assertThat(m.counters()).containsExactly(java.util.Map.entry("a", 5L), java.util.Map.entry("b", 2L));
    }

    @Test
    void histogramPercentilesAreExactNearestRank() {
        MetricsRecorder m = new MetricsRecorder(() -> now);
        for (long v = 1000; v >= 1; v--) {
            m.histogram("h").record(v);
        }
        HistogramSummary s = m.summary("h");
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(1000);
        assertThat(s.p50()).isEqualTo(500);
        assertThat(s.p90()).isEqualTo(900);
        assertThat(s.p99()).isEqualTo(990);
        assertThat(s.p999()).isEqualTo(999);
        assertThat(s.mean()).isEqualTo(500.5);
    }

    @Test
    void seriesPointsCarryTheSimulatedTime() {
        MetricsRecorder m = new MetricsRecorder(() -> now);
        now = 10;
        m.series("s").sample(1.5);
        now = 20;
        m.counter("c").add(3);
        m.sampleCounters();
        assertThat(m.series().get("s").micros()).containsExactly(10);
        assertThat(m.series().get("s").values()).containsExactly(1.5);
        assertThat(m.series().get("c").micros()).containsExactly(20);
        assertThat(m.series().get("c").values()).containsExactly(3.0);
    }

    @Test
    void emptyHistogramSummarizesToZeros() {
        assertThat(new MetricsRecorder(() -> 0).summary("none")).isEqualTo(HistogramSummary.EMPTY);
    }

}

package org.spindle.sim.scenario;

import java.util.Map;
import org.spindle.sim.metrics.MetricsRecorder;

/** What one scenario run produced. {@code peakHeapBytes} is the JVM's heap high-water mark. */
public record RunResult(String scenario, long seed, int nodes, double simulatedSeconds, double wallSeconds,
        long events, long deliveries, String traceHash, long peakHeapBytes, boolean finished,
        Map<String, Object> protocol, MetricsRecorder metrics) {

    public double eventsPerSecond() {
        return wallSeconds == 0 ? 0 : events / wallSeconds;
    }
}

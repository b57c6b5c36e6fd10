package org.spindle.sim.scenario;

import java.util.Map;
import org.spindle.sim.metrics.MetricsRecorder;

/**
 * What one scenario run produced. {@code peakHeapBytes} is the JVM's heap high-water mark;
 * {@code files} are the protocol's extra result files (name → content) for the output directory.
 */
public record RunResult(String scenario, long seed, int nodes, double simulatedSeconds, double wallSeconds,
        long events, long deliveries, String traceHash, long peakHeapBytes, boolean finished,
        Map<String, Object> protocol, MetricsRecorder metrics, Map<String, String> files) {

    public RunResult {
        files = Map.copyOf(files);
    }

    public double eventsPerSecond() {
        return wallSeconds == 0 ? 0 : events / wallSeconds;
    }
}

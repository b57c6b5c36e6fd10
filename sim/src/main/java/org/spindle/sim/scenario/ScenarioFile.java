package org.spindle.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A scenario file exactly as written; {@link ScenarioLoader} checks it and fills in defaults.
 * Boxed fields are null when absent.
 */
record ScenarioFile(String name, Long seed, Integer nodes, Double durationSeconds, Double sampleIntervalMs,
        NetworkSection network, CpuSection cpu, String crypto, List<FaultSection> faults, JsonNode protocol) {

    record NetworkSection(Double uplinkMbps, Double downlinkMbps, LatencySection latency) {}

    record LatencySection(String distribution, Double ms, Double minMs, Double maxMs, Double meanMs,
            Double stddevMs, Double medianMs, Double sigma) {}

    record CpuSection(Long verifyMicros, Long signMicros, Long hashMicros, Long perMessageMicros) {}

    record FaultSection(Double atMs, String kind, List<Integer> nodes, List<List<Integer>> groups,
            List<List<Integer>> links) {}
}

package org.spindle.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.spindle.sim.CpuCosts;
import org.spindle.sim.Fault;
import org.spindle.sim.NetworkConfig;

/** A checked scenario: everything needed to run it, times in microseconds. */
public record Scenario(String name, String source, long seed, int nodes, long durationMicros,
        long sampleIntervalMicros, NetworkConfig network, CpuCosts cpu, String crypto, List<TimedFault> faults,
        String protocol, JsonNode protocolParams) {

    public record TimedFault(long atMicros, Fault fault) {}

    public Scenario withSeed(long s) {
        return new Scenario(name, source, s, nodes, durationMicros, sampleIntervalMicros, network, cpu, crypto, faults,
                protocol, protocolParams);
    }
}

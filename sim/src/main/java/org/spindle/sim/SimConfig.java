package org.spindle.sim;

import org.spindle.sim.crypto.CryptoModel;
import org.spindle.sim.crypto.ModelledCrypto;

/**
 * What a simulation is made of besides its protocol. {@code sampleIntervalMicros} > 0 samples
 * every counter into a time series at that simulated interval.
 */
public record SimConfig(int nodes, long seed, NetworkConfig network, CpuCosts cpu, CryptoModel crypto,
        long sampleIntervalMicros) {
    public SimConfig {
        if (nodes <= 0) {
            throw new IllegalArgumentException("a simulation needs at least one node");
        }
        if (sampleIntervalMicros < 0) {
            throw new IllegalArgumentException("sampleIntervalMicros must be non-negative");
        }
    }

    /** Default network and CPU costs with modelled crypto. */
    public static SimConfig of(int nodes, long seed) {
        return new SimConfig(nodes, seed, NetworkConfig.DEFAULTS, CpuCosts.DEFAULTS,
                new ModelledCrypto(nodes, seed, CpuCosts.DEFAULTS), 0);
    }

    public SimConfig withNetwork(NetworkConfig n) {
        return new SimConfig(nodes, seed, n, cpu, crypto, sampleIntervalMicros);
    }

    public SimConfig withCpu(CpuCosts c) {
        return new SimConfig(nodes, seed, network, c, new ModelledCrypto(nodes, seed, c), sampleIntervalMicros);
    }
}

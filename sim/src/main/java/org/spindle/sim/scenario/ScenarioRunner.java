package org.spindle.sim.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.sim.ProgressListener;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.crypto.CryptoModel;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.sim.crypto.RealCrypto;

/** Runs a checked scenario: builds the simulation, schedules its faults, runs it and measures it. */
public final class ScenarioRunner {
    private final ScenarioLoader loader;
    private final SignatureScheme realScheme;

    /** Crypto as the scenario says: {@code modelled}, or {@code real} for Ed25519. */
    public ScenarioRunner(ScenarioLoader loader) {
        this(loader, null);
    }

    /**
     * With {@code realScheme} non-null, nodes sign and verify with it whatever the scenario says;
     * with null, the scenario's {@code crypto} key decides.
     */
    public ScenarioRunner(ScenarioLoader loader, SignatureScheme realScheme) {
        this.loader = loader;
        this.realScheme = realScheme;
    }

    public RunResult run(Scenario s, ProgressListener listener) throws ScenarioException {
        ProtocolSetup.Deployment d = loader.protocol(s.protocol()).deploy(s.protocolParams(), s);
        SignatureScheme scheme = realScheme != null ? realScheme
                : "real".equals(s.crypto()) ? Ed25519.INSTANCE : null;
        CryptoModel crypto = scheme == null ? new ModelledCrypto(s.nodes(), s.seed(), s.cpu())
                : new RealCrypto(scheme, s.nodes(), s.seed(), s.cpu());
        SimConfig config = new SimConfig(s.nodes(), s.seed(), s.network(), s.cpu(), crypto, s.sampleIntervalMicros());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long t0 = System.nanoTime();
        Simulation sim = new Simulation(config, d.factory());
        for (Scenario.TimedFault f : s.faults()) {
            sim.at(f.atMicros(), f.fault());
        }
        sim.run(s.durationMicros(), listener);
        double wall = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return new RunResult(s.name(), s.seed(), s.nodes(), sim.now() / 1e6, wall, sim.events(), sim.deliveries(),
                sim.traceHash(), peak, sim.finished(), d.summarize(sim.metrics()), sim.metrics(), d.files());
    }
}

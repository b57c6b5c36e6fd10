package org.spindle.sim.baseline;

import java.util.function.Consumer;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioLoader;

/** Runs a baseline scenario in tests with access to its world (ledgers, checkers) before and after. */
final class BaselineRuns {
    record Outcome(BaselineWorld world, Simulation sim, InvariantReport report) {}

    private BaselineRuns() {}

    static Scenario scenario(String yaml) throws Exception {
        return new ScenarioLoader().parse(yaml, "test-baseline.yaml");
    }

    static Outcome run(Scenario s, Consumer<BaselineWorld> tweak) throws Exception {
        return run(s, tweak, f -> f);
    }

    static Outcome run(Scenario s, Consumer<BaselineWorld> tweak,
            java.util.function.UnaryOperator<ProtocolFactory> wrap) throws Exception {
        BaselineWorld world = new BaselineWorld(BaselineSetup.config(s.protocolParams(), s), s.seed());
        tweak.accept(world);
        SimConfig config = new SimConfig(s.nodes(), s.seed(), s.network(), s.cpu(),
                new ModelledCrypto(s.nodes(), s.seed(), s.cpu()), 0);
        Simulation sim = new Simulation(config, wrap.apply(world.factory()));
        for (Scenario.TimedFault f : s.faults()) {
            sim.at(f.atMicros(), f.fault());
        }
        sim.run(s.durationMicros(), (t, e) -> {});
        return new Outcome(world, sim, world.report(s.durationMicros()));
    }

    /**
     * 28 validators in 4 shards of 7 (f = 2 each), 150 transfers/s for 6 s of a 14 s run, 30%
     * crossing shards, links of 20 to 80 ms; {@code extra} is appended to the protocol section and
     * {@code faults} to the file.
     */
    static String small(long seed, String extraProtocol, String faults) {
        return """
                seed: %d
                nodes: 28
                durationSeconds: 14
                network:
                  latency: {distribution: uniform, minMs: 20, maxMs: 80}
                %s
                protocol:
                  name: baseline
                  shards: 4
                  txPerBlock: 512
                  baseTimeoutMs: 1000
                  maxDoublings: 2
                  reRelayMs: 2000
                  livenessBoundMs: 8000
                  receiptGraceMs: 6000
                %s
                  workload:
                    kind: zipf
                    accounts: 400
                    rateTps: 150
                    crossShardRatio: 0.3
                    stopMs: 6000
                """.formatted(seed, faults, extraProtocol.indent(2).stripTrailing());
    }
}

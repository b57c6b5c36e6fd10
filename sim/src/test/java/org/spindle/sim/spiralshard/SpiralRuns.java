package org.spindle.sim.spiralshard;

import java.util.List;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioLoader;

/** Runs a SpiralShard scenario in tests with access to its world before and after. */
final class SpiralRuns {
    record Outcome(SpiralWorld world, Simulation sim, InvariantReport report) {}

    private SpiralRuns() {}

    static Scenario scenario(String yaml) throws Exception {
        return new ScenarioLoader().parse(yaml, "test-spiralshard.yaml");
    }

    static Outcome run(Scenario s) throws Exception {
        SpiralWorld world = new SpiralWorld(SpiralShardSetup.config(s.protocolParams(), s), s.seed());
        SimConfig config = new SimConfig(s.nodes(), s.seed(), s.network(), s.cpu(),
                new ModelledCrypto(s.nodes(), s.seed(), s.cpu()), 0);
        Simulation sim = new Simulation(config, world.factory());
        for (Scenario.TimedFault f : s.faults()) {
            sim.at(f.atMicros(), f.fault());
        }
        sim.run(s.durationMicros(), (t, e) -> {});
        return new Outcome(world, sim, world.report(s.durationMicros()));
    }

    /**
     * {@code groups} endorsement groups of 3 shards of 7 validators; {@code corrupt} lists the
     * forced malicious members ({@code {shard: s, byzantine: b, aliveButCorrupt: a}} entries).
     * 120 transfers/s for 6 s of a {@code seconds} run, 30% crossing shards, links of 20 to 80 ms.
     */
    static String small(long seed, int groups, List<String> corrupt, int seconds) {
        StringBuilder c = new StringBuilder();
        for (String x : corrupt) {
            c.append("\n    - ").append(x);
        }
        return """
                seed: %d
                nodes: %d
                durationSeconds: %d
                network:
                  latency: {distribution: uniform, minMs: 20, maxMs: 80}
                protocol:
                  name: spiralshard
                  shardSize: 7
                  groupSize: 3
                  txPerBlock: 256
                  baseTimeoutMs: 1000
                  maxDoublings: 3
                  reRelayMs: 2000
                  livenessBoundMs: %d
                  receiptGraceMs: %d
                  corruptShards:%s
                  workload:
                    kind: zipf
                    accounts: 400
                    rateTps: 120
                    crossShardRatio: 0.3
                    stopMs: 6000
                """.formatted(seed, groups * 21, seconds, (seconds - 6) * 1000, (seconds - 6) * 1000, c);
    }
}

package org.spindle.sim.reticulum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.sim.scenario.RunResult;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;

class ReticulumSetupTest {
    static final Path SMALL = Path.of("..", "scenarios", "reticulum-small.yaml");

    @Test
    void smallScenarioRunsEveryEpochExpelsOnlyAdversariesAndIsDeterministic() throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = loader.load(SMALL);
        RunResult a = new ScenarioRunner(loader).run(s, null);
        Map<String, Object> p = a.protocol();
        assertThat(p.get("epochsCompleted")).isEqualTo(30L);
        assertThat(p.get("controlDisagreements")).isEqualTo(0L);
        assertThat(p.get("lateVoteMessages")).as("Δ holds on this network").isEqualTo(0L);
        assertThat(p.get("honestExpelled")).isEqualTo(0);
        assertThat((int) p.get("adversaries")).isPositive();
        // Suicidal adversaries are all silent twice within τ, so all are expelled.
        assertThat(p.get("expelled")).isEqualTo(p.get("adversaries"));
        assertThat((double) p.get("txPerSecond")).isPositive();
        String csv = a.files().get(ReticulumWorld.CSV_NAME);
        assertThat(csv.lines()).hasSize(31).first().asString().startsWith("epoch,controlShards,passed").endsWith("storageKbPerTx");
        // After the expulsions every process shard passes again: the last epoch has no silence.
        assertThat(csv.lines().reduce((x, y) -> y).orElseThrow()).contains(",0.0000,");
        RunResult b = new ScenarioRunner(loader).run(s, null);
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
    }

    @Test
    void badReticulumKeysAreNamedWithTheFile() {
        ScenarioLoader loader = new ScenarioLoader();
        String base = "nodes: 16\ndurationSeconds: 5\nprotocol:\n  name: reticulum\n  processShardSize: 4\n"
                + "  controlShardSize: 8\n  t1Ms: 1000\n  lambdaMs: 600\n  deltaMs: 100\n  epochs: 2\n";
        assertThatThrownBy(() -> loader.parse(base + "  tau: 3\n", "r.yaml"))
                .hasMessageContaining("r.yaml").hasMessageContaining("τ must be at least Np");
        assertThatThrownBy(() -> loader.parse(base + "  tau: 8\n  attack: sneaky\n", "r.yaml"))
                .hasMessageContaining("protocol.attack").hasMessageContaining("bank-run");
        assertThatThrownBy(() -> loader.parse(base + "  tau: 8\n  colour: red\n", "r.yaml"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> loader.parse(base.replace("t1Ms: 1000", "t1Ms: 300") + "  tau: 8\n", "r.yaml"))
                .hasMessageContaining("shorter than phase 1 needs");
        assertThatThrownBy(() -> loader.parse(base + "  tau: 8\n  broadcast: gossip\n", "r.yaml"))
                .hasMessageContaining("protocol.broadcast").hasMessageContaining("dolev-strong");
    }

    @Test
    void theEchoBroadcastNeedsOneDeltaMoreOfPhaseOneThanDolevStrong() throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        // Nc = 8, f = 3, Δ = 100 ms: Dolev–Strong needs Δ + 4Δ + Δ = 600 ms of T1, the echo broadcast 700 ms.
        String base = "nodes: 16\ndurationSeconds: 5\nprotocol:\n  name: reticulum\n  processShardSize: 4\n"
                + "  controlShardSize: 8\n  t1Ms: 600\n  lambdaMs: 600\n  deltaMs: 100\n  epochs: 2\n  tau: 8\n";
        assertThat(loader.parse(base + "  broadcast: dolev-strong\n", "r.yaml")).isNotNull();
        assertThatThrownBy(() -> loader.parse(base + "  broadcast: echo\n", "r.yaml"))
                .hasMessageContaining("shorter than phase 1 needs");
        assertThat(loader.parse(base.replace("t1Ms: 600", "t1Ms: 700") + "  broadcast: echo\n", "r.yaml")).isNotNull();
    }

    @Test
    void theCertificateBroadcastIsTheDefaultAndItsPhaseOneMakesRoomForItsBadCase() throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        // Δ for the proposal, the BB's bad case (max(2, f) + 2)·Δ after voting, Δ to forward a failed
        // block, at Δ = 100 ms: 600 ms for Nc = 4 (f = 1), 700 ms for Nc = 8 (f = 3), 3.5 s for Nc = 64 (f = 31).
        int[][] cases = {{4, 600}, {8, 700}, {64, 3500}};
        for (int[] c : cases) {
            int nc = c[0];
            String t1 = "t1Ms: " + c[1];
            String base = "nodes: " + (2 * nc) + "\ndurationSeconds: 5\nprotocol:\n  name: reticulum\n"
                    + "  processShardSize: 4\n  controlShardSize: " + nc + "\n  " + t1 + "\n  lambdaMs: 600\n"
                    + "  deltaMs: 100\n  epochs: 2\n  tau: 8\n";
            assertThat(loader.parse(base, "r.yaml")).isNotNull();
            assertThat(loader.parse(base + "  broadcast: bb\n", "r.yaml")).isNotNull();
            assertThatThrownBy(() -> loader.parse(base.replace(t1, "t1Ms: " + (c[1] - 1)), "r.yaml"))
                    .as("Nc = %d", nc).hasMessageContaining("shorter than phase 1 needs");
        }
    }

    static final String LEDGER = """
            nodes: 16
            durationSeconds: 40
            network:
              uplinkMbps: 50
              downlinkMbps: 50
              latency: {distribution: fixed, ms: 40}
            protocol:
              name: reticulum
              processShardSize: 4
              controlShardSize: 8
              t1Ms: 800
              lambdaMs: 700
              tau: 8
              deltaMs: 100
              epochs: 16
              txPerBlock: 512
              txBytes: 128
              adversaryRatio: 0.125
              attack: %s
              workload:
                kind: uniform
                accounts: 400
                rateTps: 150
                crossShardRatio: 0
                stopMs: 15000
            """;

    @Test
    void ledgerProcessBlocksKeepEveryInvariantUnderEachAttackAndFinaliseTransfersOnlyThroughControlBlocks()
            throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        for (String attack : new String[] {"none", "worst", "bank-run", "suicidal"}) {
            for (long seed = 1; seed <= 3; seed++) {
                Scenario s = loader.parse(LEDGER.formatted(attack), "ledger.yaml").withSeed(seed);
                RunResult r = new ScenarioRunner(loader).run(s, null);
                Map<String, Object> p = r.protocol();
                assertThat(p.get("honestExpelled")).as("%s seed %d", attack, seed).isEqualTo(0);
                assertThat(p.get("controlDisagreements")).as("%s seed %d", attack, seed).isEqualTo(0L);
                @SuppressWarnings("unchecked")
                Map<String, Object> ledger = (Map<String, Object>) p.get("ledger");
                assertThat(ledger.get("invariants").toString()).as("%s seed %d: %s", attack, seed, ledger)
                        .doesNotContain("violat").contains("safety=ok").contains("conservation=ok")
                        .contains("liveness=ok");
                assertThat(((Number) ledger.get("finalized")).longValue()).as("%s seed %d", attack, seed)
                        .isGreaterThan(1000);
            }
        }
    }

    @Test
    void crossShardTransfersAreCreditedExactlyOnceAndOnlyAfterTheCoveringControlBlockIsAccepted()
            throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        for (String attack : new String[] {"none", "suicidal", "worst"}) {
            for (long seed = 1; seed <= 3; seed++) {
                Scenario s = loader.parse(LEDGER.formatted(attack).replace("crossShardRatio: 0",
                        "crossShardRatio: 0.4"), "cross.yaml").withSeed(seed);
                RunResult r = new ScenarioRunner(loader).run(s, null);
                @SuppressWarnings("unchecked")
                Map<String, Object> ledger = (Map<String, Object>) r.protocol().get("ledger");
                assertThat(ledger.get("invariants").toString()).as("%s seed %d: %s", attack, seed, ledger)
                        .isEqualTo("{safety=ok, conservation=ok, exactlyOnce=ok, liveness=ok}");
                assertThat(((Number) ledger.get("crossShardRatio")).doubleValue()).as("%s seed %d", attack, seed)
                        .isGreaterThan(0.2);
                assertThat(r.protocol().get("honestExpelled")).isEqualTo(0);
            }
        }
    }

    @Test
    void withEveryBlockPassingTheMeasuredThroughputIsTheAnalyticalModelsForTheSameParameters()
            throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = loader.load(Path.of("..", "scenarios", "reticulum-small-none.yaml"));
        RunResult r = new ScenarioRunner(loader).run(s, null);
        // Np = 4, Nc = 16, 4 control shards, λ = 2.4 s, T1 = 2.6 s; block size and state do not enter throughput.
        var p = new org.spindle.protocol.sizing.ReticulumThroughput.Parameters(4, 16, 4, 2.4, 2.6, 128, 0, 0.2);
        // The model takes Rp < 1; with E_shard = 4 any Rp above 0.75 means no expected failed shard.
        double model = org.spindle.protocol.sizing.ReticulumThroughput.row(p, 0.95,
                org.spindle.protocol.sizing.ReticulumThroughput.Form.EQUATION_8).txPerSecondOverall();
        assertThat(model).isCloseTo(4 * 4 * 4096 / 5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat((double) r.protocol().get("txPerSecond")).isCloseTo(model, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.protocol().get("processBlocksPassedInPhaseOne")).isEqualTo(480L);
        // Every block passed: each is stored by its 4 voters, so 4 × 128 KB per 4096 transactions.
        assertThat((double) r.protocol().get("storagePerTxKb")).isCloseTo(4 * 128.0 / 4096,
                org.assertj.core.data.Offset.offset(0.001));
    }
}

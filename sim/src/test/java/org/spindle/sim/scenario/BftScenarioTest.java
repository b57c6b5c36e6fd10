package org.spindle.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bft scenario section: the benchmark files load, bft-4 runs, and bad keys are named. */
class BftScenarioTest {
    private static final String SMALL = """
            name: t
            nodes: 4
            durationSeconds: 10
            network: {latency: {distribution: fixed, ms: 100}}
            protocol:
              name: bft
              txPerBlock: 64
              txBytes: 100
              baseTimeoutMs: 500
              adversaries:
                - {nodes: [3], kind: equivocating-leader}
            """;

    @Test
    void bothBenchmarkScenariosLoadWithTheirShardSizes() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        assertThat(loader.load(Scenarios.file("bft-4.yaml")).nodes()).isEqualTo(4);
        assertThat(loader.load(Scenarios.file("bft-100.yaml")).nodes()).isEqualTo(100);
    }

    @Test
    void bft4BenchmarkCommitsBlocksSafely() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        RunResult r = new ScenarioRunner(loader).run(loader.load(Scenarios.file("bft-4.yaml")), null);
        assertThat(r.protocol()).containsEntry("safe", true);
        assertThat((Integer) r.protocol().get("blocksCommitted")).isGreaterThan(50);
        assertThat((Double) r.protocol().get("commitLatencyP50Ms")).isBetween(1000.0, 2000.0);
    }

    @Test
    void scenarioWithAnEquivocatingLeaderStaysSafeAndCommits() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        RunResult r = new ScenarioRunner(loader).run(loader.parse(SMALL, "small.yaml"), null);
        assertThat(r.protocol()).containsEntry("safe", true).containsEntry("honest", 3);
        assertThat((Integer) r.protocol().get("slowestHonestChain")).isGreaterThan(5);
    }

    @Test
    void sameSeedGivesTheSameTraceWithAdversaries() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        String yaml = SMALL.replace("- {nodes: [3], kind: equivocating-leader}",
                "- {nodes: [3], kind: alive-but-corrupt}\n    - {nodes: [2], kind: delayed, delayMs: 120}");
        RunResult a = new ScenarioRunner(loader).run(loader.parse(yaml, "a.yaml"), null);
        RunResult b = new ScenarioRunner(loader).run(loader.parse(yaml, "b.yaml"), null);
        assertThat(a.traceHash()).isEqualTo(b.traceHash());
        assertThat(a.protocol()).isEqualTo(b.protocol());
        assertThat(a.protocol()).containsEntry("honest", 2);
    }

    @Test
    void unknownAdversaryKindIsRejectedWithItsKey() {
        assertThatThrownBy(() -> new ScenarioLoader().parse(SMALL.replace("equivocating-leader", "sneaky"),
                "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("protocol.adversaries[0].kind").hasMessageContaining("alive-but-corrupt");
    }

    @Test
    void adversaryOnANodeOutsideTheShardIsRejected() {
        assertThatThrownBy(() -> new ScenarioLoader().parse(SMALL.replace("nodes: [3]", "nodes: [4]"), "bad.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("protocol.adversaries[0].nodes");
    }
}

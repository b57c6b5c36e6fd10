package org.spindle.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.report.EpochCsv;
import org.spindle.sim.scenario.RunResult;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;

/** The {@code baseline} protocol as a scenario: the shipped small scenario, and bad scenario keys. */
class BaselineSetupTest {
    static final Path SMALL = Path.of("..", "scenarios", "baseline-small.yaml");

    @Test
    @SuppressWarnings("unchecked")
    void theSmallScenarioKeepsEveryInvariantFinalizesEverythingAndRepeatsItsTraceExactly() throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = loader.load(SMALL);
        RunResult a = new ScenarioRunner(loader).run(s, (t, e) -> {});
        RunResult b = new ScenarioRunner(loader).run(s, (t, e) -> {});
        Map<String, Object> p = a.protocol();
        assertThat(p.get("invariants")).isEqualTo(Map.of("safety", "ok", "conservation", "ok", "exactlyOnce", "ok",
                "liveness", "ok"));
        assertThat((long) p.get("submitted")).isGreaterThan(7_000);
        assertThat(p.get("finalized")).isEqualTo(p.get("submitted"));
        assertThat((double) p.get("crossShardRatio")).isBetween(0.25, 0.35);
        assertThat((double) p.get("latencyP99Ms")).isPositive().isLessThan(10_000);
        assertThat((double) p.get("bytesSentPerNode")).isPositive();
        assertThat(a.traceHash()).isEqualTo(b.traceHash());
        assertThat(b.protocol()).isEqualTo(p);
        assertThat(a.files().get(EpochCsv.FILE_NAME)).startsWith(String.join(",", EpochCsv.COLUMNS)).contains("\n0,");
        RunResult other = new ScenarioRunner(loader).run(s.withSeed(2), (t, e) -> {});
        assertThat(other.traceHash()).isNotEqualTo(a.traceHash());
    }

    static String withProtocol(String protocolBody) {
        return """
                nodes: 16
                durationSeconds: 5
                protocol:
                  name: baseline
                %s
                """.formatted(protocolBody.indent(2).stripTrailing());
    }

    static final String WORKLOAD = "workload: {kind: uniform, accounts: 50, rateTps: 10}";

    @Test
    void badScenarioKeysAreRejectedNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol("shards: 2\nshardz: 3\n" + WORKLOAD)))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("test-baseline.yaml")
                .hasMessageContaining("protocol.shardz");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(WORKLOAD)))
                .hasMessageContaining("missing key 'protocol.shards'");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol("shards: 8\n" + WORKLOAD)))
                .hasMessageContaining("protocol.shards").hasMessageContaining("at least 4 members");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol("shards: 2\nbaseTimeoutMs: -1\n" + WORKLOAD)))
                .hasMessageContaining("protocol.baseTimeoutMs").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nworkload: {kind: zipff, accounts: 50, rateTps: 10}")))
                .hasMessageContaining("test-baseline.yaml").hasMessageContaining("protocol.workload.kind");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol("shards: 2")))
                .hasMessageContaining("missing key 'protocol.workload'");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nadversaries: [{nodes: [1], perShard: 1, kind: silent}]\n" + WORKLOAD)))
                .hasMessageContaining("protocol.adversaries[0].nodes").hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nadversaries: [{perShard: 1, fraction: 0.1, kind: silent}]\n" + WORKLOAD)))
                .hasMessageContaining("protocol.adversaries[0].nodes").hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nadversaries: [{fraction: 1.5, kind: silent}]\n" + WORKLOAD)))
                .hasMessageContaining("protocol.adversaries[0].fraction").hasMessageContaining("at most 1");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nadversaries: [{perShard: 1, kind: sneaky}]\n" + WORKLOAD)))
                .hasMessageContaining("protocol.adversaries[0].kind").hasMessageContaining("sneaky");
        assertThatThrownBy(() -> BaselineRuns.scenario(withProtocol(
                "shards: 2\nadversaries: [{nodes: [16], kind: silent}]\n" + WORKLOAD)))
                .hasMessageContaining("protocol.adversaries[0].nodes").hasMessageContaining("outside 0..15");
    }

    @Test
    void aFractionOfAdversariesIsPlacedAtRandomFromTheSeedAmongNodesStillHonest() throws Exception {
        String yaml = withProtocol("shards: 2\nadversaries: [{nodes: [0, 1], kind: silent}, "
                + "{fraction: 0.25, kind: equivocating-leader}, {fraction: 0.25, kind: alive-but-corrupt}]\n" + WORKLOAD)
                .replace("nodes: 16", "nodes: 64");
        Scenario s = BaselineRuns.scenario(yaml);
        java.util.List<Behaviour> a = behaviours(s, 1);
        assertThat(a.subList(0, 2)).containsOnly(Behaviour.SILENT);
        assertThat(a).filteredOn(b -> b == Behaviour.EQUIVOCATING_LEADER).hasSize(16);
        assertThat(a).filteredOn(b -> b == Behaviour.ALIVE_BUT_CORRUPT).hasSize(16);
        assertThat(a).filteredOn(Behaviour::honest).hasSize(30);
        assertThat(behaviours(s, 1)).as("the same seed, the same placement").isEqualTo(a);
        assertThat(behaviours(s, 2)).as("another seed, another placement").isNotEqualTo(a);
        // Spread over the node range, not the first members of each shard.
        assertThat(a.subList(32, 64)).anyMatch(b -> b == Behaviour.EQUIVOCATING_LEADER);
    }

    private static java.util.List<Behaviour> behaviours(Scenario s, long seed) throws Exception {
        return new BaselineWorld(BaselineSetup.config(s.protocolParams(), s), seed).behaviours().stream()
                .map(Assignment::behaviour).toList();
    }
}

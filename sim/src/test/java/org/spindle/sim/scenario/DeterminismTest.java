package org.spindle.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Invariant 4 of DESIGN.md: the same scenario and seed give the same trace hash. */
class DeterminismTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private RunResult run(Scenario s) throws ScenarioException {
        return new ScenarioRunner(loader).run(s, null);
    }

    @Test
    void sameScenarioAndSeedGiveTheSameTraceHashInRepeatedRuns() throws Exception {
        Scenario s = loader.load(Scenarios.file("gossip-small.yaml"));
        RunResult a = run(s);
        RunResult b = run(s);
        assertThat(a.events()).isGreaterThan(10_000);
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.protocol()).isEqualTo(a.protocol());
    }

    @Test
    void anotherSeedGivesAnotherTraceHash() throws Exception {
        Scenario s = loader.load(Scenarios.file("gossip-small.yaml"));
        assertThat(run(s.withSeed(8)).traceHash()).isNotEqualTo(run(s.withSeed(7)).traceHash());
    }

    @Test
    void sameSeedGivesTheSameTraceHashInAnotherProcess() throws Exception {
        Path file = Scenarios.file("gossip-small.yaml");
        String here = run(loader.load(file).withSeed(11)).traceHash();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TraceHashMain.class.getName(), file.toString(), "11")).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the second JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().reduce((x, y) -> y).orElse("")).isEqualTo(here);
    }

    @Test
    void runsWithCrashesPartitionsAndCutsAreReproducibleToo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String yaml = Files.readString(Scenarios.file("gossip-small.yaml")) + """
                faults:
                  - {atMs: 520, kind: crash, nodes: [3, 4, 5]}
                  - {atMs: 540, kind: partition, groups: [[0, 1, 2, 6, 7, 8, 9]]}
                  - {atMs: 600, kind: cut, links: [[10, 11], [12, 13]]}
                  - {atMs: 700, kind: heal}
                  - {atMs: 800, kind: restore, links: [[10, 11]]}
                  - {atMs: 900, kind: restart, nodes: [3, 4, 5]}
                """;
        Path f = dir.resolve("faulty.yaml");
        Files.writeString(f, yaml);
        Scenario s = loader.load(f);
        RunResult a = run(s);
        RunResult b = run(s);
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(a.traceHash()).isNotEqualTo(run(loader.load(Scenarios.file("gossip-small.yaml"))).traceHash());
        assertThat(a.metrics().counterValue("net.droppedCrashed")).isPositive();
        assertThat(a.metrics().counterValue("net.droppedPartition")).isPositive();
    }

    @Test
    void smallGossipReachesEveryNodeWithManyDuplicates() throws Exception {
        RunResult r = run(loader.load(Scenarios.file("gossip-small.yaml")));
        assertThat(r.finished()).isTrue();
        assertThat((Double) r.protocol().get("coverage")).isEqualTo(1.0);
        assertThat((Double) r.protocol().get("duplicateRatio")).isBetween(0.5, 0.95);
        assertThat((Double) r.protocol().get("latencyP99Ms")).isGreaterThan((Double) r.protocol().get("latencyP50Ms"));
    }

}

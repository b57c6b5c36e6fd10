package org.spindle.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.sim.report.chart.Chart;
import org.spindle.sim.report.chart.CsvTable;
import org.spindle.sim.report.chart.Png;
import org.spindle.sim.report.chart.Series;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;

class SweepTest {
    static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path out;

    private final ScenarioLoader loader = new ScenarioLoader();
    private final List<String> progress = new ArrayList<>();

    private final Sweep.Listener listener = new Sweep.Listener() {
        @Override
        public void started(SweepRun run, int total) {
            progress.add("start " + run.index() + "/" + total);
        }

        @Override
        public void finished(SweepRun run, SweepRow row, int total) {
            progress.add("done " + run.index() + "/" + total);
        }
    };

    private static String scenario(String name) {
        return SCENARIOS.resolve(name).toString();
    }

    @Test
    void varyingTheShardCountRunsOncePerValueAndChartsThroughputAgainstIt() throws Exception {
        SweepPlan plan = SweepPlan.build(List.of(scenario("baseline-small.yaml")),
                ScenarioOverride.parseValues("--vary", "protocol.shards=2,4"),
                List.of(ScenarioOverride.parse("--set", "durationSeconds=12"),
                        ScenarioOverride.parse("--set", "protocol.workload.stopMs=6000")),
                null, null, loader);
        assertThat(plan.runs()).extracting(SweepRun::x).containsExactly(2.0, 4.0);
        assertThat(plan.runs()).extracting(r -> r.scenario().durationMicros()).containsOnly(12_000_000L);

        Sweep.Outcome outcome = new Sweep(new ScenarioRunner(loader)).run(plan, out, false, listener);
        List<SweepRow> rows = outcome.rows();
        assertThat(outcome.charts()).containsExactly(out.resolve(Sweep.TPS_PNG), out.resolve(Sweep.LATENCY_PNG));

        assertThat(progress).containsExactly("start 1/2", "done 1/2", "start 2/2", "done 2/2");
        assertThat(rows).extracting(SweepRow::protocol).containsOnly("baseline");
        assertThat(rows).extracting(SweepRow::xKey).containsOnly("protocol.shards");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.tps()).isPositive();
            // Clients stop at 6 s of 12: the run average counts the idle drain, the steady rate does not.
            assertThat(r.steadyTps()).isGreaterThan(r.tps());
            assertThat(r.latencyP50Ms()).isPositive().isLessThanOrEqualTo(r.latencyP95Ms());
            assertThat(r.latencyP95Ms()).isLessThanOrEqualTo(r.latencyP99Ms());
            // Each transaction's processing latency leaves out its wait in the pool, so every
            // percentile of it is at most the same percentile from submission.
            assertThat(r.processingLatencyP50Ms()).isPositive().isLessThanOrEqualTo(r.latencyP50Ms());
            assertThat(r.processingLatencyP99Ms()).isLessThanOrEqualTo(r.latencyP99Ms());
            assertThat(r.invariants()).isEqualTo("ok");
            assertThat(r.nodes()).isEqualTo(64);
        });
        CsvTable csv = CsvTable.read(out.resolve(Sweep.CSV));
        assertThat(csv.header()).isEqualTo(SweepRow.COLUMNS);
        assertThat(csv.rowCount()).isEqualTo(2);
        assertThat(csv.doubles("x")).containsExactly(2, 4);
        assertThat(csv.strings("overrides")).containsExactly(
                "durationSeconds=12 protocol.workload.stopMs=6000 protocol.shards=2",
                "durationSeconds=12 protocol.workload.stopMs=6000 protocol.shards=4");
        Png.check(out.resolve(Sweep.TPS_PNG));
        Png.check(out.resolve(Sweep.LATENCY_PNG));
        assertThat(out.resolve(Sweep.RUNS_DIR)).doesNotExist();
    }

    @Test
    void twoScenariosOfTwoProtocolsGiveOneLinePerProtocol() throws Exception {
        SweepPlan plan = SweepPlan.build(List.of(scenario("gossip-small.yaml"), scenario("baseline-small.yaml")),
                List.of(), List.of(ScenarioOverride.parse("--set", "durationSeconds=4")), null, 5L, loader);
        List<SweepRow> rows = new Sweep(new ScenarioRunner(loader)).run(plan, out, true, listener).rows();

        assertThat(rows).extracting(SweepRow::scenario).containsExactly("gossip-small", "baseline-small");
        assertThat(rows).extracting(SweepRow::x).containsExactly(200.0, 64.0);
        assertThat(rows).extracting(SweepRow::seed).containsOnly(5L);
        assertThat(rows.get(0).tps()).as("gossip reports no throughput").isNaN();
        assertThat(rows.get(0).latencyP50Ms()).isPositive();
        assertThat(rows.get(0).processingLatencyP50Ms()).as("gossip has no blocks").isNaN();
        assertThat(rows.get(0).invariants()).isEqualTo("n/a");
        assertThat(rows.get(1).tps()).isPositive();

        CsvTable csv = CsvTable.read(out.resolve(Sweep.CSV));
        assertThat(csv.strings("tps").get(0)).isEmpty();
        List<Chart> latency = Sweep.latencyChart("nodes").charts(csv);
        assertThat(latency.getFirst().series()).extracting(Series::name).containsExactly("baseline", "gossip");
        List<Chart> tps = Sweep.tpsChart("nodes").charts(csv);
        assertThat(tps.getFirst().series().stream().filter(s -> !s.isEmpty()).map(Series::name))
                .containsExactly("baseline");
        Png.check(out.resolve(Sweep.TPS_PNG));
        Png.check(out.resolve(Sweep.LATENCY_PNG));
        assertThat(out.resolve(Sweep.RUNS_DIR).resolve("001-gossip-small").resolve("summary.json")).isRegularFile();
        assertThat(out.resolve(Sweep.RUNS_DIR).resolve("002-baseline-small").resolve("epochs.png")).isRegularFile();
    }

    @Test
    void runsSideBySideGiveTheSameRowsInRunOrder(@TempDir Path serialOut) throws Exception {
        SweepPlan plan = SweepPlan.build(List.of(scenario("baseline-small.yaml"), scenario("gossip-small.yaml")),
                ScenarioOverride.parseValues("--vary", "seed=1,2"),
                List.of(ScenarioOverride.parse("--set", "durationSeconds=4")), null, null, loader);
        Sweep sweep = new Sweep(new ScenarioRunner(loader));
        List<SweepRow> serial = sweep.run(plan, serialOut, false, 1, listener).rows();
        progress.clear();
        List<SweepRow> parallel = sweep.run(plan, out, false, 3, listener).rows();

        assertThat(parallel).extracting(SweepRow::run).containsExactly(1, 2, 3, 4);
        assertThat(parallel.stream().map(SweepTest::withoutWallTime))
                .containsExactlyElementsOf(serial.stream().map(SweepTest::withoutWallTime).toList());
        assertThat(progress).filteredOn(p -> p.startsWith("done")).hasSize(4);
        assertThat(CsvTable.read(out.resolve(Sweep.CSV)).doubles("run")).containsExactly(1, 2, 3, 4);
    }

    private static SweepRow withoutWallTime(SweepRow r) {
        return new SweepRow(r.run(), r.scenario(), r.file(), r.protocol(), r.seed(), r.nodes(), r.xKey(), r.x(), r.tps(), r.steadyTps(),
                r.latencyP50Ms(), r.latencyP95Ms(), r.latencyP99Ms(), r.processingLatencyP50Ms(),
                r.processingLatencyP99Ms(), 0, r.simulatedSeconds(), r.invariants(), r.overrides());
    }

    @Test
    void aDirectoryGivesItsYamlFilesInNameOrder() throws Exception {
        Path dir = out.resolve("scen");
        Files.createDirectories(dir);
        Files.copy(SCENARIOS.resolve("gossip-small.yaml"), dir.resolve("b.yaml"));
        Files.copy(SCENARIOS.resolve("gossip-small.yaml"), dir.resolve("a.yml"));
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        assertThat(SweepPlan.expand(List.of(dir.toString()))).containsExactly(dir.resolve("a.yml"),
                dir.resolve("b.yaml"));
        assertThat(SweepPlan.expand(List.of(dir.resolve("*.yaml").toString()))).containsExactly(dir.resolve("b.yaml"));
    }

    @Test
    void summaryKeysAreLookedUpInOrderAndInvariantFailuresAreNamed() {
        var ledger = new java.util.LinkedHashMap<String, Object>();
        ledger.put("tps", 12.5);
        ledger.put("latencyP50Ms", 800.0);
        ledger.put("invariants", java.util.Map.of("safety", "ok"));
        var summary = new java.util.LinkedHashMap<String, Object>();
        summary.put("txPerSecond", 9000.0);
        summary.put("ledger", ledger);
        assertThat(SweepRow.first(summary, SweepRow.TPS_KEYS)).as("ledger.tps before txPerSecond").isEqualTo(12.5);
        assertThat(SweepRow.first(summary, SweepRow.latencyKeys("P50"))).isEqualTo(800.0);
        assertThat(SweepRow.first(summary, SweepRow.latencyKeys("P99"))).isNaN();
        assertThat(SweepRow.invariants(summary)).isEqualTo("ok");

        var broken = new java.util.LinkedHashMap<String, Object>();
        broken.put("safety", "ok");
        broken.put("liveness", "tx 0xab not final after 10 s");
        assertThat(SweepRow.invariants(java.util.Map.of("invariants", broken)))
                .isEqualTo("liveness: tx 0xab not final after 10 s");
        assertThat(SweepRow.invariants(java.util.Map.of("safe", false))).isEqualTo("safety: violated");
        assertThat(SweepRow.invariants(java.util.Map.of("honestExpelled", 0, "controlDisagreements", 0)))
                .isEqualTo("ok");
        assertThat(SweepRow.invariants(java.util.Map.of("honestExpelled", 2))).isEqualTo("honestExpelled: 2");
        assertThat(SweepRow.invariants(java.util.Map.of("coverage", 1.0))).isEqualTo("n/a");
    }
}

package org.spindle.cli.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;
import org.spindle.sim.sweep.ScenarioOverride;
import org.spindle.sim.sweep.Sweep;
import org.spindle.sim.sweep.SweepException;
import org.spindle.sim.sweep.SweepPlan;
import org.spindle.sim.sweep.SweepRow;
import org.spindle.sim.sweep.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spindle sweep}: runs many scenarios (or one with a key varied) and charts them side by side. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run a list of scenarios one after another, or one scenario with a key varied, and collect each "
                    + "run's summary into DIR/sweep.csv (scenario, protocol, nodes, the x parameter, tps, latency "
                    + "p50/p95/p99 in ms, wall time, invariants).",
            "It draws DIR/tps.png and DIR/latency.png against the x parameter, one line per protocol.",
            "Every run is checked before the first one starts: a bad file, key or value stops the sweep "
                    + "with a message that names it."},
        footer = {
            "",
            "Examples:",
            "  spindle sweep 'scenarios/baseline-spiralshard-table2-*.yaml' --out fig6",
            "      throughput and latency against network size (x = nodes, the default)",
            "  spindle sweep scenarios/baseline-small.yaml --out shards \\",
            "      --vary protocol.shards=2,4,8",
            "      one scenario, three runs; x = the varied key",
            "  spindle sweep scenarios/ --set durationSeconds=10 --out all",
            "      every .yaml in a directory, each shortened to 10 s",
            "",
            "Throughput is the summary's tps (else ledger.tps, else txPerSecond), the run average; the sharded "
                    + "ledgers also give steadyTps, the rate of the middle 80%% of confirmations, which leaves out "
                    + "the start-up and the drain after the clients stop. Latency is latencyP50Ms "
                    + "(else ledger.latencyP50Ms, else commitLatencyP50Ms), likewise P95 and P99; a protocol "
                    + "without them leaves the cell empty."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO",
            description = "Scenario files, directories (every .yaml in them, in name order) or glob patterns "
                    + "(quote them, e.g. 'scenarios/reticulum-small-*.yaml').")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where sweep.csv, tps.png and latency.png go (created if missing).")
    Path out;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "Run every scenario once per value of this dotted key, e.g. protocol.shards=2,4,8 or "
                    + "nodes=400,800.")
    String vary;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a dotted key in every run (repeatable), e.g. --set durationSeconds=10.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--x", paramLabel = "KEY",
            description = "The dotted key on the charts' x axis (a number in every run). Default: the --vary key, "
                    + "else nodes.")
    String xKey;

    @Option(names = "--seed", description = "Overrides every scenario's seed.")
    Long seed;

    @Option(names = "--keep-runs",
            description = "Also write each run's full results (as 'spindle sim --out', charts included) under DIR/runs/.")
    boolean keepRuns;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Runs at once (default ${DEFAULT-VALUE}). Each run is single-threaded and deterministic, so "
                    + "results are the same; give the JVM heap for N runs (e.g. JAVA_TOOL_OPTIONS=-Xmx16g), and read "
                    + "peakHeapMB and wall times as those of runs sharing the machine.")
    int jobs;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public SweepCommand() {
        this(System.out, System.err);
    }

    public SweepCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        ScenarioLoader loader = new ScenarioLoader();
        SweepPlan plan;
        try {
            List<ScenarioOverride> fixed = new ArrayList<>();
            for (String s : sets) {
                fixed.add(ScenarioOverride.parse("--set", s));
            }
            List<ScenarioOverride> varied = vary == null ? List.of() : ScenarioOverride.parseValues("--vary", vary);
            if (jobs < 1) {
                throw new SweepException("--jobs must be at least 1, not " + jobs);
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new SweepException("--out " + out + " is a file, not a directory");
            }
            plan = SweepPlan.build(scenarios, varied, fixed, xKey, seed, loader);
        } catch (SweepException e) {
            stderr.println("spindle sweep: " + e.getMessage());
            return 2;
        }
        stdout.printf(Locale.ROOT, "sweep: %d runs%s, x = %s, results in %s%n", plan.runs().size(),
                jobs > 1 ? ", " + jobs + " at once" : "", plan.runs().getFirst().xKey(), out);
        Sweep.Outcome outcome;
        try {
            outcome = new Sweep(new ScenarioRunner(loader)).run(plan, out, keepRuns, jobs, new Progress());
        } catch (ScenarioException e) {
            stderr.println("spindle sweep: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            stderr.println("spindle sweep: cannot write results to " + out + ": " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            stderr.println("spindle sweep: a run ran out of heap; give the JVM more (e.g. JAVA_TOOL_OPTIONS=-Xmx16g) "
                    + "or run fewer --jobs at once");
            return 1;
        }
        printTable(stdout, outcome.rows());
        List<String> files = new ArrayList<>(List.of(Sweep.CSV));
        outcome.charts().forEach(p -> files.add(p.getFileName().toString()));
        stdout.println("sweep written to " + out + " (" + String.join(", ", files) + ")");
        return 0;
    }

    /** One line as each run starts and one as it ends: a sweep can take hours, so say where it is. */
    private final class Progress implements Sweep.Listener {
        @Override
        public void started(SweepRun run, int total) {
            stdout.printf(Locale.ROOT, "[%d/%d] %s %s%s ...%n", run.index(), total, run.scenario().name(),
                    run.overrides().isEmpty() ? "" : run.overridesText() + " ", "(" + run.file() + ")");
        }

        @Override
        public void finished(SweepRun run, SweepRow row, int total) {
            stdout.printf(Locale.ROOT,
                    "[%d/%d] done in %.2f s: tps %s (steady %s), latency p50 %s ms, invariants %s%n", run.index(),
                    total, row.wallSeconds(), text(row.tps()), text(row.steadyTps()), text(row.latencyP50Ms()),
                    shortened(row.invariants()));
        }
    }

    /** The rows as an aligned table, one line per run (also the chart command's). */
    static void printTable(PrintStream stdout, List<SweepRow> rows) {
        String xKey = rows.isEmpty() ? "x" : rows.getFirst().xKey();
        stdout.printf(Locale.ROOT, "%-4s %-36s %-11s %7s %14s %12s %12s %10s %10s %10s %12s %9s  %s%n", "run",
                "scenario", "protocol", "nodes", xKey, "tps", "steady tps", "p50 ms", "p95 ms", "p99 ms", "proc p50 ms",
                "wall s", "invariants");
        for (SweepRow r : rows) {
            stdout.printf(Locale.ROOT, "%-4d %-36s %-11s %7d %14s %12s %12s %10s %10s %10s %12s %9.2f  %s%n",
                    r.run(), r.scenario(), r.protocol(), r.nodes(), text(r.x()), text(r.tps()), text(r.steadyTps()),
                    text(r.latencyP50Ms()),
                    text(r.latencyP95Ms()), text(r.latencyP99Ms()), text(r.processingLatencyP50Ms()), r.wallSeconds(),
                    shortened(r.invariants()));
        }
    }

    /** A violation's full text is in sweep.csv; the terminal gets its start. */
    static String shortened(String invariants) {
        return invariants.length() <= 80 ? invariants : invariants.substring(0, 77) + "...";
    }

    private static String text(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}

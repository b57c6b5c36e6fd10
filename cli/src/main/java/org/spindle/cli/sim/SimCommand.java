package org.spindle.cli.sim;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.spindle.sim.ProgressListener;
import org.spindle.sim.metrics.ResultWriter;
import org.spindle.sim.scenario.RunResult;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;
import org.spindle.sim.sweep.ScenarioOverride;
import org.spindle.sim.sweep.SweepException;
import org.spindle.sim.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spindle sim <scenario.yaml>}: runs a scenario in the deterministic simulator. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run a scenario in the deterministic simulator and print its results.")
public final class SimCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--seed", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write summary.json and CSV files to DIR.")
    Path out;

    @Option(names = "--no-progress", description = "Never draw the progress bar.")
    boolean noProgress;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a dotted scenario key (repeatable), e.g. --set durationSeconds=60 "
                    + "--set protocol.workload.zipfExponent=0.")
    List<String> sets = new ArrayList<>();

    private final PrintStream stdout;
    private final PrintStream stderr;

    public SimCommand() {
        this(System.out, System.err);
    }

    public SimCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s;
        try {
            if (sets.isEmpty()) {
                s = loader.load(scenarioFile);
            } else {
                List<ScenarioOverride> overrides = new ArrayList<>();
                for (String set : sets) {
                    overrides.add(ScenarioOverride.parse("--set", set));
                }
                s = SweepPlan.load(scenarioFile, overrides, loader);
            }
        } catch (ScenarioException | SweepException e) {
            stderr.println("spindle sim: " + e.getMessage());
            return 2;
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        RunResult r;
        try {
            if (!noProgress && stdoutIsTerminal()) {
                r = runWithBar(loader, s);
            } else {
                r = new ScenarioRunner(loader).run(s, null);
            }
            if (out != null) {
                ResultWriter.write(r, out);
            }
        } catch (ScenarioException e) {
            stderr.println("spindle sim: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            stderr.println("spindle sim: cannot write results to " + out + ": " + e.getMessage());
            return 1;
        }
        printTable(r);
        if (out != null) {
            stdout.println("results written to " + out);
        }
        if (json) {
            stdout.println(ResultWriter.json(r));
        }
        return 0;
    }

    private RunResult runWithBar(ScenarioLoader loader, Scenario s) throws ScenarioException {
        long totalMs = s.durationMicros() / 1000;
        long wallStart = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(s.name()).setInitialMax(totalMs)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" sim-ms", 1).showSpeed().setUpdateIntervalMillis(250)
                .build()) {
            ProgressListener listener = (simMicros, events) -> {
                double wall = (System.nanoTime() - wallStart) / 1e9;
                bar.stepTo(Math.min(totalMs, simMicros / 1000));
                bar.setExtraMessage(String.format(Locale.ROOT, " %,d events/s", Math.round(events / Math.max(wall, 1e-9))));
            };
            RunResult r = new ScenarioRunner(loader).run(s, listener);
            bar.stepTo(totalMs);
            return r;
        }
    }

    private void printTable(RunResult r) {
        stdout.printf(Locale.ROOT, "%-22s %s%n", "scenario", r.scenario());
        stdout.printf(Locale.ROOT, "%-22s %d%n", "seed", r.seed());
        stdout.printf(Locale.ROOT, "%-22s %,d%n", "nodes", r.nodes());
        stdout.printf(Locale.ROOT, "%-22s %.3f s%s%n", "simulated time", r.simulatedSeconds(),
                r.finished() ? " (all events done)" : " (stopped at the duration limit)");
        stdout.printf(Locale.ROOT, "%-22s %.2f s%n", "wall time", r.wallSeconds());
        stdout.printf(Locale.ROOT, "%-22s %,d%n", "events", r.events());
        stdout.printf(Locale.ROOT, "%-22s %,d%n", "events/s", Math.round(r.eventsPerSecond()));
        stdout.printf(Locale.ROOT, "%-22s %,d%n", "deliveries", r.deliveries());
        stdout.printf(Locale.ROOT, "%-22s %,d MB%n", "peak heap", Math.round(r.peakHeapBytes() / 1048576.0));
        stdout.printf(Locale.ROOT, "%-22s %s%n", "trace hash", r.traceHash());
        for (Map.Entry<String, Object> e : r.protocol().entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v);
            stdout.printf(Locale.ROOT, "%-22s %s%n", e.getKey(), text);
        }
    }

    /** JDK 22+ returns a Console even when redirected; ask it whether it is really a terminal. */
    private static boolean stdoutIsTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console is a terminal
        }
    }
}

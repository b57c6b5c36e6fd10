package org.spindle.sim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.spindle.sim.metrics.ResultWriter;
import org.spindle.sim.report.chart.Axis;
import org.spindle.sim.report.chart.Chart;
import org.spindle.sim.report.chart.CsvChart;
import org.spindle.sim.report.chart.Panel;
import org.spindle.sim.scenario.RunResult;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioRunner;

/**
 * Runs a planned sweep, one run after another or several side by side, and writes
 * {@code sweep.csv} (one row per run) and {@code tps.png} / {@code latency.png}: throughput and median latency against the x parameter,
 * one line per protocol (the shape of SpiralShard's Fig. 6 against network size and Fig. 7 against
 * shard size).
 */
public final class Sweep {
    public static final String CSV = "sweep.csv";
    public static final String TPS_PNG = "tps.png";
    public static final String LATENCY_PNG = "latency.png";
    /** Where {@code keepRuns} puts each run's full results, as {@code sim --out} writes them. */
    public static final String RUNS_DIR = "runs";

    /** Told before and after each run, e.g. to print progress. */
    public interface Listener {
        void started(SweepRun run, int total);

        void finished(SweepRun run, SweepRow row, int total);
    }

    /** The rows measured and the charts drawn (a chart without any point is not drawn). */
    public record Outcome(List<SweepRow> rows, List<Path> charts) {
        public Outcome {
            rows = List.copyOf(rows);
            charts = List.copyOf(charts);
        }
    }

    private final ScenarioRunner runner;

    public Sweep(ScenarioRunner runner) {
        this.runner = runner;
    }

    /** Runs every run of {@code plan} one after another; see {@link #run(SweepPlan, Path, boolean, int, Listener)}. */
    public Outcome run(SweepPlan plan, Path out, boolean keepRuns, Listener listener)
            throws ScenarioException, IOException {
        return run(plan, out, keepRuns, 1, listener);
    }

    /**
     * Runs every run of {@code plan}, up to {@code jobs} at once (each simulation is single-threaded
     * and deterministic, so running them side by side changes no result, only the wall times),
     * writing {@code sweep.csv} in run order after each one ends (so an interrupted sweep keeps what
     * it measured) and the charts at the end. The first failing run stops the sweep.
     */
    public Outcome run(SweepPlan plan, Path out, boolean keepRuns, int jobs, Listener listener)
            throws ScenarioException, IOException {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        Files.createDirectories(out);
        int total = plan.runs().size();
        TreeMap<Integer, SweepRow> rows = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, total)), r -> {
            Thread t = new Thread(r, "sweep-run");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        Object lock = new Object();
        try {
            for (SweepRun run : plan.runs()) {
                done.submit(() -> {
                    synchronized (lock) {
                        listener.started(run, total);
                    }
                    RunResult r = runner.run(run.scenario(), null);
                    if (keepRuns) {
                        ResultWriter.write(r, out.resolve(RUNS_DIR).resolve(String.format(Locale.ROOT, "%03d-%s",
                                run.index(), r.scenario().replaceAll("[^A-Za-z0-9._-]", "_"))));
                    }
                    SweepRow row = SweepRow.of(run, r);
                    synchronized (lock) {
                        rows.put(row.run(), row);
                        writeCsv(List.copyOf(rows.values()), out.resolve(CSV));
                        listener.finished(run, row, total);
                    }
                    return null;
                });
            }
            // In the order they end, so the first failure stops the sweep at once.
            for (int i = 0; i < total; i++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("sweep interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case ScenarioException se -> throw se;
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        } finally {
            pool.shutdownNow();
        }
        String xKey = plan.runs().isEmpty() ? "nodes" : plan.runs().getFirst().xKey();
        List<Path> charts = new ArrayList<>();
        tpsChart(xKey).draw(out).ifPresent(charts::add);
        latencyChart(xKey).draw(out).ifPresent(charts::add);
        return new Outcome(List.copyOf(rows.values()), charts);
    }

    public static void writeCsv(List<SweepRow> rows, Path file) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", SweepRow.COLUMNS)).append('\n');
        for (SweepRow r : rows) {
            b.append(r.csvLine()).append('\n');
        }
        Files.writeString(file, b);
    }

    /**
     * Throughput against the x parameter, one line per protocol: the run average, and the steady
     * rate of the middle 80% of confirmations (the sharded ledgers').
     */
    public static CsvChart tpsChart(String xKey) {
        return new CsvChart(CSV, TPS_PNG, List.of(
                new Panel.Grouped("Throughput (run average) vs " + xKey, "protocol", Pattern.compile(".*"), 12, "x",
                        xAxis(xKey), 1.0, "tps", Axis.of("throughput", "tx/s"), Chart.Style.LINE),
                new Panel.Grouped("Steady throughput (middle 80% of confirmations) vs " + xKey, "protocol",
                        Pattern.compile(".*"), 12, "x", xAxis(xKey), 1.0, "steadyTps",
                        Axis.of("steady throughput", "tx/s"), Chart.Style.LINE)));
    }

    /**
     * Median latency, p99 and median processing latency (the SpiralShard paper's measure) against
     * the x parameter, one line per protocol each.
     */
    public static CsvChart latencyChart(String xKey) {
        return new CsvChart(CSV, LATENCY_PNG, List.of(
                new Panel.Grouped("Median latency vs " + xKey, "protocol", Pattern.compile(".*"), 12, "x",
                        xAxis(xKey), 1.0, "latencyP50Ms", Axis.of("latency p50", "ms"), Chart.Style.LINE),
                new Panel.Grouped("99th-percentile latency vs " + xKey, "protocol", Pattern.compile(".*"), 12, "x",
                        xAxis(xKey), 1.0, "latencyP99Ms", Axis.of("latency p99", "ms"), Chart.Style.LINE),
                new Panel.Grouped("Median processing latency (block proposal to confirmation) vs " + xKey, "protocol",
                        Pattern.compile(".*"), 12, "x", xAxis(xKey), 1.0, "processingLatencyP50Ms",
                        Axis.of("processing latency p50", "ms"), Chart.Style.LINE)));
    }

    /** The x axis: the key, with the unit its name says (keys end in Ms, Seconds, Mbps, Micros). */
    static Axis xAxis(String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        for (String[] suffix : new String[][] {{"Ms", "ms"}, {"Seconds", "s"}, {"Mbps", "Mbps"}, {"Micros", "µs"}}) {
            if (leaf.endsWith(suffix[0]) && leaf.length() > suffix[0].length()) {
                return Axis.of(key, suffix[1]);
            }
        }
        return Axis.of(key, "");
    }
}

package org.spindle.sim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spindle.sim.report.chart.CsvTable;
import org.spindle.sim.scenario.RunResult;

/**
 * One run's line of {@code sweep.csv}. Throughput and latencies are NaN (an empty cell) for a
 * protocol whose summary has none of the keys {@link #TPS_KEYS} or the latency keys name; the
 * steady throughput (the middle 80% of confirmations) and the processing latencies (block proposal
 * to confirmation) are the sharded ledgers' only.
 */
public record SweepRow(int run, String scenario, String file, String protocol, long seed, int nodes, String xKey,
        double x, double tps, double steadyTps, double latencyP50Ms, double latencyP95Ms, double latencyP99Ms,
        double processingLatencyP50Ms, double processingLatencyP99Ms, double wallSeconds, double simulatedSeconds,
        String invariants, String overrides) {

    public static final List<String> COLUMNS = List.of("run", "scenario", "file", "protocol", "seed", "nodes",
            "xKey", "x", "tps", "steadyTps", "latencyP50Ms", "latencyP95Ms", "latencyP99Ms", "processingLatencyP50Ms",
            "processingLatencyP99Ms", "wallSeconds", "simulatedSeconds", "invariants", "overrides");

    /** Summary keys read as throughput, first found wins (dotted keys look inside nested maps). */
    public static final List<String> TPS_KEYS = List.of("tps", "ledger.tps", "txPerSecond");

    /** The latency keys per percentile, first found wins. */
    public static List<String> latencyKeys(String percentile) {
        return List.of("latency" + percentile + "Ms", "ledger.latency" + percentile + "Ms",
                "commitLatency" + percentile + "Ms");
    }

    public static SweepRow of(SweepRun run, RunResult r) {
        Map<String, Object> p = r.protocol();
        return new SweepRow(run.index(), r.scenario(), run.file().toString(), run.scenario().protocol(), r.seed(),
                r.nodes(), run.xKey(), run.x(), first(p, TPS_KEYS), first(p, List.of("steadyTps")), first(p, latencyKeys("P50")),
                first(p, latencyKeys("P95")), first(p, latencyKeys("P99")), first(p, List.of("processingLatencyP50Ms")),
                first(p, List.of("processingLatencyP99Ms")), r.wallSeconds(), r.simulatedSeconds(),
                invariants(p), run.overridesText());
    }

    /**
     * Row {@code row} of a table with {@link #COLUMNS}, numbered {@code run}; an empty numeric cell
     * reads as NaN, as {@link #csvLine} writes it.
     *
     * @throws IllegalArgumentException naming the column, for a cell that is not a number
     */
    public static SweepRow fromCsv(CsvTable t, int row, int run) {
        return new SweepRow(run, t.strings("scenario").get(row), t.strings("file").get(row),
                t.strings("protocol").get(row), (long) number(t, "seed", row, false),
                (int) number(t, "nodes", row, false),
                t.strings("xKey").get(row), number(t, "x", row, false), number(t, "tps", row, true),
                number(t, "steadyTps", row, true), number(t, "latencyP50Ms", row, true),
                number(t, "latencyP95Ms", row, true), number(t, "latencyP99Ms", row, true),
                number(t, "processingLatencyP50Ms", row, true), number(t, "processingLatencyP99Ms", row, true),
                number(t, "wallSeconds", row, false), number(t, "simulatedSeconds", row, false),
                t.strings("invariants").get(row), t.strings("overrides").get(row));
    }

    private static double number(CsvTable t, String column, int row, boolean mayBeEmpty) {
        String cell = t.strings(column).get(row);
        if (cell.isEmpty() && mayBeEmpty) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + column + " must be a number, got '" + cell + "'");
        }
    }

    static double first(Map<String, Object> summary, List<String> keys) {
        for (String k : keys) {
            Object v = lookup(summary, k);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
        }
        return Double.NaN;
    }

    static Object lookup(Map<String, Object> summary, String dotted) {
        Object at = summary;
        for (String part : dotted.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(part);
        }
        return at;
    }

    /** Summary counts that a correct run keeps at zero (Reticulum's, BFT's), checked when present. */
    public static final List<String> MUST_BE_ZERO = List.of("honestExpelled", "controlDisagreements",
            "safetyViolations");

    /**
     * {@code ok} when every invariant the summary reports holds: each entry of the ledger's
     * {@code invariants} map is {@code ok}, BFT's {@code safe} is true, and each of
     * {@link #MUST_BE_ZERO} present is 0. Otherwise the failing ones as {@code name: verdict},
     * joined by {@code ; }; {@code n/a} when the protocol reports none.
     */
    static String invariants(Map<String, Object> summary) {
        List<String> failed = new ArrayList<>();
        boolean any = false;
        Object inv = lookup(summary, "invariants");
        if (inv == null) {
            inv = lookup(summary, "ledger.invariants");
        }
        if (inv instanceof Map<?, ?> m) {
            any = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!"ok".equals(String.valueOf(e.getValue()))) {
                    failed.add(e.getKey() + ": " + e.getValue());
                }
            }
        }
        if (summary.get("safe") instanceof Boolean safe) {
            any = true;
            if (!safe) {
                failed.add("safety: violated");
            }
        }
        for (String k : MUST_BE_ZERO) {
            if (summary.get(k) instanceof Number n) {
                any = true;
                if (n.doubleValue() != 0) {
                    failed.add(k + ": " + n);
                }
            }
        }
        if (!failed.isEmpty()) {
            return String.join("; ", failed);
        }
        return any ? "ok" : "n/a";
    }

    public String csvLine() {
        return String.join(",", List.of(Integer.toString(run), CsvTable.quote(scenario), CsvTable.quote(file),
                CsvTable.quote(protocol), Long.toString(seed), Integer.toString(nodes), CsvTable.quote(xKey), num(x),
                num(tps), num(steadyTps), num(latencyP50Ms), num(latencyP95Ms), num(latencyP99Ms), num(processingLatencyP50Ms),
                num(processingLatencyP99Ms),
                String.format(Locale.ROOT, "%.3f", wallSeconds), String.format(Locale.ROOT, "%.3f", simulatedSeconds),
                CsvTable.quote(invariants), CsvTable.quote(overrides)));
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

package org.spindle.sim.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spindle.sim.report.chart.ChartRegistry;
import org.spindle.sim.scenario.RunResult;

/** Writes a run's results: one JSON object, and CSV files of counters, histograms and series. */
public final class ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultWriter() {}

    /** The headline fields, then the protocol's metrics, in a fixed order. */
    public static Map<String, Object> summary(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario());
        m.put("seed", r.seed());
        m.put("nodes", r.nodes());
        m.put("simulatedSeconds", r.simulatedSeconds());
        m.put("wallSeconds", r.wallSeconds());
        m.put("events", r.events());
        m.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
        m.put("deliveries", r.deliveries());
        m.put("traceHash", r.traceHash());
        m.put("peakHeapMB", Math.round(r.peakHeapBytes() / (1024.0 * 1024.0)));
        m.put("finished", r.finished());
        m.put("protocol", r.protocol());
        m.put("counters", r.metrics().counters());
        return m;
    }

    public static String json(RunResult r) {
        try {
            return JSON.writeValueAsString(summary(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serializes", e);
        }
    }

    /**
     * Writes {@code summary.json}, {@code counters.csv}, {@code histograms.csv}, {@code series.csv},
     * the protocol's files, and a PNG chart beside each CSV that {@link ChartRegistry#standard()} knows.
     */
    public static void write(RunResult r, Path dir) throws IOException {
        write(r, dir, true);
    }

    /** As {@link #write(RunResult, Path)}, drawing the charts only when {@code charts} is true. */
    public static void write(RunResult r, Path dir, boolean charts) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary(r)) + "\n");
        StringBuilder c = new StringBuilder("name,value\n");
        r.metrics().counters().forEach((k, v) -> c.append(k).append(',').append(v).append('\n'));
        Files.writeString(dir.resolve("counters.csv"), c);
        StringBuilder h = new StringBuilder("name,count,min,p50,p90,p99,p999,max,mean\n");
        r.metrics().histograms().forEach((k, s) -> h.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%.3f%n",
                k, s.count(), s.min(), s.p50(), s.p90(), s.p99(), s.p999(), s.max(), s.mean())));
        Files.writeString(dir.resolve("histograms.csv"), h);
        StringBuilder s = new StringBuilder("name,micros,value\n");
        r.metrics().series().forEach((k, p) -> {
            for (int i = 0; i < p.micros().length; i++) {
                s.append(k).append(',').append(p.micros()[i]).append(',').append(p.values()[i]).append('\n');
            }
        });
        Files.writeString(dir.resolve("series.csv"), s);
        for (Map.Entry<String, String> f : new java.util.TreeMap<>(r.files()).entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        if (charts) {
            ChartRegistry.standard().drawAll(dir);
        }
    }
}

package org.spindle.sim.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes per-epoch results with the columns of BlockEmulator's relay statistics
 * ({@code relay_stats_brief_info.csv}), so tools made for that emulator read Spindle's runs too.
 * Differences: start and end times are simulated seconds since the run began (BlockEmulator writes
 * wall-clock RFC 3339 stamps), and averages over zero transactions are 0 instead of NaN.
 */
public final class EpochCsv {
    public static final List<String> COLUMNS = List.of(
            "EpochID",
            "Total tx # in this epoch",
            "Inner-shard tx # in this epoch",
            "Relay1 tx # in this epoch",
            "Relay2 tx # in this epoch",
            "Epoch start time",
            "Epoch end time",
            "Avg. TPS of this epoch (txs per second)",
            "CTX ratio of this epoch",
            "Avg. TCL of this epoch (second)",
            "Avg. inner-shard TCL of this epoch (second)",
            "Avg. relay1 TCL of this epoch (second)",
            "Avg. relay2 TCL of this epoch (second)");

    public static final String FILE_NAME = "epochs.csv";

    private EpochCsv() {}

    public static void write(List<EpochRow> rows, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        for (EpochRow r : rows) {
            out.write(String.format(Locale.ROOT, "%d,%.2f,%d,%d,%d,%.6f,%.6f,%.2f,%.4f,%.6f,%.6f,%.6f,%.6f%n",
                    r.epoch(), r.totalTransactions(), r.innerShard(), r.relay1(), r.relay2(), r.startMicros() / 1e6,
                    r.endMicros() / 1e6, r.averageTps(), r.crossShardRatio(), r.averageLatencySeconds(),
                    r.averageInnerLatencySeconds(), r.averageRelay1LatencySeconds(), r.averageRelay2LatencySeconds()));
        }
    }

    public static void write(List<EpochRow> rows, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(rows, w);
        }
    }
}

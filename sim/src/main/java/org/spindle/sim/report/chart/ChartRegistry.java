package org.spindle.sim.report.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.spindle.sim.report.EpochCsv;
import org.spindle.sim.reticulum.ReticulumWorld;
import org.spindle.sim.spiralshard.SpiralWorld;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which result CSV gets which chart. {@code --out} draws every registered chart whose CSV the
 * run wrote and skips the others; a protocol with a new CSV gets its chart by one more entry in
 * {@link #STANDARD}.
 */
public final class ChartRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ChartRegistry.class);
    private static final Axis EPOCH = Axis.of("epoch", "");
    private static final Axis SIM_TIME = Axis.of("simulated time", "s");

    /** {@code series.csv}: selected counters over simulated time (finalized transactions and blocks). */
    public static final CsvChart SERIES = CsvChart.of("series.csv",
            new Panel.Grouped("Transactions over time", "name",
                    Pattern.compile("(?i).*(submitted|confirmed|finalized.*tx.*|transactions).*"), 6,
                    "micros", SIM_TIME, 1e-6, "value", Axis.of("transactions", "cumulative"), Chart.Style.LINE),
            new Panel.Grouped("Blocks and deliveries over time", "name",
                    Pattern.compile("(?i).*(blocks|commits|delivered).*"), 6,
                    "micros", SIM_TIME, 1e-6, "value", Axis.of("count", "cumulative"), Chart.Style.LINE));

    /** {@code epochs.csv} (BlockEmulator's columns): TPS and average latency per epoch. */
    public static final CsvChart EPOCHS = CsvChart.of(EpochCsv.FILE_NAME,
            Panel.Columns.of("Throughput per epoch", EpochCsv.COLUMNS.get(0), EPOCH, Axis.of("throughput", "tx/s"),
                    new Panel.YColumn(EpochCsv.COLUMNS.get(7), "TPS")),
            Panel.Columns.of("Average latency per epoch", EpochCsv.COLUMNS.get(0), EPOCH,
                    Axis.of("submission to finality", "s"),
                    new Panel.YColumn(EpochCsv.COLUMNS.get(9), "all"),
                    new Panel.YColumn(EpochCsv.COLUMNS.get(10), "inner-shard"),
                    new Panel.YColumn(EpochCsv.COLUMNS.get(11), "relay1"),
                    new Panel.YColumn(EpochCsv.COLUMNS.get(12), "relay2")));

    /** Reticulum's per-epoch CSV: the paper's Fig. 6 (throughput, silent-node ratio) and storage per transaction. */
    public static final CsvChart RETICULUM_EPOCHS = CsvChart.of(ReticulumWorld.CSV_NAME,
            Panel.Columns.of("Throughput per epoch", "epoch", EPOCH, Axis.of("throughput", "tx/s"),
                    new Panel.YColumn("txPerSecond", "throughput")),
            Panel.Columns.of("Silent-node ratio per epoch", "epoch", EPOCH, Axis.of("missing votes / votes due", ""),
                    new Panel.YColumn("silentRatio", "silent ratio")),
            Panel.Columns.of("Storage per transaction", "epoch", EPOCH, Axis.of("storage per logged transaction", "KB"),
                    new Panel.YColumn("storageKbPerTx", "storage")));

    /** Every chart {@code --out} draws, in drawing order. */
    /** SpiralShard's finalized blocks over time: a silent shard shows as a gap, then a burst (its Fig. 10). */
    public static final CsvChart LCE_FINALIZED = CsvChart.of(SpiralWorld.SERIES_FILE,
            Panel.Columns.of("Blocks finalized and prepared per interval", "timeSeconds", SIM_TIME,
                    Axis.of("blocks", "per interval"),
                    new Panel.YColumn("finalizedBlocks", "finalized"), new Panel.YColumn("preparedBlocks", "prepared")),
            Panel.Columns.of("Blocks finalized per interval, by endorsement group", "timeSeconds", SIM_TIME,
                    Axis.of("blocks", "per interval"), groupColumns()),
            Panel.Columns.of("Finalized blocks, cumulative", "timeSeconds", SIM_TIME, Axis.of("blocks", "cumulative"),
                    new Panel.YColumn("cumulativeFinalized", "finalized")));

    public static final List<CsvChart> STANDARD = List.of(SERIES, EPOCHS, RETICULUM_EPOCHS, LCE_FINALIZED);

    /** Columns a table lacks draw nothing, so naming more groups than a run has is harmless. */
    private static Panel.YColumn[] groupColumns() {
        Panel.YColumn[] ys = new Panel.YColumn[8];
        for (int g = 0; g < ys.length; g++) {
            ys[g] = new Panel.YColumn("finalizedGroup" + g, "group " + g);
        }
        return ys;
    }

    private final Map<String, CsvChart> byCsv = new LinkedHashMap<>();

    private ChartRegistry(List<CsvChart> charts) {
        for (CsvChart c : charts) {
            byCsv.put(c.csvFile(), c);
        }
    }

    public static ChartRegistry standard() {
        return new ChartRegistry(STANDARD);
    }

    public static ChartRegistry of(List<CsvChart> charts) {
        return new ChartRegistry(charts);
    }

    /** A registry with {@code chart} added, replacing any chart for the same CSV. */
    public ChartRegistry with(CsvChart chart) {
        List<CsvChart> all = new ArrayList<>(byCsv.values());
        all.removeIf(c -> c.csvFile().equals(chart.csvFile()));
        all.add(chart);
        return new ChartRegistry(all);
    }

    public List<CsvChart> charts() {
        return List.copyOf(byCsv.values());
    }

    /**
     * Draws the chart of every registered CSV present in {@code dir}; returns the PNGs written. A
     * machine whose Java cannot render (no fonts, broken AWT) gets one warning and no PNGs: the CSVs
     * are the results, the charts only a view of them, so a run's output is never lost to drawing.
     */
    public List<Path> drawAll(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (CsvChart c : byCsv.values()) {
            Optional<Path> png;
            try {
                png = c.draw(dir);
            } catch (LinkageError | InternalError | IllegalStateException e) {
                LOG.warn("charts skipped: this Java cannot draw PNGs here ({}); the CSVs in {} are complete", e, dir);
                return written;
            }
            png.ifPresent(written::add);
        }
        return written;
    }
}

package org.spindle.sim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.sim.report.EpochCsv;
import org.spindle.sim.report.EpochRow;
import org.spindle.sim.reticulum.ReticulumWorld;

class ChartRegistryTest {
    @TempDir
    Path dir;

    private void reticulumCsv() throws Exception {
        Files.writeString(dir.resolve(ReticulumWorld.CSV_NAME), """
                epoch,controlShards,passed,failedAccepted,rejected,silentRatio,expelled,meanEpochSeconds,txPerSecond,storageKbPerTx
                0,4,7,6,3,0.1406,0,9.100,5922.04,0.298
                1,4,7,5,4,0.1406,9,9.100,5445.76,0.281
                2,4,13,0,3,0.0545,0,6.100,9937.85,0.111
                3,4,16,0,0,0.0000,0,4.600,14246.96,0.102
                """);
    }

    @Test
    void drawsAPngBesideEachKnownCsvAndSkipsTheAbsentOnes() throws Exception {
        reticulumCsv();
        EpochCsv.write(List.of(new EpochRow(0, 100, 20, 20, 0, 2_000_000, 50_000_000, 20_000_000, 30_000_000),
                new EpochRow(1, 150, 10, 12, 2_000_000, 4_000_000, 60_000_000, 9_000_000, 14_000_000)),
                dir.resolve(EpochCsv.FILE_NAME));
        List<Path> written = ChartRegistry.standard().drawAll(dir);
        assertThat(written).containsExactly(dir.resolve("epochs.png"), dir.resolve("reticulum-epochs.png"));
        assertThat(dir.resolve("series.png")).doesNotExist();
        BufferedImage reticulum = Png.check(dir.resolve("reticulum-epochs.png"));
        assertThat(reticulum.getHeight()).as("throughput, silent ratio and storage panels")
                .isEqualTo(3 * PngCharts.PANEL_HEIGHT);
        assertThat(Png.check(dir.resolve("epochs.png")).getHeight()).isEqualTo(2 * PngCharts.PANEL_HEIGHT);
    }

    @Test
    void reticulumChartPlotsThroughputAndSilentRatioPerEpoch() throws Exception {
        reticulumCsv();
        List<Chart> charts = ChartRegistry.RETICULUM_EPOCHS.charts(CsvTable.read(dir.resolve(ReticulumWorld.CSV_NAME)));
        assertThat(charts).extracting(Chart::title)
                .containsExactly("Throughput per epoch", "Silent-node ratio per epoch", "Storage per transaction");
        Series tps = charts.get(0).series().getFirst();
        assertThat(tps.x()).containsExactly(0, 1, 2, 3);
        assertThat(tps.y()).containsExactly(5922.04, 5445.76, 9937.85, 14246.96);
        assertThat(charts.get(1).series().getFirst().y()).containsExactly(0.1406, 0.1406, 0.0545, 0.0);
        assertThat(charts.get(0).yAxis().title()).isEqualTo("throughput (tx/s)");
    }

    @Test
    void aHeaderOnlyCsvDrawsNothing() throws Exception {
        Files.writeString(dir.resolve("series.csv"), "name,micros,value\n");
        assertThat(ChartRegistry.standard().drawAll(dir)).isEmpty();
        assertThat(dir.resolve("series.png")).doesNotExist();
    }

    @Test
    void seriesCsvDrawsTheProgressCountersOverSecondsAndLeavesTheOthersOut() throws Exception {
        StringBuilder csv = new StringBuilder("name,micros,value\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("ledger.confirmed,").append(i * 500_000).append(',').append(i * 40).append('\n');
            csv.append("ledger.blocks,").append(i * 500_000).append(',').append(i).append('\n');
            csv.append("net.bytes,").append(i * 500_000).append(',').append(i * 1000).append('\n');
        }
        Files.writeString(dir.resolve("series.csv"), csv);
        List<Chart> charts = ChartRegistry.SERIES.charts(CsvTable.read(dir.resolve("series.csv")));
        assertThat(charts.get(0).series()).extracting(Series::name).containsExactly("ledger.confirmed");
        assertThat(charts.get(1).series()).extracting(Series::name).containsExactly("ledger.blocks");
        assertThat(charts.get(0).series().getFirst().x()[0]).as("µs become s").isEqualTo(0.5);
        assertThat(ChartRegistry.standard().drawAll(dir)).containsExactly(dir.resolve("series.png"));
        assertThat(Png.check(dir.resolve("series.png")).getHeight()).isEqualTo(2 * PngCharts.PANEL_HEIGHT);
    }

    @Test
    void aNewCsvGetsItsChartByOneMoreEntry() throws Exception {
        Files.writeString(dir.resolve("spiral-finalized.csv"), "seconds,finalizedBlocks\n0,0\n10,40\n20,80\n30,80\n");
        CsvChart finalized = CsvChart.of("spiral-finalized.csv", Panel.Columns.of("Finalized blocks", "seconds",
                Axis.of("time", "s"), Axis.of("finalized blocks", ""), new Panel.YColumn("finalizedBlocks", "blocks")));
        ChartRegistry registry = ChartRegistry.standard().with(finalized);
        assertThat(registry.charts()).contains(finalized).hasSize(ChartRegistry.STANDARD.size() + 1);
        assertThat(registry.drawAll(dir)).containsExactly(dir.resolve("spiral-finalized.png"));
        Png.check(dir.resolve("spiral-finalized.png"));
    }

    @Test
    void spiralShardsFinalizedBlocksOverTimeGetTheirChart() throws Exception {
        Files.writeString(dir.resolve("lce-finalized.csv"),
                "timeSeconds,finalizedBlocks,cumulativeFinalized,preparedBlocks,finalizedGroup0,finalizedGroup1\n"
                        + "0.0,0,0,2,0,0\n5.0,4,4,3,2,2\n10.0,0,4,3,0,0\n15.0,9,13,2,5,4\n");
        assertThat(ChartRegistry.standard().drawAll(dir)).containsExactly(dir.resolve("lce-finalized.png"));
        Png.check(dir.resolve("lce-finalized.png"));
    }

    @Test
    void groupedPanelsKeepAtMostTheirSeriesLimitInNameOrder() {
        CsvTable t = CsvTable.parse("k,x,y\nc,1,1\na,1,2\nb,1,3\na,2,4\n");
        Panel.Grouped p = new Panel.Grouped("t", "k", Pattern.compile(".*"), 2, "x", Axis.of("x", ""), 1.0, "y",
                Axis.of("y", ""), Chart.Style.LINE);
        Chart c = p.chart(t);
        assertThat(c.series()).extracting(Series::name).containsExactly("a", "b");
        assertThat(c.series().getFirst().y()).containsExactly(2, 4);
    }
}

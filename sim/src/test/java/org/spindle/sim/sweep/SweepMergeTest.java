package org.spindle.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.sim.report.chart.CsvTable;

class SweepMergeTest {
    @TempDir
    Path dir;

    static SweepRow row(int run, String protocol, int nodes, double tps, String xKey) {
        return new SweepRow(run, protocol + "-" + nodes, protocol + "-" + nodes + ".yaml", protocol, 1, nodes, xKey,
                nodes, tps, tps * 1.5, 1000, 2000, 3000, Double.NaN, 900, 12.5, 1500, "ok", "");
    }

    Path sweep(String name, List<SweepRow> rows) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Sweep.writeCsv(rows, d.resolve(Sweep.CSV));
        return d;
    }

    @Test
    void twoSweepsBecomeOneCsvNumberedAgainWithChartsOfBothProtocols() throws Exception {
        Path spiral = sweep("spiral", List.of(row(1, "spiralshard", 800, 300, "nodes"),
                row(2, "spiralshard", 1260, 400, "nodes")));
        Path baseline = sweep("baseline", List.of(row(1, "baseline", 800, 40, "nodes")));
        List<SweepRow> rows = SweepMerge.read(List.of(spiral, baseline.resolve(Sweep.CSV)));
        assertThat(rows).extracting(SweepRow::run).containsExactly(1, 2, 3);
        assertThat(rows).extracting(SweepRow::protocol).containsExactly("spiralshard", "spiralshard", "baseline");
        assertThat(rows.get(2)).isEqualTo(row(3, "baseline", 800, 40, "nodes"));
        assertThat(Double.isNaN(rows.get(0).processingLatencyP50Ms())).as("an empty cell stays empty").isTrue();

        Path out = dir.resolve("fig6");
        List<Path> charts = SweepMerge.write(rows, out);
        assertThat(charts).containsExactly(out.resolve(Sweep.TPS_PNG), out.resolve(Sweep.LATENCY_PNG));
        assertThat(charts).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
        CsvTable merged = CsvTable.read(out.resolve(Sweep.CSV));
        assertThat(merged.header()).isEqualTo(SweepRow.COLUMNS);
        assertThat(merged.doubles("steadyTps")).containsExactly(450, 600, 60);
        assertThat(SweepMerge.read(List.of(out))).as("a merged sweep reads back the same").isEqualTo(rows);
    }

    @Test
    void aMissingFileAnotherVersionsCsvABadCellOrTwoXKeysAreRefusedNamingTheCause() throws Exception {
        assertThatThrownBy(() -> SweepMerge.read(List.of(dir.resolve("nowhere"))))
                .isInstanceOf(SweepMerge.BadInput.class).hasMessageContaining("nowhere")
                .hasMessageContaining("no such file");
        Path old = Files.writeString(dir.resolve("old.csv"), "run,scenario,tps\n1,a,3\n");
        assertThatThrownBy(() -> SweepMerge.read(List.of(old))).hasMessageContaining("old.csv")
                .hasMessageContaining("not a sweep.csv of this version");
        Path good = sweep("good", List.of(row(1, "baseline", 800, 40, "nodes")));
        String text = Files.readString(good.resolve(Sweep.CSV)).replace(",800,nodes,800,", ",eight hundred,nodes,800,");
        Path bad = Files.writeString(dir.resolve("bad.csv"), text);
        assertThatThrownBy(() -> SweepMerge.read(List.of(bad))).hasMessageContaining("bad.csv: row 1")
                .hasMessageContaining("column nodes must be a number, got 'eight hundred'");
        Path other = sweep("other", List.of(row(1, "spiralshard", 3000, 600, "protocol.shardSize")));
        assertThatThrownBy(() -> SweepMerge.read(List.of(good, other))).hasMessageContaining("different x keys")
                .hasMessageContaining("'nodes' and 'protocol.shardSize'");
        assertThatThrownBy(() -> SweepMerge.read(List.of())).hasMessageContaining("no sweep");
    }
}

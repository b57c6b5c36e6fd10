package org.spindle.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.sim.sweep.Sweep;
import org.spindle.sim.sweep.SweepRow;
import picocli.CommandLine;

class ChartCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        ChartCommand cmd = new ChartCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }

    private Path sweep(String name, String protocol, double tps) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Sweep.writeCsv(List.of(new SweepRow(1, protocol + "-800", protocol + "-800.yaml", protocol, 1, 800, "nodes",
                800, tps, tps, 1000, 2000, 3000, 900, 2500, 12, 1500, "ok", "")), d.resolve(Sweep.CSV));
        return d;
    }

    @Test
    void twoSweepsAreMergedIntoOneCsvAndTheirChartsWithATable() throws Exception {
        Path a = sweep("spiral", "spiralshard", 300);
        Path b = sweep("baseline", "baseline", 40);
        Path fig = dir.resolve("fig6");
        assertThat(run(a.toString(), b.toString(), "--out", fig.toString())).as(err.toString()).isZero();
        assertThat(fig.resolve(Sweep.CSV)).exists();
        assertThat(fig.resolve(Sweep.TPS_PNG)).exists();
        assertThat(fig.resolve(Sweep.LATENCY_PNG)).exists();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("steady tps").contains("spiralshard").contains("baseline")
                .contains("2 runs from 2 sweeps written to " + fig);
    }

    @Test
    void badInputIsNamedAndNothingIsWritten() throws Exception {
        Path fig = dir.resolve("fig");
        assertThat(run(dir.resolve("missing").toString(), "--out", fig.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("spindle chart: ").contains("no such file");
        assertThat(fig).doesNotExist();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(run(sweep("s", "baseline", 1).toString(), "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is a file, not a directory");
        assertThat(run("--out", fig.toString())).as("a sweep is required").isEqualTo(2);
    }
}

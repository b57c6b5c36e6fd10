package org.spindle.cli.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spindle.sim.sweep.Sweep;
import org.spindle.sim.sweep.SweepMerge;
import org.spindle.sim.sweep.SweepRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spindle chart}: earlier sweeps' rows in one sweep.csv and one set of charts. */
@Command(name = "chart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Merge the results of earlier sweeps into DIR/sweep.csv and draw DIR/tps.png and DIR/latency.png "
                    + "from them, one line per protocol: for runs made apart (in two JVMs, on two machines, or a "
                    + "protocol added later) that belong on one figure. With one sweep it draws its charts again.",
            "Rows keep their order, sweep by sweep, and are numbered again from 1. Every input must be a "
                    + "sweep.csv of this version, and all rows must have the same x key; otherwise nothing is "
                    + "written."},
        footer = {"", "Example:",
            "  spindle sweep 'scenarios/spiralshard-table2-*.yaml' --out spiral",
            "  spindle sweep 'scenarios/baseline-spiralshard-table2-*.yaml' --out baseline",
            "  spindle chart spiral baseline --out fig6"})
public final class ChartCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SWEEP",
            description = "Sweep directories (their sweep.csv) or sweep.csv files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the merged sweep.csv, tps.png and latency.png go (created if missing).")
    Path out;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public ChartCommand() {
        this(System.out, System.err);
    }

    public ChartCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            stderr.println("spindle chart: --out " + out + " is a file, not a directory");
            return 2;
        }
        List<SweepRow> rows;
        try {
            rows = SweepMerge.read(inputs);
        } catch (SweepMerge.BadInput e) {
            stderr.println("spindle chart: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            stderr.println("spindle chart: cannot read a sweep: " + e.getMessage());
            return 1;
        }
        List<Path> charts;
        try {
            charts = SweepMerge.write(rows, out);
        } catch (IOException e) {
            stderr.println("spindle chart: cannot write to " + out + ": " + e.getMessage());
            return 1;
        }
        SweepCommand.printTable(stdout, rows);
        List<String> files = new ArrayList<>(List.of(Sweep.CSV));
        charts.forEach(p -> files.add(p.getFileName().toString()));
        stdout.println(rows.size() + " runs from " + inputs.size() + " sweeps written to " + out + " ("
                + String.join(", ", files) + ")");
        return 0;
    }
}

package org.spindle.sim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spindle.sim.report.chart.CsvTable;

/**
 * Puts the rows of earlier sweeps into one {@code sweep.csv} and draws its charts, so runs made
 * apart (two JVMs, two machines, a protocol added later) land on one figure. Rows keep their
 * order, input by input, and are numbered again from 1; every input must be a {@code sweep.csv}
 * with this version's columns and all rows must share one x key, or nothing is written.
 */
public final class SweepMerge {
    private SweepMerge() {}

    /** Thrown for an input that is not a readable sweep of this version; the message names it. */
    public static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    /** A sweep directory stands for its {@code sweep.csv}; any other path is read as the file itself. */
    public static Path csvOf(Path input) {
        return Files.isDirectory(input) ? input.resolve(Sweep.CSV) : input;
    }

    /** Reads every input's rows, in order, numbered again from 1. */
    public static List<SweepRow> read(List<Path> inputs) throws BadInput, IOException {
        if (inputs.isEmpty()) {
            throw new BadInput("no sweep to merge");
        }
        List<SweepRow> rows = new ArrayList<>();
        for (Path input : inputs) {
            Path csv = csvOf(input);
            CsvTable t;
            try {
                t = CsvTable.read(csv);
            } catch (NoSuchFileException e) {
                throw new BadInput(csv + ": no such file (give a sweep directory or its sweep.csv)");
            }
            if (!t.header().equals(SweepRow.COLUMNS)) {
                throw new BadInput(csv + ": not a sweep.csv of this version: its columns are " + t.header()
                        + ", expected " + SweepRow.COLUMNS);
            }
            for (int i = 0; i < t.rowCount(); i++) {
                try {
                    rows.add(SweepRow.fromCsv(t, i, rows.size() + 1));
                } catch (IllegalArgumentException e) {
                    throw new BadInput(csv + ": row " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        String xKey = rows.isEmpty() ? null : rows.getFirst().xKey();
        for (SweepRow r : rows) {
            if (!r.xKey().equals(xKey)) {
                throw new BadInput("the sweeps have different x keys ('" + xKey + "' and '" + r.xKey()
                        + "'): rows on one chart need one x axis");
            }
        }
        return rows;
    }

    /** Writes {@code out/sweep.csv} with {@code rows} and draws the charts; returns the charts drawn. */
    public static List<Path> write(List<SweepRow> rows, Path out) throws IOException {
        Files.createDirectories(out);
        Sweep.writeCsv(rows, out.resolve(Sweep.CSV));
        String xKey = rows.isEmpty() ? "nodes" : rows.getFirst().xKey();
        List<Path> charts = new ArrayList<>();
        Sweep.tpsChart(xKey).draw(out).ifPresent(charts::add);
        Sweep.latencyChart(xKey).draw(out).ifPresent(charts::add);
        return charts;
    }
}

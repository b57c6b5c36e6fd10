package org.spindle.sim.report.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A chart drawn from one result CSV: its panels stacked in one PNG written beside the CSV. */
public record CsvChart(String csvFile, String pngFile, List<Panel> panels) {
    public CsvChart {
        Objects.requireNonNull(csvFile, "csvFile");
        Objects.requireNonNull(pngFile, "pngFile");
        if (!pngFile.endsWith(".png")) {
            throw new IllegalArgumentException("a chart file must end in .png, got " + pngFile);
        }
        panels = List.copyOf(panels);
    }

    /** {@code name.csv} drawn into {@code name.png}. */
    public static CsvChart of(String csvFile, Panel... panels) {
        return new CsvChart(csvFile, csvFile.replaceFirst("\\.csv$", "") + ".png", List.of(panels));
    }

    /** The panels for {@code table}, empty ones included. */
    public List<Chart> charts(CsvTable table) {
        List<Chart> out = new ArrayList<>();
        for (Panel p : panels) {
            out.add(p.chart(table));
        }
        return out;
    }

    /**
     * Draws the chart if {@code dir} holds the CSV and it yields at least one point; returns the
     * PNG written, or empty when there was nothing to draw.
     */
    public Optional<Path> draw(Path dir) throws IOException {
        Path csv = dir.resolve(csvFile);
        if (!Files.isRegularFile(csv)) {
            return Optional.empty();
        }
        Path png = dir.resolve(pngFile);
        return PngCharts.write(charts(CsvTable.read(csv)), png) ? Optional.of(png) : Optional.empty();
    }
}

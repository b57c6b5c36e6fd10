package org.spindle.sim.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How one chart panel is read from a CSV table. A column the table lacks gives no series (and a
 * panel without series is not drawn), so a CSV whose columns change loses a chart, not the run.
 */
public sealed interface Panel {
    /** The chart this panel draws from {@code table}; it may be empty. */
    Chart chart(CsvTable table);

    /** A y column and the name its series gets in the legend. */
    record YColumn(String column, String name) {
        public YColumn {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A wide table: one x column, and one series per y column (e.g. per-epoch CSVs). x values are
     * multiplied by {@code xScale} (1e-6 turns microseconds into seconds).
     */
    record Columns(String title, String xColumn, Axis xAxis, double xScale, List<YColumn> ys, Axis yAxis,
            Chart.Style style) implements Panel {
        public Columns {
            ys = List.copyOf(ys);
        }

        public static Columns of(String title, String xColumn, Axis xAxis, Axis yAxis, YColumn... ys) {
            return new Columns(title, xColumn, xAxis, 1.0, List.of(ys), yAxis, Chart.Style.LINE);
        }

        @Override
        public Chart chart(CsvTable table) {
            List<Series> series = new ArrayList<>();
            if (table.hasColumn(xColumn)) {
                double[] x = scaled(table.doubles(xColumn), xScale);
                for (YColumn y : ys) {
                    if (table.hasColumn(y.column())) {
                        series.add(new Series(y.name(), x, table.doubles(y.column())));
                    }
                }
            }
            return new Chart(title, xAxis, yAxis, series, style);
        }
    }

    /**
     * A long table: one series per distinct value of {@code keyColumn} that matches
     * {@code keyPattern} (in name order, at most {@code maxSeries}), each plotting {@code yColumn}
     * against {@code xColumn} (e.g. {@code series.csv}: name, micros, value; or a sweep's rows by
     * protocol).
     */
    record Grouped(String title, String keyColumn, Pattern keyPattern, int maxSeries, String xColumn, Axis xAxis,
            double xScale, String yColumn, Axis yAxis, Chart.Style style) implements Panel {
        public Grouped {
            Objects.requireNonNull(keyPattern, "keyPattern");
            if (maxSeries <= 0) {
                throw new IllegalArgumentException("maxSeries must be positive, got " + maxSeries);
            }
        }

        @Override
        public Chart chart(CsvTable table) {
            List<Series> series = new ArrayList<>();
            if (table.hasColumn(keyColumn) && table.hasColumn(xColumn) && table.hasColumn(yColumn)) {
                List<String> keys = table.strings(keyColumn);
                double[] x = scaled(table.doubles(xColumn), xScale);
                double[] y = table.doubles(yColumn);
                Map<String, List<Integer>> rowsByKey = new TreeMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    if (keyPattern.matcher(keys.get(i)).matches()) {
                        rowsByKey.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(i);
                    }
                }
                for (Map.Entry<String, List<Integer>> e : rowsByKey.entrySet()) {
                    if (series.size() == maxSeries) {
                        break;
                    }
                    List<Integer> rows = e.getValue();
                    double[] sx = new double[rows.size()];
                    double[] sy = new double[rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        sx[i] = x[rows.get(i)];
                        sy[i] = y[rows.get(i)];
                    }
                    series.add(new Series(e.getKey(), sx, sy));
                }
            }
            return new Chart(title, xAxis, yAxis, series, style);
        }
    }

    private static double[] scaled(double[] v, double factor) {
        if (factor == 1.0) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }
}

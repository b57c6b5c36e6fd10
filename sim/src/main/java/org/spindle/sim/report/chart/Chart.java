package org.spindle.sim.report.chart;

import java.util.List;
import java.util.Objects;

/** One chart panel: a title, two axes and its series in drawing (and legend) order. */
public record Chart(String title, Axis xAxis, Axis yAxis, List<Series> series, Style style) {
    /** Lines join the points in x order; scatter draws the points alone. */
    public enum Style { LINE, SCATTER }

    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(yAxis, "yAxis");
        Objects.requireNonNull(style, "style");
        series = List.copyOf(series);
        long names = series.stream().map(Series::name).distinct().count();
        if (names != series.size()) {
            throw new IllegalArgumentException("chart '" + title + "' has two series with one name");
        }
    }

    /** True when no series has a point: such a chart is not drawn. */
    public boolean isEmpty() {
        return series.stream().allMatch(Series::isEmpty);
    }
}

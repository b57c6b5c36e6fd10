package org.spindle.sim.report.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws charts into PNG files with XChart, panels stacked top to bottom in one image. Runs
 * headless: {@code java.awt.headless} is set before AWT starts, so no display is needed (a simulator
 * run on a server or in CI draws the same images).
 */
public final class PngCharts {
    public static final int PANEL_WIDTH = 900;
    public static final int PANEL_HEIGHT = 420;
    /** More points than this in one series are thinned to every k-th (the last kept): a PNG cannot show more. */
    public static final int MAX_POINTS_PER_SERIES = 4000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Tick labels with a leading zero and at most four decimals (XChart's default drops the 0 of 0.5). */
    private static final String DECIMALS = "#,##0.####";

    private PngCharts() {}

    /** Writes the non-empty panels to {@code png}; returns false (and writes nothing) if all are empty. */
    public static boolean write(List<Chart> panels, Path png) throws IOException {
        byte[] bytes = render(panels);
        if (bytes.length == 0) {
            return false;
        }
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        Files.write(png, bytes);
        return true;
    }

    /** The PNG bytes of the non-empty panels, or no bytes when every panel is empty. */
    public static byte[] render(List<Chart> panels) throws IOException {
        List<XYChart> drawn = new ArrayList<>();
        for (Chart c : panels) {
            if (!c.isEmpty()) {
                drawn.add(toXChart(c));
            }
        }
        if (drawn.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (drawn.size() == 1) {
            BitmapEncoder.saveBitmap(drawn.getFirst(), out, BitmapEncoder.BitmapFormat.PNG);
        } else {
            BitmapEncoder.saveBitmap(drawn, drawn.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return out.toByteArray();
    }

    private static XYChart toXChart(Chart c) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(c.title())
                .xAxisTitle(c.xAxis().title()).yAxisTitle(c.yAxis().title()).build();
        chart.getStyler()
                .setDefaultSeriesRenderStyle(c.style() == Chart.Style.LINE
                        ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter)
                .setMarkerSize(c.style() == Chart.Style.LINE ? 4 : 6)
                .setLegendVisible(true) // even one series: its name says what is drawn
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLocale(Locale.ROOT); // the same digits whatever the machine's locale
        chart.getStyler().setXAxisDecimalPattern(DECIMALS).setYAxisDecimalPattern(DECIMALS);
        for (Series s : c.series()) {
            if (s.isEmpty()) {
                continue;
            }
            Series drawn = thinned(c.style() == Chart.Style.LINE ? s.sortedByX() : s);
            chart.addSeries(s.name(), drawn.x(), drawn.y());
        }
        return chart;
    }

    static Series thinned(Series s) {
        int n = s.size();
        if (n <= MAX_POINTS_PER_SERIES) {
            return s;
        }
        int stride = (n + MAX_POINTS_PER_SERIES - 1) / MAX_POINTS_PER_SERIES;
        double[] x = s.x();
        double[] y = s.y();
        int m = (n - 1) / stride + 1 + ((n - 1) % stride == 0 ? 0 : 1);
        double[] tx = new double[m];
        double[] ty = new double[m];
        int j = 0;
        for (int i = 0; i < n; i += stride) {
            tx[j] = x[i];
            ty[j] = y[i];
            j++;
        }
        if (j < m) {
            tx[j] = x[n - 1];
            ty[j] = y[n - 1];
        }
        return new Series(s.name(), tx, ty);
    }
}

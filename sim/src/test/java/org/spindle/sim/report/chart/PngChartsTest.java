package org.spindle.sim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngChartsTest {
    @TempDir
    Path dir;

    private static Chart line(String title, Series... series) {
        return new Chart(title, Axis.of("epoch", ""), Axis.of("throughput", "tx/s"), List.of(series), Chart.Style.LINE);
    }

    private static Series ramp(String name, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 100 + 10.0 * i * i;
        }
        return new Series(name, x, y);
    }

    @Test
    void oneChartBecomesAPngOfOnePanelsSizeDrawnWithoutADisplay() throws Exception {
        Path png = dir.resolve("one.png");
        assertThat(PngCharts.write(List.of(line("Throughput per epoch", ramp("tps", 20))), png)).isTrue();
        BufferedImage img = Png.check(png);
        assertThat(img.getWidth()).isEqualTo(PngCharts.PANEL_WIDTH);
        assertThat(img.getHeight()).isEqualTo(PngCharts.PANEL_HEIGHT);
        assertThat(GraphicsEnvironment.isHeadless()).as("charts are drawn headless").isTrue();
    }

    @Test
    void panelsAreStackedTopToBottomAndEmptyPanelsAreLeftOut() throws Exception {
        Chart scatter = new Chart("Silent ratio", Axis.of("epoch", ""), Axis.of("ratio", ""),
                List.of(ramp("a", 5), ramp("b", 7)), Chart.Style.SCATTER);
        Chart empty = line("nothing", new Series("none", new double[0], new double[0]));
        BufferedImage img = Png.check(PngCharts.render(List.of(line("t", ramp("tps", 10)), empty, scatter)));
        assertThat(img.getWidth()).isEqualTo(PngCharts.PANEL_WIDTH);
        assertThat(img.getHeight()).isEqualTo(2 * PngCharts.PANEL_HEIGHT);
    }

    @Test
    void chartsWithoutAnyPointWriteNoFile() throws Exception {
        Path png = dir.resolve("none.png");
        Series nan = new Series("missing", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN});
        assertThat(PngCharts.write(List.of(line("t", nan)), png)).isFalse();
        assertThat(png).doesNotExist();
    }

    @Test
    void theSameChartRendersToTheSameBytes() throws Exception {
        List<Chart> charts = List.of(line("Throughput per epoch", ramp("tps", 30), ramp("other", 12)));
        assertThat(PngCharts.render(charts)).isEqualTo(PngCharts.render(charts));
    }

    @Test
    void hugeSeriesAreThinnedButKeepTheirFirstAndLastPoints() throws Exception {
        Series big = ramp("big", 3 * PngCharts.MAX_POINTS_PER_SERIES + 7);
        Series thin = PngCharts.thinned(big);
        assertThat(thin.size()).isLessThanOrEqualTo(PngCharts.MAX_POINTS_PER_SERIES + 1).isGreaterThan(1000);
        assertThat(thin.x()[0]).isEqualTo(big.x()[0]);
        assertThat(thin.x()[thin.size() - 1]).isEqualTo(big.x()[big.size() - 1]);
        Png.check(PngCharts.render(List.of(line("big", big))));
    }
}

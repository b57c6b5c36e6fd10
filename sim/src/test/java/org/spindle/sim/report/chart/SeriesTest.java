package org.spindle.sim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void pointsWithAMissingValueAreLeftOut() {
        Series s = new Series("s", new double[] {0, 1, Double.NaN, 3}, new double[] {5, Double.NaN, 7, 8});
        assertThat(s.x()).containsExactly(0, 3);
        assertThat(s.y()).containsExactly(5, 8);
    }

    @Test
    void sortingByXKeepsEachYWithItsX() {
        Series s = new Series("s", new double[] {3, 1, 2}, new double[] {30, 10, 20}).sortedByX();
        assertThat(s.x()).containsExactly(1, 2, 3);
        assertThat(s.y()).containsExactly(10, 20, 30);
    }

    @Test
    void unequalLengthsAndDuplicateNamesAreRefused() {
        assertThatThrownBy(() -> new Series("s", new double[] {1}, new double[0]))
                .hasMessageContaining("1 x values but 0 y values");
        Series a = new Series("a", new double[] {1}, new double[] {1});
        assertThatThrownBy(() -> new Chart("t", Axis.of("x", ""), Axis.of("y", ""), List.of(a, a), Chart.Style.LINE))
                .hasMessageContaining("two series with one name");
    }

    @Test
    void anAxisTitleCarriesItsUnit() {
        assertThat(Axis.of("throughput", "tx/s").title()).isEqualTo("throughput (tx/s)");
        assertThat(Axis.of("epoch", "").title()).isEqualTo("epoch");
    }
}

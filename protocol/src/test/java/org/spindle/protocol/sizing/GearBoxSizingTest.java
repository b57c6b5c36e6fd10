package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.sizing.GearBoxSizing.Gear;
import org.spindle.protocol.sizing.GearBoxSizing.Setup;

class GearBoxSizingTest {

    @Test
    void gearSizesAreReproducedFromTheBinomialTailAtTenToTheMinusNine() {
        List<Gear> gears = GearBoxSizing.gearSizes(0.33, 1e-9, GearBoxSizing.LIVENESS_THRESHOLDS);
        assertThat(gears).extracting(Gear::size).containsExactly(26, 39, 50, 63, 293);
        assertThat(gears.subList(0, 4)).extracting(g -> String.format(Locale.ROOT, "%.2e", g.failure()))
                .containsExactly("4.22e-10", "4.06e-10", "5.90e-10", "5.09e-10");
    }

    @Test
    void aFortyNinePercentGearWouldHave257Nodes() {
        assertThat(GearBoxSizing.gearSizes(0.33, 1e-9, List.of(0.49))).extracting(Gear::size).containsExactly(257);
    }

    @Test
    void timeBoundsPerGearMatchTheLatencyModel() {
        assertThat(GearBoxSizing.PAPER_GEARS.stream().map(GearBoxSizing::timeBound).toList())
                .satisfiesExactly(
                        t -> assertThat(t).isCloseTo(55.12, within(1e-9)),
                        t -> assertThat(t).isCloseTo(82.68, within(1e-9)),
                        t -> assertThat(t).isCloseTo(106.0, within(1e-9)),
                        t -> assertThat(t).isCloseTo(133.56, within(1e-9)),
                        t -> assertThat(t).isCloseTo(621.16, within(1e-9)));
    }

    @Test
    void notebookThroughputFormulaGivesThePapersFigures() {
        assertThat(GearBoxSizing.throughput(5000, 26, 50, 1.253)).isCloseTo(5930.61, within(0.01));
        assertThat(GearBoxSizing.throughput(5000, 26, 63, 1.744)).isCloseTo(3381.68, within(0.01));
        assertThat(GearBoxSizing.throughput(5000, 26, 293, 5.708)).isCloseTo(222.16, within(0.01));
    }

    @Test
    void expectedGearSharesAgreeWithTheNotebooksRunsWithinSamplingNoise() {
        // One 1000-run sample from the notebook, in percent; the standard error of each share is < 0.12 points.
        assertShares(0.10, new double[] {51.05, 47.11, 1.84, 0, 0});
        assertShares(0.20, new double[] {8.29, 42.97, 39.75, 8.68, 0.31});
        assertShares(0.30, new double[] {0.66, 6.55, 20.49, 33.41, 38.89});
        assertShares(0.33, new double[] {0.27, 2.85, 10.75, 23.35, 62.77});
    }

    private static void assertShares(double pa, double[] percent) {
        List<Double> expected = GearBoxSizing.expectedShares(Setup.paper(5000, pa, 293));
        for (int i = 0; i < percent.length; i++) {
            assertThat(expected.get(i) * 100).as("Pa=%s gear %d", pa, i).isCloseTo(percent[i], within(0.6));
        }
    }

    @Test
    void settlingSimulationIsReproducibleAndNearItsExpectation() {
        Setup setup = Setup.paper(5000, 0.20, 293);
        var a = GearBoxSizing.settle(setup, 50, 7);
        var b = GearBoxSizing.settle(setup, 50, 7);
        assertThat(a).isEqualTo(b);
        for (int i = 0; i < 5; i++) {
            assertThat(a.gearShare().get(i)).isCloseTo(a.expectedGearShare().get(i), within(0.02));
        }
        assertThat(a.meanSize()).isCloseTo(a.expectedMeanSize(), within(2.0));
        assertThat(a.expectedMeanSize()).isCloseTo(45.17, within(0.6));
        assertThat(a.overlap()).isEqualTo(a.meanSize() / 26);
    }

    @Test
    void theLargestGearCanBeSetToTheCaptionsControlShardSize() {
        Setup setup = Setup.paper(5000, 0.33, GearBoxSizing.CAPTION_LARGEST_GEAR);
        var s = GearBoxSizing.settle(setup, 5, 1);
        assertThat(s.largestGearUsed()).isEqualTo(329);
        assertThat(s.maxTimeBound()).isCloseTo(697.48, within(1e-9));
    }

    @Test
    void inputsOutsideTheirDomainAreRejected() {
        assertThatThrownBy(() -> Setup.paper(5000, 1.0, 293)).hasMessageContaining("adversary");
        assertThatThrownBy(() -> Setup.paper(100, 0.1, 293)).hasMessageContaining("gear size");
        assertThatThrownBy(() -> GearBoxSizing.settle(Setup.paper(5000, 0.1, 293), 0, 1)).hasMessageContaining("runs");
    }
}

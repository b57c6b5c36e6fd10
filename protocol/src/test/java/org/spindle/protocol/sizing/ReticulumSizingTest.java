package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReticulumSizingTest {
    private static final ThresholdRule TIE = ThresholdRule.TIE_FAILS;

    @Test
    void tableOneIsReproducedCellByCell() {
        var table = ReticulumSizing.table1(TIE);
        List<List<String>> expected = List.of(
                List.of("7&27", "8&41", "9&63", "10&105", "11&149"),
                List.of("8&35", "9&51", "10&79", "12&131", "13&185"),
                List.of("9&41", "11&61", "12&95", "14&155", "15&221"));
        assertThat(table.cells().stream().map(r -> r.stream().map(Object::toString).toList()).toList()).isEqualTo(expected);
        assertThat(table.columns()).containsExactly("15%", "20%", "25%", "30%", "33%");
    }

    @Test
    void tableTwoIsReproducedCellByCell() {
        var table = ReticulumSizing.table2(TIE);
        List<List<String>> expected = List.of(
                List.of("15&221", "15&221", "17&257", "17&257", "19&293"),
                List.of("17&257", "17&257", "19&293", "19&293", "21&329"),
                List.of("19&293", "19&293", "21&329", "21&329", "23&367"));
        assertThat(table.cells().stream().map(r -> r.stream().map(Object::toString).toList()).toList()).isEqualTo(expected);
    }

    @Test
    void tableTwoPicksThePowersOfTenTheSpecNames() {
        assertThat(ReticulumSizing.plan(500, 0.33, 1e-5, TIE).perShardFailure()).isEqualTo(1e-7);
        assertThat(ReticulumSizing.plan(1000, 0.33, 1e-5, TIE).perShardFailure()).isEqualTo(1e-7);
        assertThat(ReticulumSizing.plan(5000, 0.33, 1e-5, TIE).perShardFailure()).isEqualTo(1e-8);
        assertThat(ReticulumSizing.plan(10000, 0.33, 1e-5, TIE).perShardFailure()).isEqualTo(1e-8);
        assertThat(ReticulumSizing.plan(20000, 0.33, 1e-5, TIE).perShardFailure()).isEqualTo(1e-9);
    }

    @Test
    void thePaperConfigurationComesFromAlgorithmFourAtTenToTheMinusSeven() {
        var plan = ReticulumSizing.plan(5000, 0.33, 1e-7, TIE);
        assertThat(plan.processShardSize()).isEqualTo(21);
        assertThat(plan.controlShardSize()).isEqualTo(329);
        assertThat(plan.processShards()).isEqualTo(238);
        assertThat(plan.controlShards()).isEqualTo(15);
        assertThat(plan.perShardFailure()).isEqualTo(1e-10);
        assertThat(plan.designBound()).isCloseTo(2.53e-8, Percentage.withPercentage(1e-6));
        assertThat(plan.failureBound()).isLessThanOrEqualTo(plan.designBound()).isLessThan(1e-7);
    }

    @ParameterizedTest(name = "P[Bin({0}, 0.33) >= ceil(n/2)] = {1}")
    @CsvSource({"149, 9.113e-6", "185, 9.042e-7", "221, 9.121e-8", "257, 9.310e-9", "293, 9.587e-10", "329, 9.940e-11", "367, 9.142e-12"})
    void controlShardTailsMatchTheSpecsTestVectors(int size, double tail) {
        assertThat(ReticulumSizing.controlShardFailure(0.33, size, TIE)).isCloseTo(tail, Percentage.withPercentage(0.01));
    }

    @Test
    void processShardFailuresMatchTheSpecsPowers() {
        assertThat(ReticulumSizing.processShardFailure(0.33, 15)).isCloseTo(5.994e-8, Percentage.withPercentage(0.01));
        assertThat(ReticulumSizing.processShardFailure(0.33, 19)).isCloseTo(7.108e-10, Percentage.withPercentage(0.01));
        assertThat(ReticulumSizing.processShardFailure(0.33, 21)).isCloseTo(7.741e-11, Percentage.withPercentage(0.01));
    }

    @Test
    void equationThreeReadLiterallyGivesTheSmallerEvenSizes() {
        assertThat(ReticulumSizing.controlShardSize(0.33, 1e-7, ThresholdRule.STRICTLY_MORE)).isEqualTo(214);
        assertThat(ReticulumSizing.controlShardSize(0.33, 1e-5, ThresholdRule.STRICTLY_MORE)).isEqualTo(142);
    }

    @Test
    void leavingOutTheAllAdversarialTermAsTheNotebookDoesChangesNoTableCell() {
        for (double pa : ReticulumSizing.TABLE1_ADVERSARY) {
            for (double pf : List.of(1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11)) {
                int nc = ReticulumSizing.controlShardSize(pa, pf, TIE);
                double withoutLast = ReticulumSizing.controlShardFailure(pa, nc - 1, TIE)
                        - Tails.binomialMass(nc - 1, pa, nc - 1);
                assertThat(withoutLast).as("Pa=%s Pf=%s Nc=%d", pa, pf, nc).isGreaterThanOrEqualTo(pf);
            }
        }
    }

    @ParameterizedTest(name = "Np={0}, Rp={1} -> tau={2}")
    @CsvSource({"15, 0.40, 24", "15, 0.70, 47", "15, 0.90, 140", "15, 0.75, 56", "15, 0.80, 70", "15, 0.85, 94",
        "15, 0.95, 280", "21, 0.50, 40", "21, 0.95, 400"})
    void equationSixExamplesGiveThePapersTau(int np, double rate, long tau) {
        assertThat(ReticulumSizing.minimalTau(np, rate)).isEqualTo(tau);
        assertThat(ReticulumSizing.worstCaseSuccessRate(np, tau)).isGreaterThanOrEqualTo(rate - 1e-12);
        if (tau > np) {
            assertThat(ReticulumSizing.worstCaseSuccessRate(np, tau - 1)).isLessThan(rate - 1e-12);
        }
    }

    @Test
    void tauOfFourHundredElevenGivesAboutNinetyFivePercent() {
        assertThat(ReticulumSizing.worstCaseSuccessRate(21, 40)).isEqualTo(0.5);
        assertThat(ReticulumSizing.worstCaseSuccessRate(21, 411)).isCloseTo(0.951, within(0.0005));
    }

    @Test
    void secondPhaseBoundFollowsEquationOne() {
        assertThat(ReticulumSizing.secondPhaseBound(50, 329, 21, 0)).isEqualTo(800.0);
        assertThat(ReticulumSizing.secondPhaseBound(50, 329, 21, 15)).isEqualTo(50.0);
        assertThatThrownBy(() -> ReticulumSizing.secondPhaseBound(50, 329, 21, 16)).hasMessageContaining("succeeded");
    }

    @Test
    void sizesAreRejectedWhenTheNetworkIsTooSmall() {
        assertThatThrownBy(() -> ReticulumSizing.plan(100, 0.33, 1e-7, TIE)).hasMessageContaining("nodes");
        assertThatThrownBy(() -> ReticulumSizing.minimalTau(15, 1.0)).hasMessageContaining("success rate");
    }

    @Test
    void processShardSizeIsNotRoundedUpByFloatingPointNoise() {
        assertThat(ReticulumSizing.processShardSize(0.1, 1e-5)).isEqualTo(5);
    }
}

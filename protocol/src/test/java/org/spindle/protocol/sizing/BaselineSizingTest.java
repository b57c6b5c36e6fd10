package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spindle.protocol.sizing.BaselineSizing.Model;
import org.spindle.protocol.sizing.BaselineSizing.Query;

class BaselineSizingTest {

    /** gearbox-and-baseline.md §3, "Reference values", N = 5000, per-shard target. */
    @ParameterizedTest(name = "f={0} {1} {2} target {3} -> {4}")
    @CsvSource({
        "0.33, SYNC, TIE_FAILS, 7.62939453125e-6, 149",
        "0.33, SYNC, TIE_FAILS, 1e-7, 211",
        "0.33, SYNC, TIE_FAILS, 1e-9, 277",
        "0.33, SYNC, STRICTLY_MORE, 7.62939453125e-6, 142",
        "0.33, SYNC, STRICTLY_MORE, 1e-7, 206",
        "0.33, SYNC, STRICTLY_MORE, 1e-9, 270",
        "0.25, PSYNC, TIE_FAILS, 7.62939453125e-6, 481",
        "0.25, PSYNC, TIE_FAILS, 1e-7, 664",
        "0.25, PSYNC, STRICTLY_MORE, 7.62939453125e-6, 471",
        "0.25, PSYNC, STRICTLY_MORE, 1e-7, 657",
    })
    void baselineShardSizesMatchTheSpecsReferenceTable(double f, Model model, ThresholdRule rule, double target, long size) {
        var result = BaselineSizing.size(new Query(5000, f, model, rule, target, false));
        assertThat(result.shardSize()).hasValue(size);
        assertThat(result.shardFailure()).isLessThan(target);
        // minimality: the size just below fails the target
        assertThat(BaselineSizing.shardFailure(5000, result.adversarialNodes(), size - 1, model, rule)).isGreaterThanOrEqualTo(target);
    }

    @Test
    void twoToTheMinusSeventeenIsTheValueUsedInTheTable() {
        assertThat(Math.pow(2, -17)).isEqualTo(7.62939453125e-6);
    }

    @Test
    void binomialFormGivesLargerSizesThanTheFinitePopulationForm() {
        var result = BaselineSizing.size(new Query(5000, 0.33, Model.SYNC, ThresholdRule.TIE_FAILS, 1e-9, false));
        assertThat(result.shardSize()).hasValue(277);
        assertThat(result.binomialShardSize()).hasValue(293);
    }

    @Test
    void reticulumsBaselineShardIsTheBinomialControlShardOf329() {
        var result = BaselineSizing.size(new Query(5000, 0.33, Model.SYNC, ThresholdRule.TIE_FAILS, 1e-10, false));
        assertThat(result.binomialShardSize()).hasValue(329);
    }

    @Test
    void aUnionBoundOverShardsNeedsLargerShards() {
        var perShard = BaselineSizing.size(new Query(5000, 0.33, Model.SYNC, ThresholdRule.TIE_FAILS, 1e-7, false));
        var union = BaselineSizing.size(new Query(5000, 0.33, Model.SYNC, ThresholdRule.TIE_FAILS, 1e-7, true));
        assertThat(union.shardSize().getAsLong()).isGreaterThan(perShard.shardSize().getAsLong());
        assertThat(union.systemFailure()).isLessThan(1e-7);
    }

    @Test
    void aThirdThresholdAgainstAThirdAdversaryNeedsAlmostTheWholeNetwork() {
        var result = BaselineSizing.size(new Query(5000, 0.33, Model.PSYNC, ThresholdRule.TIE_FAILS, 7.62939453125e-6, false));
        assertThat(result.shardSize().getAsLong()).isBetween(4800L, 5000L);
    }

    @Test
    void fractionsAndTargetsOutsideTheirDomainAreRejected() {
        assertThatThrownBy(() -> new Query(5000, 1.0, Model.SYNC, ThresholdRule.TIE_FAILS, 1e-7, false)).hasMessageContaining("adversary");
        assertThatThrownBy(() -> new Query(5000, 0.3, Model.SYNC, ThresholdRule.TIE_FAILS, 1.0, false)).hasMessageContaining("target");
        assertThatThrownBy(() -> new Query(0, 0.3, Model.SYNC, ThresholdRule.TIE_FAILS, 0.1, false)).hasMessageContaining("nodes");
    }
}

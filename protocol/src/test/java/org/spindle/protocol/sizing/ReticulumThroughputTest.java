package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spindle.protocol.sizing.ReticulumThroughput.Form;
import org.spindle.protocol.sizing.ReticulumThroughput.Parameters;

class ReticulumThroughputTest {
    private static final Parameters SEC_VD = Parameters.secVd();

    @ParameterizedTest(name = "Rp={0}")
    @CsvSource({
        "0.50, 400, 486, 132.038, 1980.58, 93.620",
        "0.60, 350, 436, 147.180, 2207.71, 76.907",
        "0.70, 250, 336, 190.984, 2864.76, 60.194",
        "0.80, 200, 286, 224.373, 3365.59, 43.480",
        "0.85, 150, 236, 271.910, 4078.64, 35.123",
        "0.90, 100, 186, 345.004, 5175.05, 26.767",
        "0.95, 50, 136, 471.843, 7077.65, 18.410",
    })
    void figureFiveRowsAreReproducedByTheNotebookForm(double rate, double t2, double epoch, double perShard, double overall, double storage) {
        var row = ReticulumThroughput.row(SEC_VD, rate, Form.NOTEBOOK);
        assertThat(row.t2()).isEqualTo(t2);
        assertThat(row.epochTime()).isEqualTo(epoch);
        assertThat(row.txPerSecondPerControlShard()).isCloseTo(perShard, within(0.0005));
        assertThat(row.txPerSecondOverall()).isCloseTo(overall, within(0.005));
        assertThat(row.storagePerTxKb()).isCloseTo(storage, within(0.001));
    }

    @Test
    void secVdDerivedNumbersMatchThePaper() {
        var d = ReticulumThroughput.derived(SEC_VD);
        assertThat(d.worstCaseT2()).isEqualTo(800.0);
        assertThat(d.uploadKbPerSecond()).isCloseTo(952.7089, within(0.00005));
        assertThat(d.t1Exact()).isCloseTo(85.14, within(0.005));
        assertThat(d.t1Rounded()).isEqualTo(86.0);
        assertThat(d.worstCaseEpoch()).isEqualTo(886.0);
        assertThat(d.bestCaseEpoch()).isEqualTo(136.0);
        assertThat(d.rapidchainEpochExact()).isCloseTo(697.24, within(0.005));
        assertThat(d.rapidchainEpochRounded()).isEqualTo(698.0);
        assertThat(d.rapidchainStoragePerTxKb()).isCloseTo(3608.03, within(0.005));
        assertThat(d.rapidchainTxPerSecondPerShard()).isCloseTo(88.022, within(0.001));
        assertThat(d.rapidchainTxPerSecondOverall()).isCloseTo(1320.33, within(0.02));
    }

    @Test
    void tauFortyAndFourHundredElevenGiveThePapersThroughputAndStorage() {
        var forty = ReticulumThroughput.row(SEC_VD, ReticulumSizing.worstCaseSuccessRate(21, 40), Form.NOTEBOOK);
        assertThat(forty.txPerSecondOverall()).isCloseTo(1980.5, within(0.1));
        assertThat(forty.storagePerTxKb()).isCloseTo(93.62, within(0.005));
        var ninetyFive = ReticulumThroughput.row(SEC_VD, 0.95, Form.NOTEBOOK);
        assertThat(ninetyFive.txPerSecondOverall()).isCloseTo(7077.645, within(0.005));
        assertThat(ninetyFive.storagePerTxKb()).isCloseTo(18.4099, within(0.00005));
        // τ = 411 gives Rp ≈ 95.1%: the same T2 (one failed-shard slot), hence the same throughput
        var tau411 = ReticulumThroughput.row(SEC_VD, ReticulumSizing.worstCaseSuccessRate(21, 411), Form.NOTEBOOK);
        assertThat(tau411.txPerSecondOverall()).isEqualTo(ninetyFive.txPerSecondOverall());
    }

    @Test
    void equationEightFollowsThePrintedFormulaWithWholeProcessShardsPerControlShard() {
        var notebook = ReticulumThroughput.row(SEC_VD, 0.5, Form.NOTEBOOK);
        var eq8 = ReticulumThroughput.row(SEC_VD, 0.5, Form.EQUATION_8);
        assertThat(eq8.txPerControlShard()).isEqualTo(15 * 4096.0);
        assertThat(eq8.storagePerTxKb()).isNotEqualTo(notebook.storagePerTxKb());
        assertThat(eq8.t2()).isEqualTo(400.0); // ⌊15 · 0.5⌋ = 7 failed shards, λ·(7 + 1)
        // (Bs·Nc + (Nc−Np)·state)·0.5 + Bs·Np·0.5 per shard, over 4096 tx
        double expected = (0.5 * (2048.0 * 329 + 308 * 256) + 0.5 * 2048 * 21) / 4096;
        assertThat(eq8.storagePerTxKb()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void throughputGrowsWithTheSuccessRate() {
        double previous = 0;
        for (double rate : ReticulumThroughput.FIG5_SUCCESS_RATES) {
            double now = ReticulumThroughput.row(SEC_VD, rate, Form.NOTEBOOK).txPerSecondOverall();
            assertThat(now).isGreaterThan(previous);
            previous = now;
        }
    }
}

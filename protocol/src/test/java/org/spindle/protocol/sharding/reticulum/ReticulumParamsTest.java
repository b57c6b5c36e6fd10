package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spindle.protocol.runtime.Time;

class ReticulumParamsTest {
    private static final ReticulumParams PAPER = new ReticulumParams(21, 329, Time.seconds(86), Time.seconds(50), 40);

    @Test
    void secondPhaseBoundFollowsEquationOneForThePapersSetting() {
        assertThat(PAPER.nominalGoverned()).isEqualTo(15);
        assertThat(PAPER.t2Micros(0)).isEqualTo(Time.seconds(800));
        assertThat(PAPER.t2Micros(10)).isEqualTo(Time.seconds(300));
        assertThat(PAPER.t2Micros(15)).isEqualTo(Time.seconds(50));
    }

    @Test
    void secondPhaseBoundNeverFallsBelowOneLambdaWhenAControlShardGovernsMoreThanTheNominalCount() {
        assertThat(PAPER.t2Micros(16)).isEqualTo(Time.seconds(50));
        assertThat(PAPER.t2Micros(18)).isEqualTo(Time.seconds(50));
    }

    @Test
    void livenessWindowShorterThanAProcessShardIsRefused() {
        assertThatThrownBy(() -> new ReticulumParams(21, 329, 1, 1, 20)).hasMessageContaining("τ must be at least Np");
        assertThatThrownBy(() -> new ReticulumParams(21, 20, 1, 1, 40)).hasMessageContaining("Np <= Nc");
    }
}

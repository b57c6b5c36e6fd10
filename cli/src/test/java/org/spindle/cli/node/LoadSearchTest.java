package org.spindle.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSearchTest {
    private static LoadCommand.Step step(int rate, int finals, double offered, long p99) {
        return new LoadCommand.Step(rate, rate * 10, offered, finals, finals, rate * 0.95, p99 / 2, p99, p99, 1000,
                Map.of());
    }

    private static LoadCommand.Step ok(int rate) {
        return step(rate, rate * 10, rate, 500);
    }

    @Test
    void aStepIsSustainedOnlyIfAllIsFinalTheRateWasOfferedAndP99IsWithinTheBound() {
        assertThat(ok(1000).sustained(2000)).isTrue();
        assertThat(step(1000, 9999, 1000, 500).sustained(2000)).as("one not final").isFalse();
        assertThat(step(1000, 10000, 900, 500).sustained(2000)).as("offered 10 % slower").isFalse();
        assertThat(step(1000, 10000, 1000, 2001).sustained(2000)).as("p99 over").isFalse();
    }

    @Test
    void theSearchClimbsByHalfThenBisectsAndStopsWithinFivePercent() {
        assertThat(LoadCommand.nextRate(List.of(ok(1000)), 2000)).isEqualTo(1500);
        assertThat(LoadCommand.nextRate(List.of(ok(1000), ok(1500)), 2000)).isEqualTo(2250);
        List<LoadCommand.Step> failed = List.of(ok(1000), ok(1500), step(2250, 20000, 2000, 9000));
        assertThat(LoadCommand.nextRate(failed, 2000)).isEqualTo(1875);
        assertThat(LoadCommand.nextRate(List.of(ok(1800), step(1850, 18500, 1850, 3000)), 2000)).isZero();
        assertThat(LoadCommand.nextRate(List.of(step(800, 8000, 800, 3000)), 2000)).isEqualTo(400);
    }
}

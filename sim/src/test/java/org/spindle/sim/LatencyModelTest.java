package org.spindle.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    private static long[] draw(LatencyModel m, int n) {
        SplittableRandom r = new SplittableRandom(5);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = m.sample(r);
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void fixedLatencyIsAlwaysTheSame() {
        assertThat(draw(new LatencyModel.Fixed(1234), 100)).containsOnly(1234L);
    }

    @Test
    void uniformLatencyStaysWithinItsBoundsAndReachesBoth() {
        long[] d = draw(new LatencyModel.Uniform(10, 20), 10_000);
        assertThat(d[0]).isEqualTo(10);
        assertThat(d[d.length - 1]).isEqualTo(20);
    }

    @Test
    void normalLatencyHasItsMeanAndIsNeverNegative() {
        long[] d = draw(new LatencyModel.Normal(50_000, 10_000), 20_000);
        assertThat(Arrays.stream(d).average().orElseThrow()).isCloseTo(50_000, org.assertj.core.data.Offset.offset(500.0));
        assertThat(draw(new LatencyModel.Normal(1_000, 5_000), 1_000)[0]).isZero();
    }

    @Test
    void logNormalLatencyHasItsMedian() {
        long[] d = draw(new LatencyModel.LogNormal(40_000, 0.5), 20_001);
        assertThat(d[10_000]).isBetween(39_000L, 41_000L);
        assertThat(d[19_000]).as("right-skewed tail").isGreaterThan(2 * 40_000L - 20_000L);
    }

    @Test
    void negativeParametersAreRejected() {
        assertThatThrownBy(() -> new LatencyModel.Fixed(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyModel.Uniform(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyModel.LogNormal(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

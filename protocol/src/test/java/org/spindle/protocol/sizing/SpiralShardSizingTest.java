package org.spindle.protocol.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spindle.protocol.sizing.SpiralShardSizing.Network;

class SpiralShardSizingTest {
    private static final double TARGET = SpiralShardSizing.NEGLIGIBLE_BOUND;

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** spiralshard.md §2 check table, f = 1/4, f_B = 1/8, printed to three significant digits. */
    @ParameterizedTest(name = "N={0} n={1} g={2}")
    @CsvSource({
        "800, 100, 4, 2, 1.79e-08, 4.31e-21, 3.91e-09, 4.36e-08",
        "1260, 105, 4, 3, 1.31e-06, 1.38e-20, 1.37e-08, 3.96e-06",
        "2000, 100, 5, 4, 6.05e-07, 5.03e-19, 3.81e-08, 2.57e-06",
        "3000, 100, 6, 5, 1.67e-07, 1.44e-18, 6.76e-08, 1.17e-06",
        "4200, 100, 6, 7, 4.41e-07, 2.33e-18, 8.37e-08, 3.67e-06",
    })
    void checkTableIsReproducedToThePrintedDigits(long nodes, int n, int g, long groups, String p1, String p2, String p3, String system) {
        var b = SpiralShardSizing.bounds(new Network(nodes, 0.25, 0.125), n, g, TARGET);
        assertThat(b.groups()).isEqualTo(groups);
        assertThat(sci(b.case1())).isEqualTo(p1);
        assertThat(sci(b.case2())).isEqualTo(p2);
        assertThat(sci(b.case3())).isEqualTo(p3);
        assertThat(sci(b.systemBound())).isEqualTo(system);
        assertThat(b.meetsTarget()).isTrue();
    }

    @ParameterizedTest(name = "baseline N={0} n={1}")
    @CsvSource({"800, 400, 3.58e-08", "1260, 420, 3.92e-06", "2000, 500, 2.42e-06", "3000, 600, 8.36e-07", "4200, 600, 3.09e-06"})
    void harmonyBaselineBoundsMatchTheSpec(long nodes, int n, String bound) {
        assertThat(sci(SpiralShardSizing.baselineSystemBound(new Network(nodes, 0.25, 0.125), n))).isEqualTo(bound);
    }

    @Test
    void theCaseSumsEqualASingleUniformShardsTail() {
        // The spec's Σ_x P[H(N,M,K)=x]·tail(K,x,n,t) against the closed form used by bounds().
        long nodes = 1260;
        long marked = 315;
        long group = 4 * 105;
        for (long t : new long[] {35, 70}) {
            double sum = SpiralShardSizing.mixedTail(nodes, marked, group, 105, t);
            double closed = SpiralShardSizing.shardTail(nodes, marked, 105, t);
            assertThat(sum).isCloseTo(closed, Percentage.withPercentage(1e-7));
        }
    }

    @Test
    void searchFindsTheConfigurationWithTheMostShardsUnderTheBound() {
        var net = new Network(3000, 0.25, 0.125);
        var best = SpiralShardSizing.search(net, TARGET, Integer.MAX_VALUE).orElseThrow();
        assertThat(best.meetsTarget()).isTrue();
        assertThat(best.shards() % best.groupSize()).isZero();
        // The paper's 30 shards of 100 in groups of 6 meet the bound, so the search does at least as well.
        assertThat(best.shards()).isGreaterThanOrEqualTo(30);
        // No shard count above the one found works with any group size that divides it.
        long more = best.shards() + 1;
        while (3000 / (3000 / more) != more) {
            more++;
        }
        int size = (int) (3000 / more);
        for (int g = 1; g <= more; g++) {
            if (more % g == 0) {
                assertThat(SpiralShardSizing.bounds(net, size, g, TARGET).meetsTarget()).as("n=%d g=%d", size, g).isFalse();
            }
        }
    }

    @Test
    void searchForTwentyThousandNodesRunsInteractively() {
        var best = SpiralShardSizing.search(new Network(20000, 0.25, 0.125), TARGET, Integer.MAX_VALUE).orElseThrow();
        assertThat(best.systemBound()).isLessThan(TARGET);
        assertThat(best.shards()).isGreaterThan(20000 / 600);
        var capped = SpiralShardSizing.search(new Network(20000, 0.25, 0.125), TARGET, 10).orElseThrow();
        assertThat(capped.groupSize()).isLessThanOrEqualTo(10);
        assertThat(capped.shards()).isLessThanOrEqualTo(best.shards());
        assertThat(capped.meetsTarget()).isTrue();
    }

    @Test
    void inputsOutsideTheirDomainAreRejected() {
        var net = new Network(800, 0.25, 0.125);
        assertThatThrownBy(() -> SpiralShardSizing.bounds(net, 801, 1, TARGET)).hasMessageContaining("shard size");
        assertThatThrownBy(() -> SpiralShardSizing.bounds(net, 100, 9, TARGET)).hasMessageContaining("group size");
        assertThatThrownBy(() -> new Network(800, 0.25, 0.3)).hasMessageContaining("byzantine");
        assertThatThrownBy(() -> new Network(800, 1.25, 0.1)).hasMessageContaining("malicious");
    }
}

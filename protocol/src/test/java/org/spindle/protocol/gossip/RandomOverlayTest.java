package org.spindle.protocol.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RandomOverlayTest {
    @Property(tries = 30)
    void everyNodeHasExactlyDegreeDistinctNeighboursAndEdgesAreSymmetric(
            @ForAll @IntRange(min = 12, max = 400) int nodes, @ForAll @IntRange(min = 1, max = 4) int half,
            @ForAll long seed) {
        int degree = 2 * half;
        int[][] adj = RandomOverlay.build(nodes, degree, seed);
        for (int a = 0; a < nodes; a++) {
            assertThat(adj[a]).hasSize(degree).doesNotHaveDuplicates().doesNotContain(a);
            for (int b : adj[a]) {
                assertThat(Arrays.binarySearch(adj[b], a)).as("edge %d-%d is symmetric", a, b).isNotNegative();
            }
        }
    }

    @Test
    void sameSeedGivesTheSameOverlayAndAnotherSeedAnother() {
        assertThat(RandomOverlay.build(500, 8, 1)).isDeepEqualTo(RandomOverlay.build(500, 8, 1));
        assertThat(Arrays.deepEquals(RandomOverlay.build(500, 8, 1), RandomOverlay.build(500, 8, 2))).isFalse();
    }

    @Test
    void oddDegreeIsRejected() {
        assertThatThrownBy(() -> RandomOverlay.build(100, 3, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

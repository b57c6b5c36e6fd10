package org.spindle.protocol.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenCacheTest {
    @Test
    void keyIsRememberedOnceAdded() {
        SeenCache c = new SeenCache(8);
        assertThat(c.add(42)).isTrue();
        assertThat(c.add(42)).isFalse();
        assertThat(c.contains(42)).isTrue();
        assertThat(c.contains(43)).isFalse();
    }

    @Test
    void zeroIsAKeyLikeAnyOther() {
        SeenCache c = new SeenCache(8);
        assertThat(c.contains(0)).isFalse();
        c.add(0);
        assertThat(c.contains(0)).isTrue();
    }

    @Test
    void cacheKeepsTheNewestHalfOfItsCapacityAndForgetsOlderKeys() {
        SeenCache c = new SeenCache(100);
        for (long k = 1; k <= 1_000; k++) {
            c.add(k);
        }
        for (long k = 951; k <= 1_000; k++) {
            assertThat(c.contains(k)).as("recent key %d", k).isTrue();
        }
        long remembered = 0;
        for (long k = 1; k <= 1_000; k++) {
            remembered += c.contains(k) ? 1 : 0;
        }
        assertThat(remembered).isBetween(50L, 100L);
        assertThat(c.contains(1)).isFalse();
    }
}

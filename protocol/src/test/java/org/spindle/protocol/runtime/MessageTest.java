package org.spindle.protocol.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.spindle.core.codec.Encoder;

class MessageTest {
    @Property(tries = 300)
    void varintSizeMatchesTheEncoder(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v) {
        assertThat(Message.varintSize(v)).isEqualTo(new Encoder().varint(v).size());
    }

    @Test
    void varintSizeIsExactAtTheSevenBitBoundaries() {
        for (int bits = 0; bits < 63; bits++) {
            long v = 1L << bits;
            assertThat(Message.varintSize(v)).as("2^%d", bits).isEqualTo(new Encoder().varint(v).size());
            assertThat(Message.varintSize(v - 1)).as("2^%d - 1", bits).isEqualTo(new Encoder().varint(v - 1).size());
        }
    }
}

package org.spindle.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
    @Test
    void messagesLeaveInTheOrderTheyCameThroughGrowthAndWrapAround() {
        DeliveryQueue q = new DeliveryQueue();
        long seq = 0;
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            q.add(10L * i, seq++, i, new Blob(i, 5));
            if (i % 3 == 0) {
                assertThat(q.headFrom()).isEqualTo(taken);
                assertThat(q.headTime()).isEqualTo(10L * taken);
                assertThat(((Blob) q.headMessage()).id()).isEqualTo(taken);
                q.poll();
                taken++;
            }
        }
        assertThat(q.size()).isEqualTo(100 - taken);
        while (!q.isEmpty()) {
            assertThat(q.headFrom()).isEqualTo(taken);
            assertThat(q.headSeq()).isEqualTo(taken);
            q.poll();
            taken++;
        }
        assertThat(taken).isEqualTo(100);
    }

    @Test
    void aMessageThatWouldOvertakeTheOneBeforeIsRefused() {
        DeliveryQueue q = new DeliveryQueue();
        q.add(50, 7, 1, new Blob(1, 5));
        assertThatThrownBy(() -> q.add(49, 8, 2, new Blob(2, 5))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> q.add(50, 7, 2, new Blob(2, 5))).isInstanceOf(IllegalStateException.class);
        q.add(50, 8, 2, new Blob(2, 5));
        assertThat(q.size()).isEqualTo(2);
    }
}

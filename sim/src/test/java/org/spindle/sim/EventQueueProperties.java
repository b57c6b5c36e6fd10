package org.spindle.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class EventQueueProperties {
    @Property(tries = 100)
    void eventsComeOutByTimeThenByTheOrderTheyWerePushed(
            @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 20) Long> times) {
        EventQueue q = new EventQueue(1);
        List<long[]> pushed = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            q.push(times.get(i), (byte) 1, i, 0, 0, null);
            pushed.add(new long[] {times.get(i), i});
        }
        pushed.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        for (long[] expected : pushed) {
            int s = q.pop();
            assertThat(q.time(s)).isEqualTo(expected[0]);
            assertThat(q.node(s)).isEqualTo((int) expected[1]);
            q.release(s);
        }
        assertThat(q.isEmpty()).isTrue();
    }
}

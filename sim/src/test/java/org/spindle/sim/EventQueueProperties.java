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

    @Property(tries = 100)
    void aChainKeptAsOneEntryComesOutWhereSeparateEntriesWould(
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 30) Long> loose,
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 3) Long> gaps) {
        // Events pushed one by one, and a chain with non-decreasing times whose sequence numbers were
        // reserved in the middle of them: the chain sits in the heap one element at a time.
        EventQueue q = new EventQueue(1);
        List<long[]> expected = new ArrayList<>();
        int half = loose.size() / 2;
        for (int i = 0; i < half; i++) {
            q.push(loose.get(i), (byte) 1, i, 0, 0, null);
            expected.add(new long[] {loose.get(i), i});
        }
        long[] chainTimes = new long[gaps.size()];
        long t = 0;
        for (int k = 0; k < gaps.size(); k++) {
            t += gaps.get(k);
            chainTimes[k] = t;
        }
        long first = q.reserveSeq(chainTimes.length);
        for (int k = 0; k < chainTimes.length; k++) {
            expected.add(new long[] {chainTimes[k], 10_000 + k});
        }
        q.push(chainTimes[0], first, (byte) 2, 10_000, 0, 0, null);
        for (int i = half; i < loose.size(); i++) {
            q.push(loose.get(i), (byte) 1, i, 0, 0, null);
            expected.add(new long[] {loose.get(i), i + (i >= half ? chainTimes.length : 0)});
        }
        expected.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> seqOf(a, half, chainTimes.length)));
        int next = 0;
        for (long[] e : expected) {
            int s = q.peek();
            assertThat(q.time(s)).isEqualTo(e[0]);
            if (q.kind(s) == 2) {
                assertThat(e[1]).isEqualTo(10_000 + next);
                next++;
                if (next < chainTimes.length) {
                    q.replaceTop(chainTimes[next], first + next);
                } else {
                    q.release(q.pop());
                }
            } else {
                int i = q.node(s);
                assertThat(e[1]).isEqualTo(i + (i >= half ? chainTimes.length : 0));
                q.release(q.pop());
            }
        }
        assertThat(q.isEmpty()).isTrue();
    }

    /** The sequence number an expected entry was given: loose events before the chain, the chain, the rest. */
    private static long seqOf(long[] e, int half, int chainLength) {
        if (e[1] >= 10_000) {
            return half + (e[1] - 10_000);
        }
        return e[1];
    }
}

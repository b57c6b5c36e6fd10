package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

class ReconfigurationTest {

    private static Hash randomness(long seed, long epoch) {
        return Hashing.keccak256(new Encoder().i64(seed).i64(epoch).toArray());
    }

    private static void assertPartition(Membership m, Set<NodeId> active) {
        List<NodeId> all = new ArrayList<>();
        m.shards().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(active);
        assertThat(m.shards()).allSatisfy(s -> assertThat(s).isNotEmpty());
    }

    @Property(tries = 25)
    void movedFractionNeverExceedsTheBoundOverManyEpochs(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                         @ForAll @IntRange(min = 4, max = 200) int n,
                                                         @ForAll @IntRange(min = 1, max = 8) int shards,
                                                         @ForAll @DoubleRange(min = 0, max = 0.5) double fraction) {
        int s = Math.min(shards, n);
        Membership m = new UniformMembership(new ShardCount.Fixed(s)).assign(randomness(seed, 0), TestKeys.ids(n), 0);
        Set<NodeId> active = new HashSet<>(TestKeys.ids(n));
        for (long epoch = 1; epoch <= 30; epoch++) {
            Membership before = m;
            Reconfiguration.Result r = Reconfiguration.reconfigure(m, randomness(seed, epoch), List.copyOf(active),
                    epoch, fraction, shard -> 1000);
            m = r.membership();
            assertPartition(m, active);
            assertThat(r.moves().size()).isLessThanOrEqualTo((int) Math.floor(fraction * n));
            assertThat(r.forcedMoves()).isZero();
            // every move is real and recorded: the validators whose shard changed are exactly the moved ones
            Map<NodeId, Integer> was = before.shardIndex();
            Map<NodeId, Integer> is = m.shardIndex();
            Set<NodeId> changed = new TreeSet<>();
            for (NodeId id : active) {
                if (!was.get(id).equals(is.get(id))) {
                    changed.add(id);
                }
            }
            assertThat(changed).containsExactlyInAnyOrderElementsOf(r.moves().stream().map(Reconfiguration.Move::validator).toList());
            assertThat(m.shards().stream().mapToInt(List::size).max().getAsInt()
                    - m.shards().stream().mapToInt(List::size).min().getAsInt()).isLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 25)
    void churnKeepsAPartitionAndTheBoundOnStayingValidators(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                            @ForAll @DoubleRange(min = 0.05, max = 0.3) double fraction) {
        int n = 60;
        Membership m = new UniformMembership(new ShardCount.Fixed(4)).assign(randomness(seed, 0), TestKeys.ids(n), 0);
        TreeSet<NodeId> active = new TreeSet<>(TestKeys.ids(n));
        int nextId = n;
        HashPrng churn = new HashPrng(randomness(seed, -1), "test churn");
        for (long epoch = 1; epoch <= 20; epoch++) {
            // two leave, two or three join
            for (int k = 0; k < 2; k++) {
                List<NodeId> list = new ArrayList<>(active);
                active.remove(list.get(churn.nextInt(list.size())));
            }
            for (int k = 0; k < 2 + (int) (epoch % 2); k++) {
                active.add(NodeId.of(nextId++));
            }
            Reconfiguration.Result r = Reconfiguration.reconfigure(m, randomness(seed, epoch), List.copyOf(active),
                    epoch, fraction, shard -> 5_000L * (shard + 1));
            assertPartition(r.membership(), active);
            assertThat(r.moves().size() - r.forcedMoves()).isLessThanOrEqualTo(r.budget());
            assertThat(r.departed()).hasSize(2);
            // everyone entering a shard syncs it once, from someone who served that shard last epoch
            Set<NodeId> entering = new HashSet<>(r.joined());
            r.moves().forEach(mv -> entering.add(mv.validator()));
            assertThat(r.syncPlan()).extracting(Reconfiguration.SyncTransfer::receiver)
                    .containsExactlyInAnyOrderElementsOf(entering);
            for (Reconfiguration.SyncTransfer t : r.syncPlan()) {
                assertThat(m.members(t.shard())).contains(t.source());
                assertThat(r.membership().members(t.shard())).contains(t.receiver());
                assertThat(t.bytes()).isEqualTo(5_000L * (t.shard() + 1));
            }
            m = r.membership();
        }
    }

    @Test
    void reconfigurationIsDeterministicAndKeepsGroupings() {
        Membership m = new SpiralShardMembership(new ShardCount.Fixed(6), 2).assign(Hash.ZERO, TestKeys.ids(60), 0);
        Reconfiguration.Result a = Reconfiguration.reconfigure(m, randomness(1, 1), TestKeys.ids(60), 1, 0.2, s -> 10);
        Reconfiguration.Result b = Reconfiguration.reconfigure(m, randomness(1, 1), TestKeys.ids(60), 1, 0.2, s -> 10);
        assertThat(a).isEqualTo(b);
        assertThat(a.moves()).hasSize(12);
        assertThat(a.syncBytes()).isEqualTo(120);
        assertThat(a.membership().groupings()).isEqualTo(m.groupings());
        Reconfiguration.Result other = Reconfiguration.reconfigure(m, randomness(2, 1), TestKeys.ids(60), 1, 0.2, s -> 10);
        assertThat(other.moves()).isNotEqualTo(a.moves());
    }

    @Test
    void reticulumShardSizesAndControlShardsSurviveReconfiguration() {
        Membership m = ShardAssignment.assign(Hash.ZERO, TestKeys.ids(103), new MembershipConfig.Reticulum(5, 20), 0);
        List<Integer> sizes = m.shards().stream().map(List::size).toList();
        for (long epoch = 1; epoch <= 10; epoch++) {
            Reconfiguration.Result r = Reconfiguration.reconfigure(m, randomness(3, epoch), TestKeys.ids(103), epoch, 0.1, s -> 1);
            assertThat(r.moves()).hasSize(10);
            assertThat(r.membership().shards().stream().map(List::size).toList()).isEqualTo(sizes);
            assertThat(r.membership().grouping(ReticulumMembership.CONTROL_SHARDS)).isEqualTo(m.grouping(ReticulumMembership.CONTROL_SHARDS));
            m = r.membership();
        }
        assertThat(sizes.get(19)).isEqualTo(8);
    }

    @Test
    void zeroFractionMovesNobody() {
        Membership m = new UniformMembership(new ShardCount.Fixed(3)).assign(Hash.ZERO, TestKeys.ids(30), 0);
        Reconfiguration.Result r = Reconfiguration.reconfigure(m, randomness(0, 1), TestKeys.ids(30), 1, 0, s -> 10);
        assertThat(r.moves()).isEmpty();
        assertThat(r.syncPlan()).isEmpty();
        assertThat(r.membership().shards()).isEqualTo(m.shards());
        assertThat(r.membership().epoch()).isEqualTo(1);
    }

    @Test
    void aShardWhoseMembersAllLeftIsRefilledAndTheForcedMovesAreCounted() {
        Membership m = new Membership(0, List.of(List.of(NodeId.of(0), NodeId.of(1)), List.of(NodeId.of(2), NodeId.of(3)),
                List.of(NodeId.of(4), NodeId.of(5))), List.of());
        List<NodeId> active = List.of(NodeId.of(0), NodeId.of(1), NodeId.of(2), NodeId.of(3));
        Reconfiguration.Result r = Reconfiguration.reconfigure(m, randomness(0, 1), active, 1, 0, s -> 10);
        assertThat(r.membership().members(2)).hasSize(1);
        assertThat(r.forcedMoves()).isEqualTo(1);
        assertThat(r.departed()).containsExactly(NodeId.of(4), NodeId.of(5));
        // the newcomer to shard 2 syncs from a former member even though both have left
        assertThat(r.syncPlan()).singleElement().satisfies(t -> assertThat(t.source()).isIn(NodeId.of(4), NodeId.of(5)));
    }

    @Test
    void badArgumentsAreRejected() {
        Membership m = new UniformMembership(new ShardCount.Fixed(3)).assign(Hash.ZERO, TestKeys.ids(30), 4);
        assertThatThrownBy(() -> Reconfiguration.reconfigure(m, Hash.ZERO, TestKeys.ids(30), 4, 0.1, s -> 0))
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> Reconfiguration.reconfigure(m, Hash.ZERO, TestKeys.ids(30), 5, 1.5, s -> 0))
                .hasMessageContaining("fraction");
        assertThatThrownBy(() -> Reconfiguration.reconfigure(m, Hash.ZERO, TestKeys.ids(2), 5, 0.1, s -> 0))
                .hasMessageContaining("cannot fill");
    }
}

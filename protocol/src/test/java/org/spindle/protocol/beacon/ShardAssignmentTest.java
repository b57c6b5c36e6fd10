package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

class ShardAssignmentTest {

    @Provide
    Arbitrary<Hash> seeds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
    }

    /** Distinct, non-contiguous validator ids, in arbitrary order. */
    private static List<NodeId> validators(int n, int stride) {
        List<NodeId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(NodeId.of(3 + i * stride));
        }
        Collections.reverse(out);
        return out;
    }

    private static void assertPartition(Membership m, List<NodeId> validators) {
        List<NodeId> all = new ArrayList<>();
        m.shards().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(validators));
    }

    @Property(tries = 60)
    void uniformAssignmentIsAPartitionWithSizesWithinOne(@ForAll("seeds") Hash seed,
                                                       @ForAll @IntRange(min = 1, max = 300) int n,
                                                       @ForAll @IntRange(min = 1, max = 20) int shards,
                                                       @ForAll @IntRange(min = 1, max = 5) int stride) {
        int s = Math.min(shards, n);
        List<NodeId> vs = validators(n, stride);
        Membership m = new UniformMembership(new ShardCount.Fixed(s)).assign(seed, vs, 1);
        assertPartition(m, vs);
        assertThat(m.shardCount()).isEqualTo(s);
        IntSummaryStatistics sizes = m.shards().stream().mapToInt(List::size).summaryStatistics();
        assertThat(sizes.getMax() - sizes.getMin()).isLessThanOrEqualTo(1);
        // remainder rule: the first n mod s shards are the larger ones
        for (int i = 0; i < s; i++) {
            assertThat(m.members(i)).hasSize(n / s + (i < n % s ? 1 : 0));
        }
    }

    @Property(tries = 60)
    void assignmentIsDeterministicAndIgnoresInputOrder(@ForAll("seeds") Hash seed,
                                                      @ForAll @IntRange(min = 2, max = 200) int n) {
        List<NodeId> vs = validators(n, 2);
        MembershipRule rule = new UniformMembership(new ShardCount.TargetSize(7));
        Membership a = rule.assign(seed, vs, 5);
        List<NodeId> shuffled = new ArrayList<>(vs);
        Collections.rotate(shuffled, n / 3);
        assertThat(rule.assign(seed, shuffled, 5)).isEqualTo(a);
        assertThat(rule.assign(seed, vs, 5).hash()).isEqualTo(a.hash());
    }

    @Property(tries = 60)
    void differentRandomnessGivesADifferentAssignment(@ForAll("seeds") Hash a, @ForAll("seeds") Hash b,
                                                     @ForAll @IntRange(min = 12, max = 200) int n) {
        if (a.equals(b)) {
            return;
        }
        List<NodeId> vs = validators(n, 1);
        MembershipRule rule = new UniformMembership(new ShardCount.Fixed(3));
        // Two uniform seeds give the same 3-way split of n >= 12 nodes with probability below 1e-4.
        assertThat(rule.assign(a, vs, 0).shards()).isNotEqualTo(rule.assign(b, vs, 0).shards());
    }

    @Property(tries = 40)
    void spiralShardGroupsAreConsecutiveShardsAndPartitionTheValidators(@ForAll("seeds") Hash seed,
                                                                       @ForAll @IntRange(min = 1, max = 200) int n,
                                                                       @ForAll @IntRange(min = 1, max = 6) int g) {
        List<NodeId> vs = validators(n, 1);
        Membership m = new SpiralShardMembership(new ShardCount.TargetSize(4), g).assign(seed, vs, 2);
        assertPartition(m, vs);
        Membership.Grouping groups = m.grouping(SpiralShardMembership.ENDORSEMENT_GROUPS).orElseThrow();
        for (int s = 0; s < m.shardCount(); s++) {
            assertThat(groups.groupOfShard().get(s)).isEqualTo(s / g);
        }
        List<NodeId> inGroups = new ArrayList<>();
        for (int k = 0; k < groups.groupCount(); k++) {
            inGroups.addAll(m.groupMembers(SpiralShardMembership.ENDORSEMENT_GROUPS, k));
        }
        assertThat(inGroups).doesNotHaveDuplicates().hasSize(n);
    }

    @Property(tries = 40)
    void reticulumAssignmentIsAPartitionInBothLayers(@ForAll("seeds") Hash seed,
                                                     @ForAll @IntRange(min = 1, max = 6) int np,
                                                     @ForAll @IntRange(min = 1, max = 5) int ratio,
                                                     @ForAll @IntRange(min = 0, max = 100) int extra) {
        int nc = np * ratio;
        int n = nc + extra;
        List<NodeId> vs = validators(n, 1);
        Membership m = new ReticulumMembership(np, nc).assign(seed, vs, 0);
        assertPartition(m, vs);
        assertThat(m.shards()).allSatisfy(s -> assertThat(s.size()).isBetween(np, 2 * np - 1));
        Membership.Grouping control = m.grouping(ReticulumMembership.CONTROL_SHARDS).orElseThrow();
        Set<NodeId> inControl = new HashSet<>();
        for (int c = 0; c < control.groupCount(); c++) {
            List<NodeId> members = m.groupMembers(ReticulumMembership.CONTROL_SHARDS, c);
            assertThat(members.size()).isBetween(nc, 2 * nc - 1);
            for (NodeId id : members) {
                assertThat(inControl.add(id)).isTrue();
            }
        }
        assertThat(inControl).hasSize(n);
    }

    @Test
    void theShuffleIsPinnedByAFixedVector() {
        // Pins the PRNG and Fisher–Yates order: a change here would change every node's assignment.
        List<NodeId> order = ShardAssignment.permutation(Hash.ZERO, TestKeys.ids(10));
        List<NodeId> again = ShardAssignment.permutation(Hash.ZERO, TestKeys.ids(10));
        assertThat(order).isEqualTo(again).isNotEqualTo(TestKeys.ids(10));
        assertThat(order).containsExactlyInAnyOrderElementsOf(TestKeys.ids(10));
        assertThat(order.stream().map(NodeId::index).toList()).isEqualTo(PINNED);
    }

    /** Computed independently (a short Python transcription of HashPrng and Fisher–Yates over hashlib.sha256). */
    static final List<Integer> PINNED = List.of(4, 0, 2, 8, 1, 3, 9, 7, 6, 5);

    @Test
    void everyPositionIsRoughlyUniform() {
        // 4 validators over 4000 seeds: each lands first about 1000 times.
        int[] first = new int[4];
        for (int s = 0; s < 4000; s++) {
            byte[] seed = new byte[32];
            seed[0] = (byte) s;
            seed[1] = (byte) (s >>> 8);
            first[ShardAssignment.permutation(Hash.wrap(seed), TestKeys.ids(4)).get(0).index()]++;
        }
        for (int c : first) {
            assertThat(c).isBetween(880, 1120);
        }
    }

    @Test
    void duplicatesAndImpossibleSplitsAreRejected() {
        assertThatThrownBy(() -> ShardAssignment.permutation(Hash.ZERO, List.of(NodeId.of(1), NodeId.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicates");
        assertThatThrownBy(() -> new UniformMembership(new ShardCount.Fixed(5)).assign(Hash.ZERO, TestKeys.ids(4), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prngMatchesSha256CounterModeAndBoundsAreRespected() throws Exception {
        HashPrng prng = new HashPrng(Hash.ZERO, "d");
        var md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(new byte[32]);
        md.update((byte) 'd');
        md.update(new byte[8]);
        byte[] block0 = md.digest();
        long expected = java.nio.ByteBuffer.wrap(block0).getLong();
        assertThat(prng.nextLong()).isEqualTo(expected);
        HashPrng p2 = new HashPrng(Hash.ZERO, "bounds");
        for (int i = 0; i < 1000; i++) {
            assertThat(p2.nextBelow(7)).isBetween(0L, 6L);
        }
        assertThat(p2.nextBelow(1)).isZero();
    }
}

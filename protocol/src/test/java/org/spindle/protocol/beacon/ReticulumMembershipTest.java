package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/** Algorithm 1 against the test vectors of reticulum.md §1.2. */
class ReticulumMembershipTest {

    private static List<Integer> processSizes(Membership m) {
        return m.shards().stream().map(List::size).toList();
    }

    private static List<Integer> controlSizes(Membership m) {
        Membership.Grouping g = m.grouping(ReticulumMembership.CONTROL_SHARDS).orElseThrow();
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < g.groupCount(); c++) {
            out.add(m.groupMembers(ReticulumMembership.CONTROL_SHARDS, c).size());
        }
        return out;
    }

    @Test
    void artifactConfigurationGivesThreeProcessShardsInOneControlShard() {
        Membership m = new ReticulumMembership(15, 45).layout(TestKeys.ids(45), 0);
        assertThat(processSizes(m)).containsExactly(15, 15, 15);
        assertThat(controlSizes(m)).containsExactly(45);
    }

    @Test
    void paperConfigurationMatchesTheSpecSizes() {
        Membership m = new ReticulumMembership(21, 329).layout(TestKeys.ids(5000), 0);
        List<Integer> ps = processSizes(m);
        assertThat(ps).hasSize(238);
        assertThat(ps.subList(0, 237)).containsOnly(21);
        assertThat(ps.get(237)).isEqualTo(23);
        assertThat(controlSizes(m)).containsExactly(336, 336, 315, 336, 336, 315, 336, 336, 315, 336, 336, 315, 336, 336, 380);
        Membership.Grouping g = m.grouping(ReticulumMembership.CONTROL_SHARDS).orElseThrow();
        List<Integer> perControl = new ArrayList<>();
        for (int c = 0; c < g.groupCount(); c++) {
            perControl.add(g.shardsOf(c).size());
        }
        assertThat(perControl).containsExactly(16, 16, 15, 16, 16, 15, 16, 16, 15, 16, 16, 15, 16, 16, 18);
    }

    @Test
    void paperConfigurationSampleIndicesMatchTheSpecTable() {
        Map<Integer, int[]> table = Map.of(0, new int[] {0, 0}, 21, new int[] {1, 0}, 315, new int[] {15, 0},
                335, new int[] {15, 0}, 336, new int[] {16, 1}, 4934, new int[] {234, 14}, 4935, new int[] {235, 14},
                4977, new int[] {237, 14}, 4999, new int[] {237, 14});
        table.forEach((c, expected) -> assertThat(ReticulumMembership.shardIndex(c, 5000, 21, 329))
                .as("cIndex %d", c)
                .isEqualTo(new ReticulumMembership.ShardIndex(expected[0], expected[1])));
    }

    @Test
    void remainderIsAbsorbedIntoTheLastShards() {
        Membership m = new ReticulumMembership(5, 20).layout(TestKeys.ids(103), 0);
        List<Integer> ps = processSizes(m);
        assertThat(ps).hasSize(20);
        assertThat(ps.subList(0, 19)).containsOnly(5);
        assertThat(ps.get(19)).isEqualTo(8);
        assertThat(controlSizes(m)).containsExactly(20, 20, 20, 20, 23);
    }

    @Test
    void assignmentShufflesBeforeLayingOutAndEveryNodeHasOneProcessShard() {
        ReticulumMembership rule = new ReticulumMembership(5, 20);
        List<NodeId> ids = new ArrayList<>(TestKeys.ids(103));
        Membership m = rule.assign(Hash.ZERO, ids, 4);
        Collections.reverse(ids);
        assertThat(rule.assign(Hash.ZERO, ids, 4)).isEqualTo(m);
        assertThat(m.validators()).containsExactlyElementsOf(TestKeys.ids(103));
        assertThat(m.validatorCount()).isEqualTo(103);
        assertThat(m.members(0)).isNotEqualTo(TestKeys.ids(5));
        assertThat(m.epoch()).isEqualTo(4);
    }
}

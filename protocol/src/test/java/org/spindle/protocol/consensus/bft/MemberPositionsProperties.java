package org.spindle.protocol.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.spindle.protocol.runtime.NodeId;

class MemberPositionsProperties {
    @Property(tries = 200)
    void everyMemberIsFoundAtItsListPositionAndEveryOtherNodeIsNot(
            @ForAll @Size(min = 1, max = 60) Set<@IntRange(min = 0, max = 5_000) Integer> indices,
            @ForAll @IntRange(min = 0, max = 6_000) int probe) {
        List<NodeId> members = new ArrayList<>();
        indices.forEach(i -> members.add(NodeId.of(i)));
        MemberPositions positions = new MemberPositions(members);
        for (int i = 0; i < members.size(); i++) {
            assertThat(positions.of(members.get(i))).isEqualTo(i);
        }
        assertThat(positions.of(NodeId.of(probe))).isEqualTo(members.indexOf(NodeId.of(probe)));
    }

    @Property(tries = 50)
    void aDenseCommitteeAndAWidelySpreadOneAnswerAlike(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 1_000) int stride) {
        List<NodeId> members = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            members.add(NodeId.of(i * stride));
        }
        MemberPositions positions = new MemberPositions(members);
        for (int node = 0; node <= n * stride; node++) {
            int expected = node % stride == 0 && node / stride < n ? n - 1 - node / stride : -1;
            assertThat(positions.of(NodeId.of(node))).isEqualTo(expected);
        }
    }
}

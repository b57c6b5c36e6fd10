package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.PenaltyRecord;
import org.spindle.protocol.beacon.ReticulumMembership;
import org.spindle.protocol.beacon.ValidatorRegistry;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;

class ControlShardTest {
    private static final ReticulumParams PARAMS = new ReticulumParams(4, 8, Time.seconds(2), Time.seconds(1), 8);
    /** 8 nodes: process shards {0..3} and {4..7}, one control shard. */
    private static final Membership MEMBERSHIP = new ReticulumMembership(4, 8).layout(Rounds.ids(0, 8), 0);

    private static Hash genesis(int shard) {
        return Hashing.sha256(org.spindle.core.bytes.Bytes.wrap(new byte[] {(byte) shard}));
    }

    private static Hash after(Hash block) {
        return Hashing.sha256(block.bytes());
    }

    private static List<ProcessRound> rounds(ControlShard c, Map<Integer, Validity> validity, Map<NodeId, Rounds.Act> acts) {
        List<ProcessRound> out = new ArrayList<>();
        for (int s : c.processShards()) {
            out.add(Rounds.round(c.epoch(), s, c.membersOf(s), c.processLeader(s), validity.getOrDefault(s,
                    Validity.VALID), acts));
        }
        return out;
    }

    @Test
    void leadersRotateAndARejectedControlBlockIsReproposedByTheNextMemberInTheSameEpoch() {
        ControlShard c = new ControlShard(PARAMS, MEMBERSHIP, 0, ControlShardTest::genesis);
        assertThat(c.processLeader(1)).isEqualTo(NodeId.of(4));
        assertThat(c.controlLeader()).isEqualTo(NodeId.of(0));
        assertThat(c.rejected()).isEqualTo(NodeId.of(1));
        assertThat(c.epoch()).isZero();
        assertThat(c.attempt()).isEqualTo(1);
        ControlBlocks.View view = c.view(rounds(c, Map.of(), Map.of()));
        c.accept(ControlBlocks.build(view, 1, NodeId.of(1)), view, ControlShardTest::after,
                new ValidatorRegistry(Rounds.registry(8)));
        assertThat(c.epoch()).isEqualTo(1);
        assertThat(c.attempt()).isZero();
        assertThat(c.processLeader(0)).isEqualTo(NodeId.of(1));
        assertThat(c.controlLeader()).isEqualTo(NodeId.of(1));
    }

    @Test
    void rejectedProcessBlockLeavesItsShardsStateUnchangedWhileTheAcceptedOneAdvances() {
        ControlShard c = new ControlShard(PARAMS, MEMBERSHIP, 0, ControlShardTest::genesis);
        ValidatorRegistry registry = new ValidatorRegistry(Rounds.registry(8));
        ControlBlocks.View view = c.view(rounds(c, Map.of(1, Validity.invalid("double spend")),
                Map.of(NodeId.of(7), Rounds.Act.REJECT)));
        assertThat(c.phaseTwoMicros(view.rounds().stream().filter(ProcessRound::passed).count() > 0 ? 1 : 0))
                .isEqualTo(Time.seconds(2));
        ControlShard.Accepted a = c.accept(ControlBlocks.build(view, 0, c.controlLeader()), view,
                ControlShardTest::after, registry);
        Hash shard0Block = view.rounds().get(0).block();
        assertThat(c.stateOf(0)).isEqualTo(after(shard0Block));
        assertThat(c.stateOf(1)).isEqualTo(genesis(1));
        assertThat(a.links()).extracting(ControlShard.StateLink::before, ControlShard.StateLink::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(genesis(0), after(shard0Block)),
                        org.assertj.core.groups.Tuple.tuple(genesis(1), genesis(1)));
        // The faulty leader n4 and every voter who approved its block are expelled, on the registry too.
        assertThat(a.recorded()).extracting(Expulsion::node).containsExactly(NodeId.of(4), NodeId.of(5),
                NodeId.of(6));
        assertThat(registry.pending().penalties()).extracting(PenaltyRecord::validator, PenaltyRecord::evidence)
                .contains(org.assertj.core.groups.Tuple.tuple(NodeId.of(4), view.rounds().get(1).block()));
        assertThat(registry.pending().validator(NodeId.of(5)).orElseThrow().status()).isEqualTo(ValidatorStatus.EXPELLED);
        assertThat(c.membersOf(1)).as("the honest rejecter stays").containsExactly(NodeId.of(7));
    }

    @Test
    void nodeSilentTwiceWithinTauIsExpelledAndItsShardThenPassesUnanimouslyAmongTheRest() {
        ControlShard c = new ControlShard(PARAMS, MEMBERSHIP, 0, ControlShardTest::genesis);
        ValidatorRegistry registry = new ValidatorRegistry(Rounds.registry(8));
        Map<NodeId, Rounds.Act> silent6 = Map.of(NodeId.of(6), Rounds.Act.SILENT);
        for (int e = 0; e < 2; e++) {
            ControlBlocks.View view = c.view(rounds(c, Map.of(), silent6));
            assertThat(view.rounds().get(1).passed()).isFalse();
            ControlShard.Accepted a = c.accept(ControlBlocks.build(view, 0, c.controlLeader()), view,
                    ControlShardTest::after, registry);
            assertThat(a.links().get(1).after()).as("the failed but valid block is accepted").isNotEqualTo(a.links()
                    .get(1).before());
            assertThat(a.recorded()).extracting(Expulsion::node).isEqualTo(e == 0 ? List.of() : List.of(NodeId.of(6)));
        }
        assertThat(c.membersOf(1)).containsExactly(NodeId.of(4), NodeId.of(5), NodeId.of(7));
        ControlBlocks.View view = c.view(rounds(c, Map.of(), Map.of()));
        assertThat(view.rounds()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(registry.pending().penalties()).singleElement().satisfies(p -> {
            assertThat(p.validator()).isEqualTo(NodeId.of(6));
            assertThat(p.evidence()).isEqualTo(Expulsion.silenceEvidence(NodeId.of(6), 0, 1));
            assertThat(p.amount()).isEqualTo(100);
        });
    }
}

package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spindle.protocol.sharding.reticulum.Rounds.Act.APPROVE;
import static org.spindle.protocol.sharding.reticulum.Rounds.Act.CONFLICT;
import static org.spindle.protocol.sharding.reticulum.Rounds.Act.REJECT;
import static org.spindle.protocol.sharding.reticulum.Rounds.Act.REJECT_NOTHING;
import static org.spindle.protocol.sharding.reticulum.Rounds.Act.SILENT;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;

class ExpulsionRulesTest {
    private static final List<NodeId> SHARD = Rounds.ids(0, 4);
    private static final int TAU = 8;

    @Test
    void leaderOfAFaultyBlockAndEveryVoterWhoApprovedItAreExpelledWithTheBlockAsEvidence() {
        ProcessRound r = Rounds.round(5, 0, SHARD, NodeId.of(0), Validity.invalid("overspend"),
                Map.of(NodeId.of(2), REJECT, NodeId.of(3), REJECT));
        var j = ExpulsionRules.judge(5, List.of(r), LivenessRecord.EMPTY, TAU);
        assertThat(r.decision()).isEqualTo(Decision.REJECT);
        assertThat(j.expulsions()).containsExactly(
                new Expulsion(NodeId.of(0), 0, Offence.FAULTY_PROPOSAL, r.block()),
                new Expulsion(NodeId.of(1), 0, Offence.VOTED_FOR_FAULTY, r.block()));
    }

    @Test
    void voterWhoRejectedAValidBlockThatTheControlShardAcceptsIsExpelled() {
        ProcessRound r = Rounds.round(5, 0, SHARD, NodeId.of(0), Validity.VALID, Map.of(NodeId.of(3), REJECT));
        var j = ExpulsionRules.judge(5, List.of(r), LivenessRecord.EMPTY, TAU);
        assertThat(r.passed()).isFalse();
        assertThat(r.decision()).isEqualTo(Decision.ACCEPT);
        assertThat(j.expulsions()).containsExactly(new Expulsion(NodeId.of(3), 0, Offence.REJECTED_ACCEPTED_BLOCK,
                r.block()));
    }

    @Test
    void voterWhoReceivedNoProposalAndRejectedNothingIsNotPunished() {
        ProcessRound r = Rounds.round(5, 0, SHARD, NodeId.of(0), Validity.VALID, Map.of(NodeId.of(2), REJECT_NOTHING));
        assertThat(ExpulsionRules.judge(5, List.of(r), LivenessRecord.EMPTY, TAU).expulsions()).isEmpty();
    }

    @Test
    void equivocatingVoterIsExpelled() {
        ProcessRound r = Rounds.round(5, 0, SHARD, NodeId.of(0), Validity.VALID, Map.of(NodeId.of(1), CONFLICT));
        assertThat(ExpulsionRules.judge(5, List.of(r), LivenessRecord.EMPTY, TAU).expulsions())
                .extracting(Expulsion::node, Expulsion::offence).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NodeId.of(1), Offence.EQUIVOCATED));
    }

    @Test
    void firstSilenceIsOnlyMarkedAndASecondWithinTauExpelsWithBothEpochsAsEvidence() {
        ProcessRound first = Rounds.round(3, 0, SHARD, NodeId.of(0), Validity.VALID, Map.of(NodeId.of(2), SILENT));
        var j1 = ExpulsionRules.judge(3, List.of(first), LivenessRecord.EMPTY, TAU);
        assertThat(j1.expulsions()).isEmpty();
        assertThat(j1.liveness().lastSilence(NodeId.of(2))).contains(3L);
        ProcessRound second = Rounds.round(10, 0, SHARD, NodeId.of(0), Validity.VALID, Map.of(NodeId.of(2), SILENT));
        var j2 = ExpulsionRules.judge(10, List.of(second), j1.liveness(), TAU);
        assertThat(j2.expulsions()).containsExactly(new Expulsion(NodeId.of(2), 0, Offence.SILENT_TWICE,
                Expulsion.silenceEvidence(NodeId.of(2), 3, 10)));
        assertThat(j2.liveness().lastSilence(NodeId.of(2))).isEmpty();
    }

    @Test
    void silencesAtLeastTauEpochsApartOnlyMoveTheMark() {
        LivenessRecord marked = ((LivenessRecord.Silence.Marked) LivenessRecord.EMPTY.silent(NodeId.of(1), 3, TAU)).next();
        var again = marked.silent(NodeId.of(1), 3 + TAU, TAU);
        assertThat(again).isInstanceOf(LivenessRecord.Silence.Marked.class);
        assertThat(((LivenessRecord.Silence.Marked) again).next().lastSilence(NodeId.of(1))).contains(3L + TAU);
    }

    /** Honest voters approve a valid block and reject (the block) only a faulty one: never expelled. */
    @Property(tries = 200)
    void honestVotersAreNeverExpelledWhateverTheOthersDo(@ForAll @IntRange(min = 0, max = 1023) int pattern,
            @ForAll boolean valid) {
        Rounds.Act[] acts = Rounds.Act.values();
        Map<NodeId, Rounds.Act> chosen = new java.util.HashMap<>();
        // node 0 (the leader) and node 1 are honest; nodes 2..3 do anything.
        chosen.put(NodeId.of(1), valid ? APPROVE : REJECT);
        chosen.put(NodeId.of(0), valid ? APPROVE : REJECT);
        chosen.put(NodeId.of(2), acts[pattern % acts.length]);
        chosen.put(NodeId.of(3), acts[(pattern / acts.length) % acts.length]);
        ProcessRound r = Rounds.round(4, 0, SHARD, NodeId.of(0), valid ? Validity.VALID : Validity.invalid("bad"),
                chosen);
        var j = ExpulsionRules.judge(4, List.of(r), LivenessRecord.EMPTY, TAU);
        assertThat(j.expulsions()).extracting(Expulsion::node).doesNotContain(NodeId.of(1));
        if (valid) {
            assertThat(j.expulsions()).extracting(Expulsion::node).doesNotContain(NodeId.of(0));
        }
    }
}

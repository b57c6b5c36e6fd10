package org.spindle.sim.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.syncvote.Ballot;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.consensus.syncvote.Threshold;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.SyncVoteAdversaries;
import org.spindle.sim.adversary.WithheldChain;
import org.spindle.sim.adversary.SyncVoteAdversaries.Kind;

/**
 * Reticulum's process-shard vote: 4 voters (node 0 leads) inside a control group of 10; votes reach
 * the whole group by Dolev–Strong broadcast (f = 4, so 5 rounds of Δ = 100 ms). Latency is at most
 * 60 ms, within Δ.
 */
class SyncVoteSimulationTest {
    private static final int SEEDS = 200;
    private static final int GROUP = 10;
    private static final List<NodeId> VOTERS = IntStream.range(0, 4).mapToObj(NodeId::of).toList();
    private static final SyntheticPayloads RULES = new SyntheticPayloads(16, 64, false);

    private static Map<Integer, SyncVoteOutcome> run(long seed, Threshold threshold, List<Kind> kinds) {
        List<NodeId> group = IntStream.range(0, GROUP).mapToObj(NodeId::of).toList();
        SyncVoteConfig config = new SyncVoteConfig(3, NodeId.of(0), VOTERS, group, threshold, Time.millis(10),
                Time.millis(100), SyncVoteConfig.reticulumFaults(GROUP));
        Map<Integer, SyncVoteOutcome> outcomes = new TreeMap<>();
        Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                SyncVoteAdversaries.create(kinds.get(ctx.self().index()), ctx, config, RULES,
                        (n, o) -> outcomes.put(n.index(), o)));
        sim.run(Time.seconds(2), null);
        return outcomes;
    }

    /**
     * Voter 3 and group members 6, 7, 8 collude (f = 4 faulty): they build a 4-signature chain for
     * voter 3 in private and release it to member 1 alone at {@code releaseAt}.
     */
    private static Map<Integer, SyncVoteOutcome> withheld(long seed, long releaseAfterVoting) {
        List<NodeId> group = IntStream.range(0, GROUP).mapToObj(NodeId::of).toList();
        SyncVoteConfig config = new SyncVoteConfig(3, NodeId.of(0), VOTERS, group, Threshold.MAJORITY,
                Time.millis(10), Time.millis(100), SyncVoteConfig.reticulumFaults(GROUP));
        List<NodeId> colluders = List.of(NodeId.of(3), NodeId.of(6), NodeId.of(7), NodeId.of(8));
        Map<Integer, SyncVoteOutcome> outcomes = new TreeMap<>();
        Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                colluders.contains(ctx.self())
                        ? new WithheldChain(ctx, config, colluders, config.voteAt() + releaseAfterVoting, NodeId.of(1))
                        : SyncVoteAdversaries.create(Kind.HONEST, ctx, config, RULES,
                                (n, o) -> outcomes.put(n.index(), o)));
        sim.run(Time.seconds(2), null);
        return outcomes;
    }

    @Test
    void chainWithheldByColludersUntilItsLastValidRoundStillReachesEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            // Round 4 ends 400 ms after voting; released at 330 ms it arrives within 390 ms with 4 signatures.
            Map<Integer, SyncVoteOutcome> out = withheld(seed, Time.millis(330));
            assertThat(out).as("seed %d", seed).hasSize(6);
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.ballots().get(3)).as("seed %d", seed).isEqualTo(new Ballot.Approve(Hash.ZERO));
        }
    }

    @Test
    void chainWithheldByColludersPastItsRoundIsRefusedByEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            // Released at 430 ms, in round 5, where a chain needs 5 signatures.
            Map<Integer, SyncVoteOutcome> out = withheld(seed, Time.millis(430));
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.missing()).as("seed %d", seed).contains(3);
        }
    }

    private static List<Kind> honestExcept(int node, Kind kind) {
        List<Kind> k = new ArrayList<>(Collections.nCopies(GROUP, Kind.HONEST));
        k.set(node, kind);
        return k;
    }

    @Test
    void unanimousVoteWithOneSilentVoterFailsAndEveryHonestMemberRecordsTheSameVoteSet() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int silent = 1 + (int) (seed % 3);
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS, honestExcept(silent, Kind.SILENT));
            assertThat(out).as("seed %d: one verdict per honest member", seed).hasSize(GROUP - 1);
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d: identical vote sets", seed).allSatisfy(o ->
                    assertThat(o).isEqualTo(first));
            assertThat(first.accepted()).as("seed %d", seed).isFalse();
            assertThat(first.missing()).as("seed %d", seed).containsExactly(silent);
            assertThat(first.ballots().values()).as("seed %d", seed).hasSize(3)
                    .allSatisfy(b -> assertThat(b).isInstanceOf(Ballot.Approve.class));
        }
    }

    @Test
    void unanimousVoteOfHonestVotersAcceptsTheLeadersBlockEverywhere() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS, honestExcept(9, Kind.HONEST));
            assertThat(out).as("seed %d", seed).hasSize(GROUP);
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> {
                assertThat(o.accepted()).isTrue();
                assertThat(o.missing()).isEmpty();
            });
            assertThat(out.values().stream().map(SyncVoteOutcome::block).distinct()).hasSize(1);
        }
    }

    @Test
    void majorityVoteWithOneSilentVoterAccepts() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.MAJORITY, honestExcept(2, Kind.SILENT));
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> {
                assertThat(o.accepted()).isTrue();
                assertThat(o.missing()).containsExactly(2);
            });
        }
    }

    @Test
    void equivocatingVoterIsRecordedAsConflictingByEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS,
                    honestExcept(3, Kind.EQUIVOCATING_VOTER));
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.ballots().get(3)).as("seed %d", seed).isInstanceOf(Ballot.Conflicting.class);
            assertThat(first.accepted()).isFalse();
        }
    }

    @Test
    void voteSentOnTimeToOneMemberReachesEveryMemberThroughRelays() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS, honestExcept(2, Kind.SELECTIVE_VOTER));
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.missing()).as("seed %d", seed).isEmpty();
            assertThat(first.ballots().get(2)).as("seed %d", seed).isInstanceOf(Ballot.Approve.class);
            assertThat(first.accepted()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void voteSentLateToOneMemberIsIgnoredByAllSoTheVoterIsMissingEverywhere() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS, honestExcept(1, Kind.LATE_VOTER));
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.missing()).as("seed %d", seed).containsExactly(1);
        }
    }

    @Test
    void equivocatingLeaderCannotGetAUnanimousAcceptance() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<Integer, SyncVoteOutcome> out = run(seed, Threshold.UNANIMOUS,
                    honestExcept(0, Kind.EQUIVOCATING_LEADER));
            SyncVoteOutcome first = out.values().iterator().next();
            assertThat(out.values()).as("seed %d", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
            assertThat(first.accepted()).as("seed %d", seed).isFalse();
        }
    }
}

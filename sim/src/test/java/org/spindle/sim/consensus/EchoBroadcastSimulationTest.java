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
import org.spindle.protocol.consensus.syncvote.Broadcast;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteNode;
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.consensus.syncvote.Threshold;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.SyncVoteAdversaries;
import org.spindle.sim.adversary.SyncVoteAdversaries.Kind;
import org.spindle.sim.adversary.WithheldChain;

/**
 * The echo broadcast ({@link Broadcast#ECHO}) in the same setting as {@link SyncVoteSimulationTest}:
 * 4 voters (node 0 leads) in a group of 10, f = 4, Δ = 100 ms, latency 5–60 ms (so δ ≤ 60 ms). Votes
 * are cast at 110 ms; the verdict comes at 110 + (f + 2)·Δ = 710 ms.
 */
class EchoBroadcastSimulationTest {
    private static final int SEEDS = 200;
    private static final int GROUP = 10;
    private static final long START = Time.millis(10);
    private static final long DELTA = Time.millis(100);
    private static final long MAX_LATENCY = Time.millis(60);
    /** Signing and checking a proposal and a vote on the modelled core: well under a millisecond. */
    private static final long PROCESSING = Time.millis(1);
    private static final List<NodeId> MEMBERS = IntStream.range(0, GROUP).mapToObj(NodeId::of).toList();
    private static final List<NodeId> VOTERS = MEMBERS.subList(0, 4);
    private static final SyntheticPayloads RULES = new SyntheticPayloads(16, 64, false);

    private record Run(Map<Integer, SyncVoteOutcome> outcomes, Map<Integer, SyncVoteNode> nodes, long relayed) {}

    private static SyncVoteConfig config(Threshold threshold, Broadcast broadcast) {
        return new SyncVoteConfig(3, NodeId.of(0), VOTERS, MEMBERS, threshold, START, DELTA,
                SyncVoteConfig.reticulumFaults(GROUP), broadcast);
    }

    private static Run run(long seed, Threshold threshold, Broadcast broadcast, List<Kind> kinds) {
        SyncVoteConfig config = config(threshold, broadcast);
        Map<Integer, SyncVoteOutcome> outcomes = new TreeMap<>();
        Map<Integer, SyncVoteNode> nodes = new TreeMap<>();
        Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx -> {
            var p = SyncVoteAdversaries.create(kinds.get(ctx.self().index()), ctx, config, RULES,
                    (n, o) -> outcomes.put(n.index(), o));
            if (p instanceof SyncVoteNode n && kinds.get(ctx.self().index()) == Kind.HONEST) {
                nodes.put(ctx.self().index(), n);
            }
            return p;
        });
        sim.run(Time.seconds(2), null);
        return new Run(outcomes, nodes, sim.metrics().counterValue("syncvote.relayed"));
    }

    private static List<Kind> honestExcept(int node, Kind kind) {
        List<Kind> k = new ArrayList<>(Collections.nCopies(GROUP, Kind.HONEST));
        k.set(node, kind);
        return k;
    }

    private static void assertAgreement(long seed, Map<Integer, SyncVoteOutcome> out, int honest) {
        assertThat(out).as("seed %d: one verdict per honest member", seed).hasSize(honest);
        SyncVoteOutcome first = out.values().iterator().next();
        assertThat(out.values()).as("seed %d: identical vote sets", seed).allSatisfy(o -> assertThat(o).isEqualTo(first));
    }

    @Test
    void honestVotesReachEveryMemberWithinDeltaPlusDeltaOfTheStartWithoutAnyRelay() {
        SyncVoteConfig config = config(Threshold.UNANIMOUS, Broadcast.ECHO);
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(9, Kind.HONEST));
            assertAgreement(seed, r.outcomes(), GROUP);
            assertThat(r.outcomes().values().iterator().next().accepted()).as("seed %d", seed).isTrue();
            for (SyncVoteNode n : r.nodes().values()) {
                for (NodeId v : VOTERS) {
                    // The proposal goes out at the start, votes Δ later, and arrive after one real delay δ.
                    assertThat(n.firstAcceptedAt(v)).as("seed %d", seed).isPresent();
                    assertThat(n.firstAcceptedAt(v).getAsLong()).as("seed %d", seed)
                            .isLessThanOrEqualTo(START + DELTA + MAX_LATENCY + PROCESSING);
                }
            }
            assertThat(r.relayed()).as("seed %d: the good case needs no relay", seed).isZero();
        }
        assertThat(config.decideAt()).isEqualTo(START + DELTA + 6 * DELTA);
    }

    @Test
    void dolevStrongRelaysEveryVoteWhereTheEchoBroadcastRelaysNone() {
        Run ds = run(1, Threshold.UNANIMOUS, Broadcast.DOLEV_STRONG, honestExcept(9, Kind.HONEST));
        Run echo = run(1, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(9, Kind.HONEST));
        assertThat(ds.outcomes()).isEqualTo(echo.outcomes());
        assertThat(ds.relayed()).isEqualTo((long) VOTERS.size() * (GROUP - 1));
        assertThat(echo.relayed()).isZero();
    }

    @Test
    void equivocatingVoterIsConflictingAtEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(3, Kind.EQUIVOCATING_VOTER));
            assertAgreement(seed, r.outcomes(), GROUP - 1);
            SyncVoteOutcome first = r.outcomes().values().iterator().next();
            assertThat(first.ballots().get(3)).as("seed %d", seed).isInstanceOf(Ballot.Conflicting.class);
            assertThat(first.accepted()).isFalse();
        }
    }

    @Test
    void voteSentToOneMemberOnlyIsRelayedToTheMembersWhoseEchoLacksIt() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(2, Kind.SELECTIVE_VOTER));
            assertAgreement(seed, r.outcomes(), GROUP - 1);
            SyncVoteOutcome first = r.outcomes().values().iterator().next();
            assertThat(first.missing()).as("seed %d", seed).isEmpty();
            assertThat(first.accepted()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void falseEchoesCannotSplitTheHonestMembers() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<Kind> kinds = honestExcept(2, Kind.SELECTIVE_VOTER);
            kinds.set(7, Kind.FALSE_ECHO);
            kinds.set(8, Kind.FALSE_ECHO);
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, kinds);
            assertAgreement(seed, r.outcomes(), GROUP - 3);
            assertThat(r.outcomes().values().iterator().next().missing()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void silentVoterIsMissingAtEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(1, Kind.SILENT));
            assertAgreement(seed, r.outcomes(), GROUP - 1);
            assertThat(r.outcomes().values().iterator().next().missing()).as("seed %d", seed).containsExactly(1);
        }
    }

    @Test
    void lateVoteToOneMemberIsIgnoredEverywhere() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, Threshold.UNANIMOUS, Broadcast.ECHO, honestExcept(1, Kind.LATE_VOTER));
            assertAgreement(seed, r.outcomes(), GROUP - 1);
            assertThat(r.outcomes().values().iterator().next().missing()).as("seed %d", seed).containsExactly(1);
        }
    }

    /**
     * Voter 3 and members 6, 7, 8 collude (f = 4): voter 3 votes reject openly and signs a conflicting
     * approval that the colluders pass along privately and release to member 1 alone at some time
     * from voting to past the deadline. Whenever it is released, the honest members agree: either
     * all of them see the conflict or none does.
     */
    @Test
    void equivocationReleasedAtAnyTimeLeavesEveryHonestMemberWithTheSameVoteSet() {
        SyncVoteConfig config = config(Threshold.MAJORITY, Broadcast.ECHO);
        List<NodeId> colluders = List.of(NodeId.of(3), NodeId.of(6), NodeId.of(7), NodeId.of(8));
        int conflicting = 0;
        int plain = 0;
        for (long seed = 1; seed <= 60; seed++) {
            for (long release = 0; release <= Time.millis(650); release += Time.millis(50)) {
                long at = config.voteAt() + release;
                Map<Integer, SyncVoteOutcome> out = new TreeMap<>();
                Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                        colluders.contains(ctx.self())
                                ? new WithheldChain(ctx, config, colluders, at, NodeId.of(1), true)
                                : SyncVoteAdversaries.create(Kind.HONEST, ctx, config, RULES,
                                        (n, o) -> out.put(n.index(), o)));
                sim.run(Time.seconds(2), null);
                assertAgreement(seed * 1000 + release / 1000, out, GROUP - colluders.size());
                Ballot b = out.values().iterator().next().ballots().get(3);
                if (b instanceof Ballot.Conflicting) {
                    conflicting++;
                } else {
                    assertThat(b).isEqualTo(new Ballot.Reject(Hash.ZERO));
                    plain++;
                }
            }
        }
        // Released while its 4 signatures still fit the round (round 4 ends 500 ms after voting), the
        // approval is seen by all; later, by none.
        assertThat(conflicting).isPositive();
        assertThat(plain).isPositive();
    }
}

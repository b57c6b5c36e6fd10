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
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.consensus.syncvote.Threshold;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.CertificateTipping;
import org.spindle.sim.adversary.SyncVoteAdversaries;
import org.spindle.sim.adversary.SyncVoteAdversaries.Kind;

/**
 * The certificate broadcast ({@link Broadcast#BB}) in the setting of {@link EchoBroadcastSimulationTest}:
 * 4 voters (node 0 leads) in a group of 10, f = 4 (certificates of 5 echoes), Δ = 100 ms, latency
 * 5–60 ms. Votes are cast at 110 ms; in the good case every honest member decides 4Δ later, at 510 ms,
 * whatever f is; a member that saw a sign of the bad case decides at the last certificate deadline,
 * (2 + f)·Δ after voting: 710 ms.
 */
class BbBroadcastSimulationTest {
    private static final int SEEDS = 200;
    private static final int GROUP = 10;
    private static final long START = Time.millis(10);
    private static final long DELTA = Time.millis(100);
    private static final List<NodeId> MEMBERS = IntStream.range(0, GROUP).mapToObj(NodeId::of).toList();
    private static final List<NodeId> VOTERS = MEMBERS.subList(0, 4);
    private static final SyntheticPayloads RULES = new SyntheticPayloads(16, 64, false);
    private static final SyncVoteConfig CONFIG = new SyncVoteConfig(3, NodeId.of(0), VOTERS, MEMBERS,
            Threshold.UNANIMOUS, START, DELTA, SyncVoteConfig.reticulumFaults(GROUP), Broadcast.BB);

    private record Run(Map<Integer, SyncVoteOutcome> outcomes, Map<Integer, Long> decidedAt, long forwarded,
            long relayed, long fallbacks) {
        Run(Map<Integer, SyncVoteOutcome> outcomes, Map<Integer, Long> decidedAt) {
            this(outcomes, decidedAt, 0, 0, 0);
        }
    }

    /** When the honest members decide: all in the good case (4Δ), all in the bad case, or each at one of the two. */
    private enum When {
        GOOD,
        BAD,
        EITHER
    }

    private static final long GOOD_AT = CONFIG.voteAt() + 4 * DELTA;
    private static final long BAD_AT = CONFIG.fallbackDecideAt();

    private static Run run(long seed, List<Kind> kinds) {
        Map<Integer, SyncVoteOutcome> outcomes = new TreeMap<>();
        Map<Integer, Long> at = new TreeMap<>();
        Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                SyncVoteAdversaries.create(kinds.get(ctx.self().index()), ctx, CONFIG, RULES, (n, o) -> {
                    outcomes.put(n.index(), o);
                    at.put(n.index(), ctx.now());
                }));
        sim.run(Time.seconds(2), null);
        return new Run(outcomes, at, sim.metrics().counterValue("syncvote.bb.forwarded"),
                sim.metrics().counterValue("syncvote.relayed"), sim.metrics().counterValue("syncvote.bb.fallback"));
    }

    private static List<Kind> honestExcept(int node, Kind kind) {
        List<Kind> k = new ArrayList<>(Collections.nCopies(GROUP, Kind.HONEST));
        k.set(node, kind);
        return k;
    }

    /** Every honest member decided, at 4Δ after voting, on the same vote set. */
    private static SyncVoteOutcome assertAgreement(long seed, Run r, int honest) {
        return assertAgreement(seed, r, honest, When.GOOD);
    }

    /** Every honest member decided on the same vote set, at the time {@code when} says. */
    private static SyncVoteOutcome assertAgreement(long seed, Run r, int honest, When when) {
        assertThat(r.outcomes()).as("seed %d: one verdict per honest member", seed).hasSize(honest);
        SyncVoteOutcome first = r.outcomes().values().iterator().next();
        assertThat(r.outcomes().values()).as("seed %d: identical vote sets", seed)
                .allSatisfy(o -> assertThat(o).isEqualTo(first));
        assertThat(r.decidedAt().values()).as("seed %d: decided %s", seed, when).allSatisfy(t -> {
            // Within 2 ms of the deadline: a member still checking signatures (modelled CPU time) decides after.
            boolean good = t >= GOOD_AT && t <= GOOD_AT + Time.millis(2);
            boolean bad = t >= BAD_AT && t <= BAD_AT + Time.millis(2);
            assertThat(switch (when) {
                case GOOD -> good;
                case BAD -> bad;
                case EITHER -> good || bad;
            }).as("seed %d: decided at %d (good case %d, bad case %d)", seed, t, GOOD_AT, BAD_AT).isTrue();
        });
        return first;
    }

    private static void assertApproved(long seed, SyncVoteOutcome o, List<Integer> voters) {
        for (int v : voters) {
            assertThat(o.ballots().get(v)).as("seed %d: voter %d's vote is output", seed).isInstanceOf(Ballot.Approve.class);
        }
    }

    @Test
    void honestVotesAreOutputEverywhereAtFourDeltaWithoutAnyCertificateOrRelay() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(seed, honestExcept(9, Kind.HONEST));
            SyncVoteOutcome o = assertAgreement(seed, r, GROUP);
            assertThat(o.accepted()).as("seed %d", seed).isTrue();
            assertThat(o.missing()).isEmpty();
            assertThat(r.forwarded()).as("seed %d: the good case forwards no certificate", seed).isZero();
            assertThat(r.relayed()).as("seed %d: nor relays a vote", seed).isZero();
            assertThat(r.fallbacks()).as("seed %d: nor waits for the bad case", seed).isZero();
        }
        assertThat(CONFIG.decideAt() - CONFIG.voteAt()).isEqualTo(4 * DELTA);
        assertThat(CONFIG.fallbackDecideAt() - CONFIG.voteAt()).isEqualTo(6 * DELTA);
    }

    @Test
    void honestVotersStayInTheGoodCaseAndDecideAtFourDeltaDespiteFFalseEchoers() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            // f = 4 members echo approvals of a block no voter signed, to half the group each.
            List<Kind> kinds = honestExcept(6, Kind.FALSE_ECHO);
            kinds.set(7, Kind.FALSE_ECHO);
            kinds.set(8, Kind.FALSE_ECHO);
            kinds.set(9, Kind.FALSE_ECHO);
            Run r = run(seed, kinds);
            SyncVoteOutcome o = assertAgreement(seed, r, GROUP - 4, When.GOOD);
            assertApproved(seed, o, List.of(0, 1, 2, 3));
            assertThat(o.accepted()).as("seed %d", seed).isTrue();
            assertThat(r.fallbacks()).as("seed %d: a listed value nobody holds signed is no sign of the bad case", seed)
                    .isZero();
        }
    }

    @Test
    void aVoteSeenByAMajorityOfEchoesIsOutputEverywhereEvenFromAnEquivocatingVoter() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            // Voter 3 sends its approval to members 0, 2, 5, 7, 9 and a rejection to 1, 4, 6, 8: with its
            // own echo the approval has 6 echoes, a certificate; the rejection has 4, none.
            // The rejection, signed and listed by honest echoes but uncertified, is the sign of the bad case.
            Run r = run(seed, honestExcept(3, Kind.EQUIVOCATING_VOTER));
            SyncVoteOutcome o = assertAgreement(seed, r, GROUP - 1, When.BAD);
            assertApproved(seed, o, List.of(0, 1, 2, 3));
            assertThat(r.forwarded()).as("seed %d: 6 echoes of 10 need the certificate sent on", seed).isPositive();
            assertThat(r.fallbacks()).as("seed %d", seed).isEqualTo(GROUP - 1);
        }
    }

    @Test
    void aVoteSentToOneMemberOnlyIsNoVoteAtEveryHonestMemberAfterTheBadCaseWait() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SyncVoteOutcome o = assertAgreement(seed, run(seed, honestExcept(2, Kind.SELECTIVE_VOTER)), GROUP - 1,
                    When.BAD);
            assertThat(o.missing()).as("seed %d", seed).containsExactly(2);
            assertApproved(seed, o, List.of(0, 1, 3));
            assertThat(o.accepted()).isFalse();
        }
    }

    @Test
    void silentAndLateVotersAreNoVoteAtEveryHonestMember() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<Kind> kinds = honestExcept(1, Kind.SILENT);
            kinds.set(3, Kind.LATE_VOTER);
            SyncVoteOutcome o = assertAgreement(seed, run(seed, kinds), GROUP - 2);
            assertThat(o.missing()).as("seed %d", seed).containsExactly(1, 3);
            assertApproved(seed, o, List.of(0, 2));
        }
    }

    @Test
    void byzantineRelayersUpToFCannotSplitTheHonestMembersOrDropAnHonestVote() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            // f = 4 Byzantine members: an equivocating voter, two false echoers, one silent member.
            List<Kind> kinds = honestExcept(3, Kind.EQUIVOCATING_VOTER);
            kinds.set(6, Kind.FALSE_ECHO);
            kinds.set(7, Kind.FALSE_ECHO);
            kinds.set(8, Kind.SILENT);
            SyncVoteOutcome o = assertAgreement(seed, run(seed, kinds), GROUP - 4, When.BAD);
            assertApproved(seed, o, List.of(0, 1, 2));
        }
    }

    @Test
    void aLeaderSendingTwoBlocksLeavesEveryHonestMemberWithTheSameRejectedVote() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SyncVoteOutcome o = assertAgreement(seed, run(seed, honestExcept(0, Kind.EQUIVOCATING_LEADER)), GROUP - 1);
            assertThat(o.accepted()).as("seed %d", seed).isFalse();
            assertThat(o.missing()).as("seed %d: every honest voter's vote is output", seed).doesNotContain(1, 2, 3);
        }
    }

    /**
     * Voter 3 sends its approval to members 4, 5 and 6 only and echoes it, so the honest members count
     * 4 echoes of the 5 a certificate needs; its colluder, member 9, releases its own echo of the
     * vote and a certificate it assembled to member 1 alone, at times from voting to past the
     * deadline. Whenever it is released, the honest members agree.
     */
    @Test
    void aVoterWithOneColluderCannotSplitTheHonestMembersWhenItReleasesACertificate() {
        sweepReleases(false);
    }

    /** The same, the certificate also carrying the voter's own forwarder signature: refused as such. */
    @Test
    void aVoterCannotBeTheSecondForwarderThatLetsACertificateArriveAtTheDeadline() {
        sweepReleases(true);
    }

    private void sweepReleases(boolean viaVoter) {
        NodeId voter = NodeId.of(3);
        NodeId colluder = NodeId.of(9);
        List<NodeId> receivers = List.of(NodeId.of(4), NodeId.of(5), NodeId.of(6));
        int output = 0;
        int none = 0;
        for (long seed = 1; seed <= 25; seed++) {
            for (long release = 0; release <= 5 * DELTA; release += DELTA / 4) {
                long at = CONFIG.voteAt() + release;
                Map<Integer, SyncVoteOutcome> out = new TreeMap<>();
                Map<Integer, Long> when = new TreeMap<>();
                Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                        ctx.self().equals(voter) || ctx.self().equals(colluder)
                                ? new CertificateTipping(ctx, CONFIG, voter, colluder, receivers, at, NodeId.of(1),
                                        viaVoter)
                                : SyncVoteAdversaries.create(Kind.HONEST, ctx, CONFIG, RULES, (n, o) -> {
                                    out.put(n.index(), o);
                                    when.put(n.index(), ctx.now());
                                }));
                sim.run(Time.seconds(2), null);
                SyncVoteOutcome o = assertAgreement(seed * 10_000 + release / 1000, new Run(out, when), GROUP - 2,
                        When.EITHER);
                if (o.ballots().get(3) instanceof Ballot.Approve a) {
                    assertThat(a.block()).isEqualTo(Hash.ZERO);
                    output++;
                } else {
                    assertThat(o.missing()).contains(3);
                    none++;
                }
            }
        }
        // Released in time for member 1 to certify (by 2Δ) or to accept and forward the certificate
        // (by 3Δ), the vote is output everywhere; later, nowhere.
        assertThat(output).isPositive();
        assertThat(none).isPositive();
    }

    /**
     * Voter 3 as above, with two or three colluders (up to f = 4 Byzantine members): member 9 releases
     * its echo and a certificate forwarded by every colluder (member 8, then 7 when there are three,
     * then 9) to member 1 alone, at times from voting to past the last certificate deadline, every
     * 10 ms. Without the bad-case path a certificate with two forwarders released just before 4Δ left
     * member 1 alone with the vote; now every honest member sees the relayed, uncertified vote, waits
     * for the last deadline, and member 1 forwards what it accepted: agreement in every run.
     */
    @Test
    void aVoterWithTwoOrThreeColludersCannotSplitTheHonestMembersWheneverTheyReleaseACertificate() {
        NodeId voter = NodeId.of(3);
        NodeId releaser = NodeId.of(9);
        List<NodeId> receivers = List.of(NodeId.of(4), NodeId.of(5), NodeId.of(6));
        for (List<NodeId> helpers : List.of(List.of(NodeId.of(8)), List.of(NodeId.of(8), NodeId.of(7)))) {
            int colluders = helpers.size() + 1;
            int output = 0;
            int none = 0;
            int late = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                for (long release = 0; release <= 6 * DELTA; release += DELTA / 10) {
                    long at = CONFIG.voteAt() + release;
                    Map<Integer, SyncVoteOutcome> out = new TreeMap<>();
                    Map<Integer, Long> when = new TreeMap<>();
                    Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                            ctx.self().equals(voter) || ctx.self().equals(releaser) || helpers.contains(ctx.self())
                                    ? new CertificateTipping(ctx, CONFIG, voter, releaser, helpers, receivers, at,
                                            NodeId.of(1), false)
                                    : SyncVoteAdversaries.create(Kind.HONEST, ctx, CONFIG, RULES, (n, o) -> {
                                        out.put(n.index(), o);
                                        when.put(n.index(), ctx.now());
                                    }));
                    sim.run(Time.seconds(2), null);
                    long id = seed * 100_000 + colluders * 10_000 + release / 1000;
                    SyncVoteOutcome o = assertAgreement(id, new Run(out, when), GROUP - 1 - colluders, When.EITHER);
                    assertThat(sim.metrics().counterValue("syncvote.bb.certifiedAfterVerdict")).as("run %d", id)
                            .isZero();
                    if (o.ballots().get(3) instanceof Ballot.Approve a) {
                        assertThat(a.block()).isEqualTo(Hash.ZERO);
                        output++;
                        if (release >= 3 * DELTA) {
                            late++;
                        }
                    } else {
                        assertThat(o.missing()).as("run %d", id).contains(3);
                        none++;
                    }
                }
            }
            assertThat(output).as("%d colluders: the vote is output when released in time", colluders).isPositive();
            assertThat(none).as("%d colluders: and nowhere when released too late", colluders).isPositive();
            assertThat(late).as("%d colluders: a certificate released after 3Δ still reaches everyone", colluders)
                    .isPositive();
        }
    }

    /**
     * f = 4 Byzantine members, the voter 3 and colluders 7, 8 and 9, follow a random plan per seed
     * ({@link BbCoalition}): two signed values sent to random subsets, some late; random signed echoes
     * to each honest member; relays; certificates with chains of one to three colluders released to
     * one to three honest members at random times up to past the last deadline. In every seed the six
     * honest members output the same vote set, each at 4Δ or at the bad-case deadline, and the honest
     * voters' votes are in it.
     */
    @Test
    void aByzantineVoterWithThreeColludersActingAtRandomNeverSplitsTheHonestMembers() {
        NodeId voter = NodeId.of(3);
        List<NodeId> colluders = List.of(NodeId.of(7), NodeId.of(8), NodeId.of(9));
        Map<String, Integer> outputs = new TreeMap<>();
        int mixed = 0;
        int bad = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            BbCoalition coalition = new BbCoalition(CONFIG, voter, colluders, seed);
            Map<Integer, SyncVoteOutcome> out = new TreeMap<>();
            Map<Integer, Long> when = new TreeMap<>();
            Simulation sim = new Simulation(SimConfig.of(GROUP, seed).withNetwork(BftRuns.NETWORK), ctx ->
                    coalition.member(ctx.self()) ? coalition.node(ctx)
                            : SyncVoteAdversaries.create(Kind.HONEST, ctx, CONFIG, RULES, (n, o) -> {
                                out.put(n.index(), o);
                                when.put(n.index(), ctx.now());
                            }));
            sim.run(Time.seconds(2), null);
            SyncVoteOutcome o = assertAgreement(seed, new Run(out, when), GROUP - 4, When.EITHER);
            assertApproved(seed, o, List.of(0, 1, 2));
            assertThat(sim.metrics().counterValue("syncvote.bb.certifiedAfterVerdict"))
                    .as("seed %d: no value certified after a member's verdict", seed).isZero();
            Ballot b = o.ballots().get(3);
            outputs.merge(b == null ? "none" : b.getClass().getSimpleName(), 1, Integer::sum);
            long late = when.values().stream().filter(t -> t >= BAD_AT).count();
            if (late > 0) {
                bad++;
            }
            if (late > 0 && late < when.size()) {
                mixed++;
            }
        }
        // The plans reach every kind of output and both deadlines, some runs with early and late deciders together.
        assertThat(outputs).as("voter 3's outputs over the seeds").containsKeys("none", "Approve", "Reject");
        assertThat(bad).as("runs with the bad case").isPositive();
        assertThat(bad).as("and runs without").isLessThan((int) SEEDS);
        System.out.printf("coalition sweep: outputs %s, bad case in %d runs, early and late deciders in %d%n",
                outputs, bad, mixed);
    }
}

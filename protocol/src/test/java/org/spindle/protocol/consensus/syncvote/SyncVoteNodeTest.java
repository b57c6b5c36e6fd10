package org.spindle.protocol.consensus.syncvote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.TestContext;
import org.spindle.protocol.consensus.syncvote.Receipt.Reason;
import org.spindle.protocol.runtime.NodeId;

/** One sync-vote member driven by hand, and the message codec. */
class SyncVoteNodeTest {
    private static final List<NodeId> GROUP = IntStream.range(0, 5).mapToObj(NodeId::of).toList();
    private static final List<NodeId> VOTERS = GROUP.subList(0, 3);
    private static final SyntheticPayloads RULES = new SyntheticPayloads(2, 8, false);
    // Start 0, Δ = 100, votes at 100, rounds end at 200, 300, 400 (f = 2), decision at 400.
    private static final SyncVoteConfig CONFIG = new SyncVoteConfig(7, NodeId.of(0), VOTERS, GROUP,
            Threshold.UNANIMOUS, 0, 100, 2);
    private final Hash block = Hash.wrap(new byte[] {
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    private TestContext ctx;
    private SyncVoteNode node;

    @BeforeEach
    void start() {
        ctx = new TestContext(NodeId.of(3)); // a group member that does not vote
        node = new SyncVoteNode(ctx, CONFIG, RULES, (n, o) -> {});
        node.onStart();
    }

    static VoteChain vote(int voter, Hash block, boolean approve, int... relayers) {
        VoteChain c = new VoteChain(7, NodeId.of(voter), block, approve, TestContext.signAs(NodeId.of(voter),
                SyncVoteMessage.voteBytes(false, 7, voter, block, approve)), List.of());
        for (int r : relayers) {
            c = c.append(new VoteChain.Link(NodeId.of(r), TestContext.signAs(NodeId.of(r),
                    SyncVoteMessage.voteBytes(true, 7, voter, block, approve))));
        }
        return c;
    }

    private void assertRefused(VoteChain c, Reason reason) {
        int sent = ctx.sent.size();
        assertThat(node.handle(NodeId.of(1), c)).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(reason));
        assertThat(ctx.sent).hasSize(sent);
    }

    private SyncVoteOutcome decide() {
        ctx.now = CONFIG.decideAt() + 1;
        node.onTimer(new SyncVoteNode.DecideTimer());
        return node.outcome();
    }

    @Test
    void thresholdsCountApprovals() {
        assertThat(Threshold.UNANIMOUS.accepts(3, 3)).isTrue();
        assertThat(Threshold.UNANIMOUS.accepts(2, 3)).isFalse();
        assertThat(Threshold.MAJORITY.accepts(2, 3)).isTrue();
        assertThat(Threshold.MAJORITY.accepts(2, 4)).isFalse();
    }

    @Test
    void aNewVoteInRoundOneIsAcceptedAndRelayedToMembersNotOnTheChain() {
        ctx.now = 150;
        assertThat(node.handle(NodeId.of(1), vote(1, block, true))).isEqualTo(Receipt.USED);
        assertThat(ctx.sentOf(VoteChain.class)).hasSize(3).allSatisfy(c -> assertThat(c.length()).isEqualTo(2));
        assertThat(ctx.sent).extracting(TestContext.Sent::to).containsExactly(NodeId.of(0), NodeId.of(2),
                NodeId.of(4));
    }

    @Test
    void outcomeListsEveryVotersBallotAndWhoIsMissing() {
        ctx.now = 150;
        node.handle(NodeId.of(0), vote(0, block, true));
        node.handle(NodeId.of(1), vote(1, block, false));
        SyncVoteOutcome o = decide();
        assertThat(o.accepted()).isFalse();
        assertThat(o.ballots()).containsEntry(0, new Ballot.Approve(block)).containsEntry(1, new Ballot.Reject(block));
        assertThat(o.missing()).containsExactly(2);
    }

    @Test
    void twoDifferentVotesOfOneVoterMakeItConflicting() {
        ctx.now = 150;
        node.handle(NodeId.of(0), vote(0, block, true));
        node.handle(NodeId.of(0), vote(0, Hash.ZERO, false));
        assertRefused(vote(0, Hash.ZERO, true), Reason.SATURATED);
        assertThat(decide().ballots()).containsEntry(0, new Ballot.Conflicting());
    }

    @Test
    void chainShorterThanItsRoundIsRefusedAsLate() {
        ctx.now = 250; // round 2 needs two signatures
        assertRefused(vote(1, block, true), Reason.TOO_LATE);
        assertThat(node.handle(NodeId.of(4), vote(1, block, true, 4))).isEqualTo(Receipt.USED);
    }

    @Test
    void chainAcceptedInTheLastRoundIsNotRelayed() {
        ctx.now = 350; // round 3 = f + 1
        assertThat(node.handle(NodeId.of(4), vote(1, block, true, 4, 0))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).isEmpty();
    }

    @Test
    void voteAfterTheDeadlineIsRefused() {
        ctx.now = 401;
        assertRefused(vote(1, block, true, 4, 0, 2), Reason.TOO_LATE);
    }

    @Test
    void voteFromANonVoterIsRefused() {
        ctx.now = 150;
        assertRefused(vote(4, block, true), Reason.NOT_VOTER);
    }

    @Test
    void relaySignatureByANonMemberIsRefused() {
        ctx.now = 250;
        assertRefused(vote(1, block, true, 9), Reason.NOT_MEMBER);
    }

    @Test
    void chainSignedTwiceByOneRelayerIsRefused() {
        ctx.now = 350;
        assertRefused(vote(1, block, true, 4, 4), Reason.REPEATED_SIGNER);
    }

    @Test
    void forgedVoterSignatureIsRefused() {
        ctx.now = 150;
        VoteChain good = vote(1, block, true);
        assertRefused(new VoteChain(7, NodeId.of(1), block, true, TestContext.signAs(NodeId.of(2),
                SyncVoteMessage.voteBytes(false, 7, 1, block, true)), List.of()), Reason.BAD_SIGNATURE);
        assertThat(good.voterSignature()).isNotEqualTo(Bytes.EMPTY);
    }

    @Test
    void forgedRelaySignatureIsRefused() {
        ctx.now = 250;
        VoteChain c = vote(1, block, true).append(new VoteChain.Link(NodeId.of(4), TestContext.signAs(NodeId.of(0),
                SyncVoteMessage.voteBytes(true, 7, 1, block, true))));
        assertRefused(c, Reason.BAD_SIGNATURE);
    }

    @Test
    void voteForAnotherEpochIsRefused() {
        ctx.now = 150;
        VoteChain other = new VoteChain(8, NodeId.of(1), block, true, TestContext.signAs(NodeId.of(1),
                SyncVoteMessage.voteBytes(false, 8, 1, block, true)), List.of());
        assertRefused(other, Reason.WRONG_EPOCH);
    }

    @Test
    void duplicatedVoteIsRefused() {
        ctx.now = 150;
        node.handle(NodeId.of(1), vote(1, block, true));
        assertRefused(vote(1, block, true, 0), Reason.DUPLICATE);
    }

    @Test
    void restartedVoterDoesNotVoteAgain() {
        TestContext voter = new TestContext(NodeId.of(1));
        SyncVoteNode first = new SyncVoteNode(voter, CONFIG, RULES, (n, o) -> {});
        voter.now = 100;
        first.onTimer(new SyncVoteNode.VoteTimer());
        assertThat(voter.sentOf(VoteChain.class)).hasSize(4);
        voter.sent.clear();
        SyncVoteNode again = new SyncVoteNode(voter, CONFIG, RULES, (n, o) -> {});
        again.onTimer(new SyncVoteNode.VoteTimer());
        assertThat(voter.sent).isEmpty();
    }

    @Provide
    Arbitrary<SyncVoteMessage> messages() {
        Arbitrary<Bytes> sigs = Arbitraries.bytes().array(byte[].class).ofMaxSize(SyncVoteMessage.MAX_SIGNATURE)
                .map(Bytes::wrap);
        Arbitrary<Hash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
        Arbitrary<NodeId> ids = Arbitraries.integers().between(0, 50_000).map(NodeId::of);
        Arbitrary<LeaderProposal> proposals = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(Bytes::wrap),
                        Arbitraries.integers().between(0, 3000)).as(Payload::new), ids, sigs).as(LeaderProposal::new);
        Arbitrary<VoteChain> chains = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), ids, hashes,
                Arbitraries.of(true, false), sigs, Combinators.combine(ids, sigs).as(VoteChain.Link::new).list()
                        .ofMaxSize(6)).as(VoteChain::new);
        Arbitrary<Echo.Value> values = Combinators.combine(hashes, Arbitraries.of(true, false)).as(Echo.Value::new);
        Arbitrary<List<Echo.Value>> held = values.list().ofMaxSize(2).uniqueElements();
        Arbitrary<Echo> echoes = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                held.list().ofMaxSize(30)).as(Echo::new);
        Arbitrary<Echo> signedEchoes = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                held.list().ofMaxSize(10), sigs).as(Echo::new);
        Arbitrary<Certificate> certificates = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), ids,
                hashes, Arbitraries.of(true, false), Combinators.combine(ids, signedEchoes).as(Certificate.Vouch::new)
                        .list().ofMaxSize(5), Combinators.combine(ids, sigs).as(VoteChain.Link::new).list().ofMaxSize(6))
                .as(Certificate::new);
        return Arbitraries.oneOf(proposals, chains, echoes, signedEchoes, certificates);
    }

    @Property(tries = 200)
    void everySyncVoteMessageRoundTripsAndItsEncodedSizeIsExact(@ForAll("messages") SyncVoteMessage m) {
        Bytes encoded = SyncVoteMessage.CODEC.encode(m);
        assertThat(encoded.size()).isEqualTo(m.encodedSize());
        assertThat(SyncVoteMessage.CODEC.decode(encoded)).isEqualTo(m);
    }

    @Test
    void oversizedFrameIsRejectedBeforeDecoding() {
        assertThatThrownBy(() -> SyncVoteMessage.CODEC.decode(Bytes.wrap(new byte[SyncVoteMessage.CODEC.maxSize() + 1])))
                .isInstanceOf(CodecException.class).hasMessageContaining("exceeds the limit");
    }

    // ECHO: start 0, Δ = 100, votes at 100, round 1 ends (and echoes go out) at 200, relays to members
    // lacking a vote at 300, round 2 ends at 400, round 3 = f + 1 at 500, the decision.
    private static final SyncVoteConfig ECHO = new SyncVoteConfig(7, NodeId.of(0), VOTERS, GROUP,
            Threshold.UNANIMOUS, 0, 100, 2, Broadcast.ECHO);

    private SyncVoteNode echoNode() {
        ctx = new TestContext(NodeId.of(3));
        SyncVoteNode n = new SyncVoteNode(ctx, ECHO, RULES, (x, o) -> {});
        n.onStart();
        return n;
    }

    private static Echo echoOf(List<Echo.Value> forEachVoter) {
        return new Echo(7, VOTERS.stream().map(v -> forEachVoter).toList());
    }

    @Test
    void echoRoundsEndOneDeltaLaterThanDolevStrongFromRoundTwoOn() {
        assertThat(ECHO.roundEnd(1)).isEqualTo(200);
        assertThat(ECHO.echoAt()).isEqualTo(200);
        assertThat(ECHO.lackRelayAt()).isEqualTo(300);
        assertThat(ECHO.roundEnd(2)).isEqualTo(400);
        assertThat(ECHO.decideAt()).isEqualTo(500);
        assertThat(ECHO.roundAt(200)).isEqualTo(1);
        assertThat(ECHO.roundAt(201)).isEqualTo(2);
        assertThat(ECHO.roundAt(400)).isEqualTo(2);
        assertThat(ECHO.roundAt(401)).isEqualTo(3);
        assertThat(CONFIG.roundAt(201)).isEqualTo(2);
        assertThat(CONFIG.roundAt(301)).isEqualTo(3);
    }

    @Test
    void echoModeKeepsARoundOneVoteAndRelaysItOnlyToMembersWhoseEchoLacksIt() {
        SyncVoteNode n = echoNode();
        ctx.now = 150;
        assertThat(n.handle(NodeId.of(1), vote(1, block, true))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).as("no relay in round 1").isEmpty();
        assertThat(n.firstAcceptedAt(NodeId.of(1))).hasValue(150);
        assertThat(n.echo().held().get(1)).containsExactly(new Echo.Value(block, true));
        ctx.now = 250;
        Echo has = new Echo(7, List.of(List.of(), List.of(new Echo.Value(block, true)), List.of()));
        Echo lacks = echoOf(List.of());
        assertThat(n.handle(NodeId.of(0), has)).isEqualTo(Receipt.USED);
        assertThat(n.handle(NodeId.of(2), has)).isEqualTo(Receipt.USED);
        assertThat(n.handle(NodeId.of(4), lacks)).isEqualTo(Receipt.USED);
        ctx.now = 300;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(ctx.sentOf(VoteChain.class)).hasSize(1).allSatisfy(c -> assertThat(c.length()).isEqualTo(2));
        assertThat(ctx.sent).extracting(TestContext.Sent::to).containsExactly(NodeId.of(4));
    }

    @Test
    void echoModeAcceptsATwoSignatureChainUntilTheEndOfItsLongerRoundTwo() {
        SyncVoteNode n = echoNode();
        ctx.now = 390;
        assertThat(n.handle(NodeId.of(4), vote(1, block, true, 4))).isEqualTo(Receipt.USED);
        assertThat(ctx.sentOf(VoteChain.class)).as("accepted in round 2 <= f: relayed to all off the chain")
                .hasSize(2).allSatisfy(c -> assertThat(c.length()).isEqualTo(3));
        ctx.now = 401;
        assertThat(n.handle(NodeId.of(4), vote(2, block, true, 4))).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LATE));
    }

    @Test
    void malformedLateDuplicateAndForeignEchoesAreRefused() {
        SyncVoteNode n = echoNode();
        ctx.now = 250;
        Echo shortEcho = new Echo(7, List.of(List.of()));
        assertThat(n.handle(NodeId.of(1), shortEcho)).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.MALFORMED));
        assertThat(n.handle(NodeId.of(9), echoOf(List.of()))).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.NOT_MEMBER));
        assertThat(n.handle(NodeId.of(1), new Echo(8, VOTERS.stream().map(v -> List.<Echo.Value>of()).toList())))
                .isInstanceOfSatisfying(Receipt.Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_EPOCH));
        assertThat(n.handle(NodeId.of(1), echoOf(List.of()))).isEqualTo(Receipt.USED);
        assertThat(n.handle(NodeId.of(1), echoOf(List.of()))).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.DUPLICATE));
        ctx.now = 301;
        assertThat(n.handle(NodeId.of(2), echoOf(List.of()))).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LATE));
        assertThat(node.handle(NodeId.of(1), echoOf(List.of()))).as("a Dolev–Strong vote has no echo round")
                .isInstanceOfSatisfying(Receipt.Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.NOT_SYNC_VOTE));
    }

    @Test
    void echoModeRefusesAForgedVoteLikeDolevStrong() {
        SyncVoteNode n = echoNode();
        ctx.now = 150;
        VoteChain forged = new VoteChain(7, NodeId.of(1), block, true, TestContext.signAs(NodeId.of(2),
                SyncVoteMessage.voteBytes(false, 7, 1, block, true)), List.of());
        assertThat(n.handle(NodeId.of(2), forged)).isInstanceOfSatisfying(Receipt.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(n.echo().held().get(1)).isEmpty();
    }

    @Test
    void echoWithThreeValuesForOneVoterOrABadIndexDoesNotDecode() {
        assertThatThrownBy(() -> new Echo(7, List.of(List.of(new Echo.Value(Hash.ZERO, true),
                new Echo.Value(Hash.ZERO, false), new Echo.Value(Hash.ZERO, true))))).isInstanceOf(
                IllegalArgumentException.class);
        Bytes good = SyncVoteMessage.CODEC.encode(echoOf(List.of(new Echo.Value(Hash.ZERO, true))));
        byte[] raw = good.toArray();
        raw[raw.length - 2] = 5; // the last voter's value index (before the empty signature) points past the one value
        assertThatThrownBy(() -> SyncVoteMessage.CODEC.decode(Bytes.wrap(raw))).isInstanceOf(CodecException.class);
    }

    // BB: start 0, Δ = 100, votes at 100, echoes at 200 (the echo deadline is 300), certificates at
    // 301, one forwarder accepted until 401, two until 501; decision at 500. f = 2, so q = 3.
    private static final SyncVoteConfig BB = new SyncVoteConfig(7, NodeId.of(0), VOTERS, GROUP,
            Threshold.UNANIMOUS, 0, 100, 2, Broadcast.BB);

    private SyncVoteNode bbNode() {
        ctx = new TestContext(NodeId.of(3));
        SyncVoteNode n = new SyncVoteNode(ctx, BB, RULES, (x, o) -> {});
        n.onStart();
        return n;
    }

    private static Echo signedEcho(int signer, List<List<Echo.Value>> held) {
        Echo e = new Echo(7, held);
        return e.signed(TestContext.signAs(NodeId.of(signer), e.signingBytes()));
    }

    /** An echo listing voter 1's approval of {@code block} only. */
    private Echo listingVoterOne(int signer) {
        return signedEcho(signer, List.of(List.of(), List.of(new Echo.Value(block, true)), List.of()));
    }

    private Certificate certificate(int[] vouchers, int... forwarders) {
        List<Certificate.Vouch> vouches = java.util.Arrays.stream(vouchers)
                .mapToObj(v -> new Certificate.Vouch(NodeId.of(v), listingVoterOne(v))).toList();
        Certificate c = new Certificate(7, NodeId.of(1), block, true, vouches, List.of());
        for (int f : forwarders) {
            c = c.forwardedBy(new VoteChain.Link(NodeId.of(f), TestContext.signAs(NodeId.of(f),
                    Certificate.forwardBytes(7, 1, block, true))));
        }
        return c;
    }

    private SyncVoteOutcome decide(SyncVoteNode n) {
        ctx.now = BB.decideAt() + 1;
        n.onTimer(new SyncVoteNode.DecideTimer());
        return n.outcome();
    }

    private static void assertRefusedFor(Receipt r, Reason reason) {
        assertThat(r).isInstanceOfSatisfying(Receipt.Refused.class, x -> assertThat(x.reason()).isEqualTo(reason));
    }

    @Test
    void bbDecidesFourDeltaAfterVotingWhateverTheFaultBoundAndNeedsAnHonestMajority() {
        assertThat(BB.echoAt()).isEqualTo(200);
        assertThat(BB.lackRelayAt()).isEqualTo(300);
        assertThat(BB.certificateDeadline(1)).isEqualTo(401);
        assertThat(BB.certificateDeadline(2)).isEqualTo(501);
        assertThat(BB.decideAt()).isEqualTo(500);
        assertThat(BB.quorum()).isEqualTo(3);
        List<NodeId> big = IntStream.range(0, 329).mapToObj(NodeId::of).toList();
        assertThat(new SyncVoteConfig(7, NodeId.of(0), VOTERS, big, Threshold.MAJORITY, 0, 100, 164, Broadcast.BB)
                .decideAt()).isEqualTo(500);
        assertThatThrownBy(() -> new SyncVoteConfig(7, NodeId.of(0), VOTERS, GROUP, Threshold.MAJORITY, 0, 100, 3,
                Broadcast.BB)).hasMessageContaining("honest majority");
    }

    @Test
    void bbSignsItsEchoAndCertifiesSilentlyWhenEveryHonestMemberMustCountAQuorumToo() {
        SyncVoteNode n = bbNode();
        ctx.now = 150;
        assertThat(n.handle(NodeId.of(1), vote(1, block, true))).isEqualTo(Receipt.USED);
        ctx.now = 200;
        Echo own = n.echo();
        assertThat(TestContext.cryptoOf(NodeId.of(0)).verify(NodeId.of(3), own.signingBytes(), own.signature())).isTrue();
        ctx.now = 250;
        for (int m : new int[] {0, 1, 2, 4}) {
            assertThat(n.handle(NodeId.of(m), listingVoterOne(m))).isEqualTo(Receipt.USED);
        }
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(ctx.sentOf(Certificate.class)).as("5 echoes of 5: 5 − f ≥ q at every honest member").isEmpty();
        SyncVoteOutcome o = decide(n);
        assertThat(o.ballots()).containsExactly(java.util.Map.entry(1, new Ballot.Approve(block)));
        assertThat(o.missing()).containsExactly(0, 2);
        assertThat(n.approveSignatures()).containsOnlyKeys(1);
    }

    @Test
    void bbChecksAMarginalQuorumAndForwardsItsCertificateToEveryone() {
        SyncVoteNode n = bbNode();
        ctx.now = 150;
        n.handle(NodeId.of(1), vote(1, block, true));
        ctx.now = 200;
        n.echo();
        ctx.now = 250;
        n.handle(NodeId.of(1), listingVoterOne(1));
        n.handle(NodeId.of(4), listingVoterOne(4));
        n.handle(NodeId.of(0), signedEcho(0, List.of(List.of(), List.of(), List.of())));
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(ctx.sent).filteredOn(x -> x.message() instanceof Certificate).extracting(TestContext.Sent::to)
                .containsExactlyInAnyOrder(NodeId.of(0), NodeId.of(1), NodeId.of(2), NodeId.of(4));
        Certificate sent = ctx.sentOf(Certificate.class).getFirst();
        assertThat(sent.vouches()).extracting(Certificate.Vouch::signer)
                .containsExactlyInAnyOrder(NodeId.of(1), NodeId.of(3), NodeId.of(4));
        assertThat(sent.forwarders()).extracting(VoteChain.Link::signer).containsExactly(NodeId.of(3));
        assertThat(decide(n).ballots()).containsEntry(1, new Ballot.Approve(block));
    }

    @Test
    void bbDoesNotCountAnEchoWhoseSignatureFailsWhenTheQuorumIsMarginal() {
        SyncVoteNode n = bbNode();
        ctx.now = 150;
        n.handle(NodeId.of(1), vote(1, block, true));
        ctx.now = 200;
        n.echo();
        ctx.now = 250;
        n.handle(NodeId.of(1), listingVoterOne(1));
        n.handle(NodeId.of(4), listingVoterOne(2)); // signed by 2, sent by 4
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(ctx.sentOf(Certificate.class)).isEmpty();
        assertThat(decide(n).missing()).contains(1);
    }

    @Test
    void bbAcceptsACertificateUntilTheDeadlineOfItsForwarderCountAndForwardsAOneForwarderOneOnce() {
        SyncVoteNode n = bbNode();
        ctx.now = 350;
        assertThat(n.handle(NodeId.of(4), certificate(new int[] {0, 1, 2}, 4))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).extracting(TestContext.Sent::to)
                .containsExactlyInAnyOrder(NodeId.of(0), NodeId.of(1), NodeId.of(2));
        assertThat(ctx.sentOf(Certificate.class)).allSatisfy(c -> assertThat(c.forwarders())
                .extracting(VoteChain.Link::signer).containsExactly(NodeId.of(4), NodeId.of(3)));
        assertRefusedFor(n.handle(NodeId.of(2), certificate(new int[] {0, 1, 2}, 2)), Reason.DUPLICATE);

        SyncVoteNode late = bbNode();
        ctx.now = 402;
        assertRefusedFor(late.handle(NodeId.of(4), certificate(new int[] {0, 1, 2}, 4)), Reason.TOO_LATE);
        assertThat(late.handle(NodeId.of(4), certificate(new int[] {0, 1, 2}, 2, 4))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).as("two forwarders: not forwarded again").isEmpty();
        SyncVoteNode later = bbNode();
        ctx.now = 502;
        assertRefusedFor(later.handle(NodeId.of(4), certificate(new int[] {0, 1, 2}, 2, 4)), Reason.TOO_LATE);
    }

    @Test
    void bbRefusesShortForgedAndMisdirectedCertificates() {
        SyncVoteNode n = bbNode();
        ctx.now = 350;
        assertRefusedFor(n.handle(NodeId.of(4), certificate(new int[] {0, 1}, 4)), Reason.MALFORMED);
        assertRefusedFor(n.handle(NodeId.of(4), certificate(new int[] {0, 1, 1}, 4)), Reason.REPEATED_SIGNER);
        assertRefusedFor(n.handle(NodeId.of(4), certificate(new int[] {0, 1, 2})), Reason.MALFORMED);
        assertRefusedFor(n.handle(NodeId.of(4), certificate(new int[] {0, 1, 9}, 4)), Reason.NOT_MEMBER);
        Certificate forged = certificate(new int[] {0, 1, 2}, 4);
        List<Certificate.Vouch> vouches = new java.util.ArrayList<>(forged.vouches());
        vouches.set(2, new Certificate.Vouch(NodeId.of(2), listingVoterOne(4)));
        assertRefusedFor(n.handle(NodeId.of(4), new Certificate(7, NodeId.of(1), block, true, vouches,
                forged.forwarders())), Reason.BAD_SIGNATURE);
        Certificate other = new Certificate(7, NodeId.of(1), block, false, forged.vouches(), forged.forwarders());
        assertRefusedFor(n.handle(NodeId.of(4), other), Reason.MALFORMED);
        assertRefusedFor(node.handle(NodeId.of(4), forged), Reason.NOT_SYNC_VOTE);
        assertThat(ctx.sent).isEmpty();
        assertThat(decide(n).missing()).containsExactly(0, 1, 2);
    }

    // BB with f = 3 (7 members, q = 4, chains of up to K = 3 forwarders): votes at 100, echoes at 200,
    // certificates at 301, k forwarders accepted until 301 + k·100; good-case decision at 500, bad case 600.
    private static final List<NodeId> GROUP7 = IntStream.range(0, 7).mapToObj(NodeId::of).toList();
    private static final SyncVoteConfig BB3 = new SyncVoteConfig(7, NodeId.of(0), VOTERS, GROUP7,
            Threshold.UNANIMOUS, 0, 100, 3, Broadcast.BB);

    private SyncVoteNode bb3Node() {
        ctx = new TestContext(NodeId.of(3));
        SyncVoteNode n = new SyncVoteNode(ctx, BB3, RULES, (x, o) -> {});
        n.onStart();
        return n;
    }

    /** At the good-case deadline; then, if the member waits, at the bad-case one. */
    private SyncVoteOutcome decideGood(SyncVoteNode n) {
        ctx.now = BB3.decideAt() + 1;
        n.onTimer(new SyncVoteNode.DecideTimer());
        return n.outcome();
    }

    private SyncVoteOutcome decideBad(SyncVoteNode n) {
        assertThat(ctx.timers).extracting(TestContext.Timer::event).hasAtLeastOneElementOfType(
                SyncVoteNode.FallbackTimer.class);
        ctx.now = BB3.fallbackDecideAt() + 1;
        n.onTimer(new SyncVoteNode.FallbackTimer());
        return n.outcome();
    }

    private static Echo listing(int signer, Echo.Value value) {
        return signedEcho(signer, List.of(List.of(), List.of(value), List.of()));
    }

    @Test
    void bbWaitsForChainsOfFForwardersOnlyInTheBadCaseAndKeepsFourDeltaOtherwise() {
        assertThat(BB.maxForwarders()).isEqualTo(2);
        assertThat(BB.fallbackDecideAt()).as("f = 2: the two-forwarder deadline is the good case's").isEqualTo(
                BB.decideAt());
        assertThat(BB3.maxForwarders()).isEqualTo(3);
        assertThat(BB3.decideAt()).isEqualTo(500);
        assertThat(BB3.certificateDeadline(3)).isEqualTo(601);
        assertThat(BB3.fallbackDecideAt()).isEqualTo(600);
        List<NodeId> big = IntStream.range(0, 329).mapToObj(NodeId::of).toList();
        SyncVoteConfig paper = new SyncVoteConfig(7, NodeId.of(0), VOTERS, big, Threshold.MAJORITY, 0, 100, 164,
                Broadcast.BB);
        assertThat(paper.decideAt()).isEqualTo(500);
        assertThat(paper.fallbackDecideAt()).isEqualTo(100 + 166 * 100);
        assertThat(ECHO.maxForwarders()).isZero();
        assertThat(ECHO.fallbackDecideAt()).isEqualTo(ECHO.decideAt());
        List<NodeId> huge = IntStream.range(0, 2 * SyncVoteMessage.MAX_CHAIN + 1).mapToObj(NodeId::of).toList();
        assertThatThrownBy(() -> new SyncVoteConfig(7, NodeId.of(0), VOTERS, huge, Threshold.MAJORITY, 0, 100,
                SyncVoteMessage.MAX_CHAIN, Broadcast.BB)).hasMessageContaining("exceed the codec");
        assertThat(new SyncVoteConfig(7, NodeId.of(0), VOTERS, huge, Threshold.MAJORITY, 0, 100,
                SyncVoteMessage.MAX_CHAIN - 1, Broadcast.BB).maxForwarders()).isEqualTo(SyncVoteMessage.MAX_CHAIN - 1);
    }

    @Test
    void bbAcceptsCertificateChainsOfUpToFForwardersEachUntilItsDeadlineAndForwardsTheShorterOnes() {
        SyncVoteNode n = bb3Node();
        ctx.now = 450;
        assertThat(n.handle(NodeId.of(5), certificate(new int[] {0, 1, 2, 4}, 4, 5))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).extracting(TestContext.Sent::to)
                .containsExactlyInAnyOrder(NodeId.of(0), NodeId.of(1), NodeId.of(2), NodeId.of(6));
        assertThat(ctx.sentOf(Certificate.class)).allSatisfy(c -> assertThat(c.forwarders())
                .extracting(VoteChain.Link::signer).containsExactly(NodeId.of(4), NodeId.of(5), NodeId.of(3)));
        assertThat(decideGood(n).ballots()).containsEntry(1, new Ballot.Approve(block));

        SyncVoteNode last = bb3Node();
        ctx.now = 600;
        assertThat(last.handle(NodeId.of(6), certificate(new int[] {0, 1, 2, 4}, 4, 5, 6))).isEqualTo(Receipt.USED);
        assertThat(ctx.sent).as("K = 3 forwarders: not forwarded again").isEmpty();

        SyncVoteNode late = bb3Node();
        ctx.now = 602;
        assertRefusedFor(late.handle(NodeId.of(6), certificate(new int[] {0, 1, 2, 4}, 4, 5, 6)), Reason.TOO_LATE);
        ctx.now = 502;
        assertRefusedFor(late.handle(NodeId.of(5), certificate(new int[] {0, 1, 2, 4}, 4, 5)), Reason.TOO_LATE);
        assertThat(ctx.sent).isEmpty();
    }

    @Test
    void bbRefusesOverlongForgedAndVoterForwardedCertificateChains() {
        SyncVoteNode n = bb3Node();
        ctx.now = 450;
        int[] vouchers = {0, 1, 2, 4};
        assertRefusedFor(n.handle(NodeId.of(6), certificate(vouchers, 4, 5, 6, 0)), Reason.MALFORMED);
        assertRefusedFor(n.handle(NodeId.of(6), certificate(vouchers, 1, 5)), Reason.REPEATED_SIGNER);
        assertRefusedFor(n.handle(NodeId.of(6), certificate(vouchers, 5, 5)), Reason.REPEATED_SIGNER);
        assertRefusedFor(n.handle(NodeId.of(6), certificate(vouchers, 4, 9)), Reason.NOT_MEMBER);
        Certificate good = certificate(vouchers, 4, 5);
        List<VoteChain.Link> forged = List.of(good.forwarders().get(0), new VoteChain.Link(NodeId.of(5),
                TestContext.signAs(NodeId.of(6), Certificate.forwardBytes(7, 1, block, true))));
        assertRefusedFor(n.handle(NodeId.of(6), new Certificate(7, NodeId.of(1), block, true, good.vouches(), forged)),
                Reason.BAD_SIGNATURE);
        List<VoteChain.Link> otherValue = List.of(good.forwarders().get(0), new VoteChain.Link(NodeId.of(5),
                TestContext.signAs(NodeId.of(5), Certificate.forwardBytes(7, 1, block, false))));
        assertRefusedFor(n.handle(NodeId.of(6), new Certificate(7, NodeId.of(1), block, true, good.vouches(),
                otherValue)), Reason.BAD_SIGNATURE);
        assertRefusedFor(n.handle(NodeId.of(6), certificate(new int[] {0, 1, 2}, 4, 5)), Reason.MALFORMED);
        assertThat(ctx.sent).isEmpty();
        assertThat(decideGood(n).missing()).as("nothing forged or refused counts").containsExactly(0, 1, 2);
    }

    @Test
    void bbWaitsForTheLastDeadlineWhenItHoldsASignedVoteThatEchoesListButNoCertificateCovers() {
        SyncVoteNode n = bb3Node();
        ctx.now = 150;
        n.handle(NodeId.of(1), vote(1, block, true));
        ctx.now = 200;
        n.echo();
        ctx.now = 250;
        n.handle(NodeId.of(1), listingVoterOne(1));
        n.handle(NodeId.of(4), listingVoterOne(4));
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(ctx.sentOf(Certificate.class)).as("3 echoes of the 4 a certificate needs").isEmpty();
        assertThat(n.settledEarly()).isFalse();
        assertThat(decideGood(n)).as("a sign of the bad case: no verdict at 4Δ").isNull();
        assertThat(ctx.counters).containsEntry("syncvote.bb.fallback", 1L);
        ctx.now = 590;
        assertThat(n.handle(NodeId.of(6), certificate(new int[] {1, 2, 4, 6}, 2, 5, 6))).isEqualTo(Receipt.USED);
        SyncVoteOutcome o = decideBad(n);
        assertThat(o.ballots()).as("the certificate released after 4Δ counts").containsEntry(1,
                new Ballot.Approve(block));
        assertThat(n.approveSignatures()).containsOnlyKeys(1);
    }

    @Test
    void bbTakesTwoSignedVotesOfOneVoterWithAnUncertifiedListedOneAsASignOfTheBadCase() {
        SyncVoteNode n = bb3Node();
        ctx.now = 150;
        n.handle(NodeId.of(1), vote(1, block, true));
        ctx.now = 200;
        n.echo();
        ctx.now = 250;
        n.handle(NodeId.of(4), listing(4, new Echo.Value(Hash.ZERO, false)));
        n.handle(NodeId.of(5), vote(1, Hash.ZERO, false, 5));
        for (int m : new int[] {0, 1, 2}) {
            n.handle(NodeId.of(m), listingVoterOne(m));
        }
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(decideGood(n)).as("the approval is certified, the signed rejection listed and uncertified").isNull();
        assertThat(decideBad(n).ballots()).containsEntry(1, new Ballot.Approve(block));
    }

    @Test
    void bbDecidesAtFourDeltaWhenUncertifiedListedValuesAreUnsignedOrSignedVotesUnlisted() {
        SyncVoteNode n = bb3Node();
        ctx.now = 200;
        n.echo();
        ctx.now = 250;
        // False echoes: nobody relayed a signed vote of voter 1, so no honest echo listed one.
        n.handle(NodeId.of(4), listingVoterOne(4));
        n.handle(NodeId.of(5), listingVoterOne(5));
        // A signed vote of voter 2 first seen after the echoes: no echo lists it.
        n.handle(NodeId.of(6), vote(2, block, true, 6));
        ctx.now = 301;
        n.onTimer(new SyncVoteNode.LackRelayTimer());
        assertThat(n.settledEarly()).isTrue();
        SyncVoteOutcome o = decideGood(n);
        assertThat(o).isNotNull();
        assertThat(o.missing()).containsExactly(0, 1, 2);
        assertThat(ctx.counters).doesNotContainKey("syncvote.bb.fallback");
    }
}

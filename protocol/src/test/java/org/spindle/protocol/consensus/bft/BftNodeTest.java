package org.spindle.protocol.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.TestContext;
import org.spindle.protocol.consensus.bft.Outcome.Reason;
import org.spindle.protocol.gossip.Subscribe;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/** One BFT node driven by hand: the normal path, restarts, and every kind of bad input. */
class BftNodeTest {
    private static final List<NodeId> MEMBERS = IntStream.range(0, 4).mapToObj(NodeId::of).toList();
    private static final NodeId SELF = NodeId.of(1);
    private static final SyntheticPayloads RULES = new SyntheticPayloads(4, 10, false);
    private final BftConfig config = BftConfig.standard(MEMBERS, 1_000_000).withMaxBlockBytes(10_000);
    private final List<Block> committed = new ArrayList<>();
    private TestContext ctx;
    private BftNode node;

    @BeforeEach
    void start() {
        ctx = new TestContext(SELF);
        node = new BftNode(ctx, config, RULES, (n, b, qc, at) -> committed.add(b));
        node.onStart();
    }

    static Block block(long height, Hash parent, long nonce, boolean valid) {
        return new Block(height, parent, RULES.make(height, nonce, valid));
    }

    static Proposal proposal(long height, int view, Block b, NodeId proposer) {
        return new Proposal(height, view, b, Optional.empty(), 0, proposer,
                TestContext.signAs(proposer, Signing.proposal(height, view, b.hash(), 0)));
    }

    static Vote vote(VoteKind kind, long height, int view, Hash b, NodeId voter) {
        return new Vote(kind, height, view, b, voter, TestContext.signAs(voter, Signing.vote(kind, height, view, b)));
    }

    static QuorumCertificate certificate(VoteKind kind, long height, int view, Hash b, int... signers) {
        TreeMap<Integer, Bytes> sigs = new TreeMap<>();
        for (int s : signers) {
            sigs.put(s, TestContext.signAs(NodeId.of(s), Signing.vote(kind, height, view, b)));
        }
        return QuorumCertificate.of(kind, height, view, b, MEMBERS.size(), sigs);
    }

    static ViewChange viewChange(int sender, long height, int view) {
        ViewChange unsigned = new ViewChange(height, view, NodeId.of(sender), Optional.empty(), Optional.empty(),
                Bytes.EMPTY);
        return new ViewChange(height, view, NodeId.of(sender), Optional.empty(), Optional.empty(),
                TestContext.signAs(NodeId.of(sender), unsigned.signedBytes()));
    }

    /** Nodes 2 and 3 ask for {@code view}: with this node's own request that is a quorum of 3. */
    private void othersMoveTo(int view) {
        node.handle(NodeId.of(2), viewChange(2, node.snapshot().height(), view));
        node.handle(NodeId.of(3), viewChange(3, node.snapshot().height(), view));
        assertThat(node.snapshot().view()).isEqualTo(view);
    }

    private List<Vote> votesSent(VoteKind kind) {
        return ctx.sentOf(Vote.class).stream().filter(v -> v.kind() == kind && v.voter().equals(SELF)).distinct()
                .toList();
    }

    @Test
    void memberPreparesLocksAndCommitsOnQuorums() {
        Block b = block(0, Block.GENESIS_PARENT, 1, true);
        assertThat(node.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)))).isEqualTo(Outcome.ACCEPTED);
        assertThat(votesSent(VoteKind.PREPARE)).singleElement().extracting(Vote::block).isEqualTo(b.hash());
        assertThat(node.snapshot().step()).isEqualTo(new Step.Prepared(0, b.hash()));

        node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(0)));
        assertThat(votesSent(VoteKind.COMMIT)).isEmpty();
        node.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(2)));
        assertThat(votesSent(VoteKind.COMMIT)).singleElement().extracting(Vote::block).isEqualTo(b.hash());
        assertThat(node.snapshot().lock()).get().extracting(QuorumCertificate::block).isEqualTo(b.hash());

        node.handle(NodeId.of(0), vote(VoteKind.COMMIT, 0, 0, b.hash(), NodeId.of(0)));
        node.handle(NodeId.of(3), vote(VoteKind.COMMIT, 0, 0, b.hash(), NodeId.of(3)));
        assertThat(committed).containsExactly(b);
        assertThat(node.snapshot().height()).isEqualTo(1);
        assertThat(node.snapshot().head()).isEqualTo(b.hash());
        assertThat(node.snapshot().lock()).isEmpty();
    }

    @Test
    void restartedMemberDoesNotVoteAgainInAViewItVotedIn() {
        Block b = block(0, Block.GENESIS_PARENT, 1, true);
        node.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)));
        node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(0)));
        node.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(2)));
        assertThat(votesSent(VoteKind.COMMIT)).hasSize(1);

        TestContext restarted = new TestContext(SELF);
        restarted.storage.write(new org.spindle.core.storage.WriteBatch().put(Journal.KEY,
                ctx.storage.get(Journal.KEY).orElseThrow()));
        BftNode again = new BftNode(restarted, config, RULES, CommitListener.NONE);
        again.onStart();
        again.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)));
        again.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(0)));
        again.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(2)));
        assertThat(restarted.sentOf(Vote.class)).isEmpty();
        assertThat(again.snapshot().lock()).get().extracting(QuorumCertificate::block).isEqualTo(b.hash());
    }

    @Test
    void lockedMemberRefusesAnotherBlockWithoutAJustificationAndAcceptsItWithOne() {
        Block a = block(0, Block.GENESIS_PARENT, 1, true);
        node.handle(NodeId.of(0), proposal(0, 0, a, NodeId.of(0)));
        node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, a.hash(), NodeId.of(0)));
        node.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, a.hash(), NodeId.of(2)));
        othersMoveTo(1); // view 1, led by node 1 itself: it re-proposes a
        assertThat(ctx.sentOf(Proposal.class)).last().satisfies(p -> {
            assertThat(p.block()).isEqualTo(a);
            assertThat(p.justify()).isPresent();
        });
        othersMoveTo(2); // view 2, led by node 2
        Block b = block(0, Block.GENESIS_PARENT, 2, true);
        assertThat(node.handle(NodeId.of(2), proposal(0, 2, b, NodeId.of(2)))).isEqualTo(Outcome.ACCEPTED);
        assertThat(votesSent(VoteKind.PREPARE)).extracting(Vote::block).doesNotContain(b.hash());
        assertThat(ctx.counters).containsEntry("bft.lockRefusals", 1L);

        othersMoveTo(3); // view 3, led by node 3, with a view-2 certificate for b
        QuorumCertificate qc = certificate(VoteKind.PREPARE, 0, 2, b.hash(), 0, 2, 3);
        Proposal justified = new Proposal(0, 3, b, Optional.of(qc), 0, NodeId.of(3),
                TestContext.signAs(NodeId.of(3), Signing.proposal(0, 3, b.hash(), 0)));
        assertThat(node.handle(NodeId.of(3), justified)).isEqualTo(Outcome.ACCEPTED);
        assertThat(votesSent(VoteKind.PREPARE)).last().extracting(Vote::block).isEqualTo(b.hash());
    }

    @Test
    void viewTimeoutsDoubleWhileViewsFailAndSettleAtTheNextHeight() {
        assertThat(ctx.timers.getLast().delay()).isEqualTo(1_000_000);
        node.onTimer(new BftNode.ViewTimer(0, 0));
        assertThat(node.snapshot().view()).as("a node does not move on alone").isZero();
        assertThat(ctx.timers.getLast().delay()).isEqualTo(2_000_000);
        node.onTimer(new BftNode.ViewTimer(0, 0));
        assertThat(ctx.timers.getLast().delay()).isEqualTo(4_000_000);
        assertThat(ctx.sentOf(ViewChange.class)).extracting(ViewChange::view).containsOnly(1).hasSize(6);
        othersMoveTo(1);
        assertThat(ctx.timers.getLast().delay()).isEqualTo(2_000_000);
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        Decided d = new Decided(b, certificate(VoteKind.COMMIT, 0, 1, b.hash(), 0, 2, 3));
        assertThat(node.handle(NodeId.of(2), d)).isEqualTo(Outcome.ACCEPTED);
        assertThat(ctx.timers.getLast().delay()).isEqualTo(1_000_000);
    }

    @Test
    void memberAsksForTheNextViewAtOnceWhenTheLeaderBackedTwoBlocks() {
        prepared();
        Block other = block(0, Block.GENESIS_PARENT, 2, true);
        node.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, other.hash(), NodeId.of(2)));
        assertThat(ctx.sentOf(ViewChange.class)).as("one vote for another block may be a Byzantine voter's").isEmpty();
        node.handle(NodeId.of(3), vote(VoteKind.PREPARE, 0, 0, other.hash(), NodeId.of(3)));
        assertThat(ctx.sentOf(ViewChange.class)).as("f+1 votes: an honest member got the other block from the leader")
                .extracting(ViewChange::view).containsOnly(1).hasSize(3);
        assertThat(node.snapshot().view()).as("it still needs a quorum to move on").isZero();
        othersMoveTo(1);
    }

    /** The node decides height 0 from a decision {@code from} sends; returns that decision. */
    private Decided decideHeightZero(NodeId from) {
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        Decided d = new Decided(b, certificate(VoteKind.COMMIT, 0, 0, b.hash(), 0, 2, 3));
        node.handle(from, d);
        assertThat(node.snapshot().height()).isEqualTo(1);
        return d;
    }

    @Test
    void memberStuckAtADecidedHeightIsSentTheDecisionOnceWhenItAsksForAViewChange() {
        Decided d = decideHeightZero(NodeId.of(2));
        int before = ctx.sent.size();
        node.onMessage(NodeId.of(3), viewChange(3, 0, 1));
        node.onMessage(NodeId.of(3), viewChange(3, 0, 2));
        assertThat(ctx.sent.subList(before, ctx.sent.size())).as("no later message would make it ask")
                .containsExactly(new TestContext.Sent(NodeId.of(3), d));
        assertThat(node.snapshot().height()).isEqualTo(1);
    }

    @Test
    void memberReproposingAtADecidedHeightIsSentTheDecisionUnasked() {
        Decided d = decideHeightZero(NodeId.of(3));
        int before = ctx.sent.size();
        Block stuck = block(0, Block.GENESIS_PARENT, 7, true);
        node.onMessage(NodeId.of(3), proposal(0, 2, stuck, NodeId.of(2))); // relayed by another: not its own
        assertThat(ctx.sent).hasSize(before);
        node.onMessage(NodeId.of(2), proposal(0, 2, stuck, NodeId.of(2)));
        node.onMessage(NodeId.of(2), proposal(0, 6, stuck, NodeId.of(2)));
        assertThat(ctx.sent.subList(before, ctx.sent.size())).as("a leader stuck at a decided height gets it once")
                .containsExactly(new TestContext.Sent(NodeId.of(2), d));
    }

    @Test
    void memberJoinsAViewFPlusOneOthersAskForAndEntersItWithAQuorum() {
        node.handle(NodeId.of(2), viewChange(2, 0, 5));
        assertThat(node.snapshot().view()).isZero();
        assertThat(ctx.sentOf(ViewChange.class)).isEmpty();
        node.handle(NodeId.of(3), viewChange(3, 0, 5));
        assertThat(ctx.sentOf(ViewChange.class)).extracting(ViewChange::view).containsOnly(5);
        assertThat(node.snapshot().view()).isEqualTo(5);
    }

    @Test
    void aSingleMemberAskingForAFarViewMovesNoOne() {
        node.handle(NodeId.of(3), viewChange(3, 0, 1000));
        node.onTimer(new BftNode.ViewTimer(0, 0));
        assertThat(ctx.sentOf(ViewChange.class)).extracting(ViewChange::view).containsOnly(1);
        assertThat(node.snapshot().view()).isZero();
    }

    // ---- bad input: rejected with a reason, nothing changes ----

    private void assertRejected(NodeId from, Message m, Reason reason) {
        BftNode.Snapshot before = node.snapshot();
        int sentBefore = ctx.sent.size();
        Outcome o = node.handle(from, m);
        assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
        assertThat(node.snapshot()).isEqualTo(before);
        assertThat(ctx.sent).hasSize(sentBefore);
    }

    /** Brings the node to height 0, view 0, with a proposal in hand and its own prepare sent. */
    private Block prepared() {
        Block b = block(0, Block.GENESIS_PARENT, 1, true);
        node.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)));
        node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(0)));
        return b;
    }

    @Test
    void voteFromANonMemberIsRejected() {
        Block b = prepared();
        assertRejected(NodeId.of(9), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(9)), Reason.NOT_MEMBER);
    }

    @Test
    void voteWithABadSignatureIsRejected() {
        Block b = prepared();
        Vote forged = new Vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(2),
                TestContext.signAs(NodeId.of(3), Signing.vote(VoteKind.PREPARE, 0, 0, b.hash())));
        assertRejected(NodeId.of(3), forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void duplicatedVoteIsRejected() {
        Block b = prepared();
        assertRejected(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(0)), Reason.DUPLICATE);
    }

    private static Hash filled(int b) {
        byte[] d = new byte[Hash.SIZE];
        java.util.Arrays.fill(d, (byte) b);
        return Hash.wrap(d);
    }

    @Test
    void aMembersVotesForMoreThanFourBlocksInOneViewAreRejectedAsEquivocation() {
        prepared();
        for (int i = 1; i <= 3; i++) {
            assertThat(node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, filled(i),
                    NodeId.of(0)))).isEqualTo(Outcome.ACCEPTED);
        }
        assertRejected(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, Hash.ZERO, NodeId.of(0)), Reason.EQUIVOCATION);
    }

    /**
     * A member of a shard that rolled a fork back (SpiralShard) votes again at a height and view it
     * voted in on the abandoned chain; its old vote, buffered or late, reaching this node first must
     * not void the new one, or the view cannot gather a quorum of the members on the new chain.
     */
    @Test
    void aVoteForAnotherBlockThanTheMembersEarlierVoteInTheSameViewStillCountsForItsBlock() {
        Block abandoned = block(0, filled(7), 9, true);
        assertThat(node.handle(NodeId.of(0), vote(VoteKind.PREPARE, 0, 0, abandoned.hash(), NodeId.of(0))))
                .isEqualTo(Outcome.ACCEPTED);
        Block b = prepared();
        assertThat(votesSent(VoteKind.COMMIT)).isEmpty();
        assertThat(node.handle(NodeId.of(2), vote(VoteKind.PREPARE, 0, 0, b.hash(), NodeId.of(2))))
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(votesSent(VoteKind.COMMIT)).as("prepare quorum of 0, 1 and 2 for the block on this node's head")
                .singleElement().extracting(Vote::block).isEqualTo(b.hash());
        assertThat(node.snapshot().lock()).get().extracting(QuorumCertificate::block).isEqualTo(b.hash());
    }

    /**
     * Commit quorums for one block in two views (re-proposed with its certificate after a failed
     * view) reach a member that lacks the block. When the proposal arrives, the first quorum decides
     * the height, which clears the vote book; the second tally, taken from the same list before the
     * decision, belongs to a height the member left and must not be acted on (it was: a
     * NullPointerException in VoteBook.anySigner, looking up a signer to ask for the decision).
     */
    @Test
    void aProposalCompletingCommitQuorumsOfTwoViewsDecidesOnceAndActsOnNoTallyOfTheLeftHeight() {
        Block b = block(0, Block.GENESIS_PARENT, 1, true);
        for (int view = 0; view <= 1; view++) {
            for (int voter : new int[] {0, 2, 3}) {
                node.handle(NodeId.of(voter), vote(VoteKind.COMMIT, 0, view, b.hash(), NodeId.of(voter)));
            }
        }
        assertThat(committed).as("the block is not known yet").isEmpty();
        int before = ctx.sent.size();

        assertThat(node.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)))).isEqualTo(Outcome.ACCEPTED);

        assertThat(committed).containsExactly(b);
        assertThat(node.snapshot().height()).isEqualTo(1);
        assertThat(ctx.sent.subList(before, ctx.sent.size())).extracting(TestContext.Sent::message)
                .as("no decision is asked for: the height was decided").noneMatch(m -> m instanceof SyncRequest);
    }

    /**
     * SpiralShard's commit listener can roll the node back to the height it just decided (the block
     * conflicts with a finalized one): the vote book is cleared while the height stays the same, so
     * a tally from before the decision must be recognised as stale by more than its height.
     */
    @Test
    void aCommitListenerThatRebasesToTheDecidedHeightLeavesNoStaleTallyToActOn() {
        Hash survivor = filled(5);
        List<BftNode> self = new ArrayList<>();
        ctx = new TestContext(SELF);
        node = new BftNode(ctx, config, RULES, (n, blk, qc, at) -> {
            committed.add(blk);
            self.getFirst().rebase(0, survivor);
        });
        self.add(node);
        node.onStart();
        Block b = block(0, Block.GENESIS_PARENT, 1, true);
        for (int view = 0; view <= 1; view++) {
            for (int voter : new int[] {0, 2, 3}) {
                node.handle(NodeId.of(voter), vote(VoteKind.COMMIT, 0, view, b.hash(), NodeId.of(voter)));
            }
        }

        assertThat(node.handle(NodeId.of(0), proposal(0, 0, b, NodeId.of(0)))).isEqualTo(Outcome.ACCEPTED);

        assertThat(committed).containsExactly(b);
        assertThat(node.snapshot().height()).isZero();
        assertThat(node.snapshot().head()).isEqualTo(survivor);
    }

    @Test
    void voteForAViewFarAheadIsRejected() {
        Block b = prepared();
        assertRejected(NodeId.of(2), vote(VoteKind.PREPARE, 0, 17, b.hash(), NodeId.of(2)),
                Reason.VIEW_OUT_OF_RANGE);
    }

    @Test
    void votesForAnOldHeightOrFarFutureHeightAreRejected() {
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        node.handle(NodeId.of(2), new Decided(b, certificate(VoteKind.COMMIT, 0, 0, b.hash(), 0, 2, 3)));
        assertThat(node.snapshot().height()).isEqualTo(1);
        assertRejected(NodeId.of(2), vote(VoteKind.COMMIT, 0, 0, b.hash(), NodeId.of(2)), Reason.OLD_HEIGHT);
        BftNode.Snapshot before = node.snapshot();
        int sentBefore = ctx.sent.size();
        assertThat(node.handle(NodeId.of(2), vote(VoteKind.COMMIT, 9, 0, b.hash(), NodeId.of(2))))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(Reason.TOO_FAR_AHEAD));
        assertThat(node.snapshot()).isEqualTo(before);
        // The only reaction: the node learns it is behind and asks the sender for the decisions it missed.
        assertThat(ctx.sent.subList(sentBefore, ctx.sent.size())).singleElement()
                .isEqualTo(new TestContext.Sent(NodeId.of(2), new SyncRequest(1)));
    }

    @Test
    void proposalFromANodeThatDoesNotLeadTheViewIsRejected() {
        assertRejected(NodeId.of(2), proposal(0, 0, block(0, Block.GENESIS_PARENT, 1, true), NodeId.of(2)),
                Reason.NOT_LEADER);
    }

    @Test
    void oversizedProposalIsRejected() {
        Block big = new Block(0, Block.GENESIS_PARENT, new SyntheticPayloads(100, 200, false).make(0, 1, true));
        assertRejected(NodeId.of(0), proposal(0, 0, big, NodeId.of(0)), Reason.OVERSIZED);
    }

    @Test
    void proposalWithAnInvalidPayloadIsRejected() {
        assertRejected(NodeId.of(0), proposal(0, 0, block(0, Block.GENESIS_PARENT, 1, false), NodeId.of(0)),
                Reason.INVALID_PAYLOAD);
    }

    @Test
    void proposalOnTheWrongParentIsRejected() {
        assertRejected(NodeId.of(0), proposal(0, 0, block(0, Hash.wrap(new byte[] {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), 1, true),
                NodeId.of(0)), Reason.WRONG_BLOCK);
    }

    @Test
    void secondProposalOfALeaderInOneViewIsRejectedAsEquivocation() {
        prepared();
        assertRejected(NodeId.of(0), proposal(0, 0, block(0, Block.GENESIS_PARENT, 2, true), NodeId.of(0)),
                Reason.EQUIVOCATION);
    }

    @Test
    void decisionWhoseCertificateLacksAQuorumIsRejected() {
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        assertRejected(NodeId.of(2), new Decided(b, certificate(VoteKind.COMMIT, 0, 0, b.hash(), 0, 2)),
                Reason.BAD_CERTIFICATE);
    }

    @Test
    void decisionWithAForgedSignatureInItsCertificateIsRejected() {
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        QuorumCertificate good = certificate(VoteKind.COMMIT, 0, 0, b.hash(), 0, 2, 3);
        List<Bytes> sigs = new ArrayList<>(good.signatures());
        sigs.set(1, TestContext.signAs(NodeId.of(0), Signing.vote(VoteKind.COMMIT, 0, 0, b.hash())));
        QuorumCertificate forged = new QuorumCertificate(VoteKind.COMMIT, 0, 0, b.hash(), good.signers(), sigs);
        assertRejected(NodeId.of(2), new Decided(b, forged), Reason.BAD_CERTIFICATE);
    }

    @Test
    void messageOfAnotherFamilyIsRejected() {
        assertRejected(NodeId.of(2), new Subscribe(List.of("x"), false), Reason.NOT_BFT);
    }

    @Test
    void certificateFromAPrepareQuorumIsNotAcceptedAsADecision() {
        Block b = block(0, Block.GENESIS_PARENT, 3, true);
        QuorumCertificate prepare = certificate(VoteKind.PREPARE, 0, 0, b.hash(), 0, 2, 3);
        assertThat(prepare.verify(MEMBERS, 3, TestContext.cryptoOf(SELF))).isEqualTo(
                org.spindle.protocol.consensus.Validity.VALID);
        QuorumCertificate relabelled = new QuorumCertificate(VoteKind.COMMIT, 0, 0, b.hash(), prepare.signers(),
                prepare.signatures());
        assertRejected(NodeId.of(2), new Decided(b, relabelled), Reason.BAD_CERTIFICATE);
    }
}

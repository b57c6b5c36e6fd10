package org.spindle.protocol.consensus.bft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.Outcome.Reason;
import org.spindle.protocol.consensus.bft.Outcome.Rejected;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.TimerId;

/**
 * PBFT-style consensus for one shard of n = 3f+1 members with quorum 2f+1, written as a Tendermint
 * state machine (see {@link Step}). Per height, view {@code v} is led by
 * {@code members[(height + v) mod n]}, which proposes; members send a prepare vote for a valid
 * proposal their lock allows, a commit vote (and lock) on a prepare quorum, and decide on a commit
 * quorum of any view. A node locked on block B at view w prepares another block only when the
 * proposal carries a prepare certificate for it from a view in [w, v): with at most f Byzantine
 * members two blocks can never both gather commit quorums at one height.
 *
 * <p>When a view's timer fires, the node asks for the next view with a {@link ViewChange} to all
 * members, carrying its highest prepare certificate and that block (so the next leader can
 * re-propose a block some node may be locked on), and repeats the request with a doubled timeout
 * until it moves on. It joins a view f+1 members asked for and enters a view once a quorum asked
 * for it; the view's timeout is {@code base · 2^view}, back to the base at each new height. Nodes
 * that missed a decision fetch it as a {@link Decided} with its commit certificate. Votes,
 * proposals and locks are written to {@code ctx.storage()} before they are sent.
 *
 * A node that sees f+1 prepare votes for each of two blocks of its view (the leader proposed both)
 * asks for the next view at once instead of waiting for the timer; a node that receives a view
 * change for a height it decided sends the stuck sender its decisions.
 *
 * <p>Metrics: counters {@code bft.commits} (one per node and block), {@code bft.proposals},
 * {@code bft.viewChanges}, {@code bft.lockRefusals}, {@code bft.syncAdopted}, {@code bft.stale}
 * (messages for heights already decided), {@code bft.votesAgain} (a member's vote counted for a
 * second block of one view: an equivocation, or a vote again after a fork was rolled back),
 * {@code bft.leaderEquivocations} (views left early because their leader backed two blocks),
 * {@code bft.helpedBehind} (decisions sent unasked to a member stuck at a decided height),
 * {@code bft.rejected} and {@code bft.rejected.<REASON>} (everything else refused); histograms
 * {@code bft.commitLatencyMicros} (proposal to commit, per node) and {@code bft.decidedView}.
 */
public final class BftNode implements Protocol {
    /** Recent decisions kept to answer {@link SyncRequest}s. */
    private static final int RECENT_DECISIONS = 64;
    private static final int MAX_SYNC_BATCH = 8;
    private static final int MAX_BLOCKS_PER_HEIGHT = 64;

    private final NodeContext ctx;
    private final BftConfig config;
    private final PayloadRules rules;
    private final CommitListener listener;
    private final NodeId self;
    private final int position;
    private final List<NodeId> others;

    // Persisted (see Journal).
    private long height;
    private Hash head;
    private int view;
    private int preparedView;
    private int committedView;
    private int proposedView;
    private QuorumCertificate lock;
    private Block lockBlock;

    // Per height, in memory.
    private Step step;
    private QuorumCertificate highQc;
    private Block highBlock;
    private final Map<Integer, Proposal> proposals = new TreeMap<>();
    private final Map<Hash, Block> blocks = new LinkedHashMap<>();
    private final VoteBook votes;
    /** Member positions by id: looked up for every message, so not a scan of the member list. */
    private final MemberPositions positions;
    private final int[] requestedView;
    /** Per member position, the last height this node sent it decisions for unasked (see {@link #helpBehind}). */
    private final long[] helped;
    private int sentViewChange = -1;
    /** Times the current view's timer fired: each time the next view is asked for again, waiting longer. */
    private int retries;
    private TimerId timer;
    private long syncAskedFor = -1;

    private final ArrayDeque<Pending> future = new ArrayDeque<>();
    private final TreeMap<Long, Decided> recent = new TreeMap<>();

    private final Metrics.Counter commits;
    private final Metrics.Counter proposalsMade;
    private final Metrics.Counter viewChanges;
    private final Metrics.Counter lockRefusals;
    private final Metrics.Counter syncAdopted;
    private final Metrics.Counter rejected;
    private final Metrics.Counter stale;
    private final Metrics.Counter votesAgain;
    private final Metrics.Counter leaderEquivocations;
    private final Metrics.Counter helpedBehind;
    private final Metrics.Histogram commitLatency;
    private final Metrics.Histogram decidedView;

    record Pending(NodeId from, BftMessage message) {}

    /** The timer of one view. */
    public record ViewTimer(long height, int view) {}

    /** A read-only picture of the node's consensus state, for tests and tools. */
    public record Snapshot(long height, Hash head, int view, Step step, int preparedView, int committedView,
            Optional<QuorumCertificate> lock, int votesHeld, int proposalsHeld, int buffered) {}

    public BftNode(NodeContext ctx, BftConfig config, PayloadRules rules, CommitListener listener) {
        this.ctx = ctx;
        this.config = config;
        this.rules = rules;
        this.listener = listener;
        this.self = ctx.self();
        this.positions = new MemberPositions(config.members());
        this.votes = new VoteBook(config.members().size());
        this.position = position(self);
        this.others = config.members().stream().filter(m -> !m.equals(self)).toList();
        this.requestedView = new int[config.members().size()];
        this.helped = new long[config.members().size()];
        Arrays.fill(helped, -1);
        Metrics m = ctx.metrics();
        commits = m.counter("bft.commits");
        proposalsMade = m.counter("bft.proposals");
        viewChanges = m.counter("bft.viewChanges");
        lockRefusals = m.counter("bft.lockRefusals");
        syncAdopted = m.counter("bft.syncAdopted");
        rejected = m.counter("bft.rejected");
        stale = m.counter("bft.stale");
        votesAgain = m.counter("bft.votesAgain");
        leaderEquivocations = m.counter("bft.leaderEquivocations");
        helpedBehind = m.counter("bft.helpedBehind");
        commitLatency = m.histogram("bft.commitLatencyMicros");
        decidedView = m.histogram("bft.decidedView");
        restore(Journal.load(ctx.storage()));
    }

    public BftConfig config() {
        return config;
    }

    /** Whether {@code storage} holds a BFT node's journal (the node acted or was started there before). */
    public static boolean hasJournal(org.spindle.core.storage.Storage storage) {
        return storage.get(Journal.KEY).isPresent();
    }

    /**
     * Prepares {@code storage} so that a node built on it starts at {@code height} extending
     * {@code head}, not at genesis: a committee that takes a shard over at an epoch boundary, or a
     * member that synced the shard's state. Does nothing when the storage holds a journal already
     * (a restarted node keeps its votes and lock).
     */
    public static void startAt(org.spindle.core.storage.Storage storage, long height, Hash head) {
        if (storage.get(Journal.KEY).isEmpty()) {
            new Journal(height, head, 0, -1, -1, -1, Optional.empty(), Optional.empty()).save(storage);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(height, head, view, step, preparedView, committedView, Optional.ofNullable(lock),
                votes.size(), proposals.size(), future.size());
    }

    @Override
    public void onStart() {
        enterView(view);
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        if (m instanceof BftMessage b && !(b instanceof SyncRequest) && b.height() < height) {
            // What handle() would reject as OLD_HEIGHT, without building the reason: with large committees
            // a third of all votes arrive after their height was decided.
            stale.increment();
            if (b instanceof ViewChange || b instanceof Proposal p && p.proposer().equals(from)) {
                // A member proposing at a height this node decided is stuck there as surely as one
                // asking for a view change: when it leads the next height, no one else would ever
                // send it anything, and the shard would wait out a view timeout for it.
                helpBehind(from, b.height());
            }
            return;
        }
        Outcome o = handle(from, m);
        if (o instanceof Rejected r && r.reason() == Reason.OLD_HEIGHT) {
            stale.increment(); // late votes for a height already decided: expected, not bad input
        } else if (o instanceof Rejected r) {
            rejected.increment();
            ctx.metrics().counter("bft.rejected." + r.reason()).increment();
        }
    }

    @Override
    public void onTimer(Object event) {
        if (event instanceof ViewTimer(long h, int v) && h == height && v == view) {
            if (retries == 0) {
                viewChanges.increment();
            }
            if (!future.isEmpty()) {
                syncAskedFor = -1; // stuck with later messages waiting: ask (again) for the missed decision
                askForDecisions(future.peekLast().from());
            }
            // Ask for the next view (again, in case the first request was lost) and wait, with a growing
            // timeout, until 2f+1 members ask for it too; meanwhile this view can still decide.
            retries++;
            timer = ctx.schedule(config.timeout(v + retries), new ViewTimer(height, v));
            sendViewChange(Math.max(v + 1, sentViewChange), true);
        }
    }

    /** Processes one message and says what became of it. Rejections leave the state unchanged. */
    public Outcome handle(NodeId from, Message m) {
        if (!(m instanceof BftMessage b)) {
            return reject(Reason.NOT_BFT, "not a BFT message: " + m.getClass().getSimpleName());
        }
        if (b instanceof SyncRequest s) {
            return onSyncRequest(from, s);
        }
        if (b.height() < height) {
            return reject(Reason.OLD_HEIGHT, "height " + b.height() + " is below the current " + height);
        }
        if (b.height() > height) {
            return buffer(from, b);
        }
        return switch (b) {
            case Proposal p -> onProposal(p);
            case Vote v -> onVote(v);
            case ViewChange vc -> onViewChange(vc);
            case Decided d -> onDecided(d);
            case SyncRequest s -> throw new IllegalStateException("handled above");
        };
    }

    // ---- views ----

    private void enterView(int v) {
        view = v;
        step = new Step.AwaitingProposal(v);
        retries = 0;
        if (timer != null) {
            ctx.cancel(timer);
        }
        timer = ctx.schedule(config.timeout(v), new ViewTimer(height, v));
        votes.pruneBelow(v - 2);
        if (self.equals(config.leader(height, v)) && proposedView < v) {
            propose();
        }
        Proposal p = proposals.get(v);
        if (p != null) {
            considerProposal(p);
        }
        onQuorums(votes.reached(config.quorum(), t -> t.view() == v));
        leaveIfLeaderEquivocated(v);
    }

    /**
     * Asks for the next view at once when the leader of view {@code v} (the current one) backed two
     * blocks: f+1 prepare votes for a block other than its proposal this node holds, or for each of
     * two blocks. f+1 votes include an honest member's, so the leader proposed both; a leader who
     * splits the members between two blocks leaves no quorum for either, and waiting for the view's
     * timeout would only stall the shard (for minutes when several such leaders come in a row, as
     * the timeout doubles with each failed view). A node locked in this view stays: the view may
     * still decide.
     */
    private void leaveIfLeaderEquivocated(int v) {
        if (v != view || sentViewChange > v || step instanceof Step.Locked) {
            return;
        }
        Proposal p = proposals.get(v);
        Hash seen = p == null ? null : p.block().hash();
        for (VoteBook.Tally t : votes.reached(config.faults() + 1,
                t -> t.kind() == VoteKind.PREPARE && t.view() == v)) {
            if (seen == null) {
                seen = t.block();
            } else if (!seen.equals(t.block())) {
                leaderEquivocations.increment();
                sendViewChange(v + 1, false);
                return;
            }
        }
    }

    private void sendViewChange(int v, boolean resend) {
        if (v < sentViewChange || (v == sentViewChange && !resend) || position < 0) {
            return;
        }
        sentViewChange = v;
        requestedView[position] = Math.max(requestedView[position], v);
        Optional<QuorumCertificate> qc = Optional.ofNullable(highQc);
        Optional<Block> block = Optional.ofNullable(highBlock);
        ViewChange unsigned = new ViewChange(height, v, self, qc, block, Bytes.EMPTY);
        ViewChange vc = new ViewChange(height, v, self, qc, block, ctx.crypto().sign(unsigned.signedBytes()));
        ctx.multicast(others, vc);
        followViewChanges();
    }

    /**
     * Joins the latest view f+1 members asked for (one of them is honest, so it is no Byzantine ploy)
     * and enters the latest view a quorum asked for. Because a node moves on only with a quorum, the
     * honest members stay within a view of each other and a node that ran ahead alone cannot leave
     * the others behind; after a partition heals, the repeated requests bring everyone together.
     */
    private void followViewChanges() {
        int[] sorted = requestedView.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int join = sorted[n - 1 - config.faults()];
        if (join > view && join > sentViewChange) {
            sendViewChange(join, false); // re-enters this method
            return;
        }
        int enter = sorted[n - config.quorum()];
        if (enter > view) {
            enterView(enter);
        }
    }

    private void propose() {
        Block block;
        Optional<QuorumCertificate> justify;
        if (highQc != null) {
            block = highBlock; // a block some node may be locked on: re-propose it with its certificate
            justify = Optional.of(highQc);
        } else {
            block = new Block(height, head, rules.propose(height, head, ctx.random()));
            justify = Optional.empty();
        }
        proposedView = view;
        persist();
        long at = ctx.now();
        Proposal p = Proposal.sign(ctx.crypto(), self, height, view, block, justify, at);
        proposalsMade.increment();
        ctx.multicast(others, p);
        handle(self, p);
    }

    // ---- proposals ----

    private Outcome onProposal(Proposal p) {
        int pos = position(p.proposer());
        if (pos < 0) {
            return reject(Reason.NOT_MEMBER, p.proposer() + " is not a member");
        }
        if (p.view() > view + config.viewWindow()) {
            return reject(Reason.VIEW_OUT_OF_RANGE, "view " + p.view() + " is beyond " + view + " + "
                    + config.viewWindow());
        }
        if (!p.proposer().equals(config.leader(height, p.view()))) {
            return reject(Reason.NOT_LEADER, p.proposer() + " does not lead view " + p.view());
        }
        int size = p.block().encodedSize();
        if (size > config.maxBlockBytes()) {
            return reject(Reason.OVERSIZED, "block of " + size + " bytes exceeds " + config.maxBlockBytes());
        }
        if (!ctx.crypto().verify(p.proposer(), p.signedBytes(), p.signature())) {
            return reject(Reason.BAD_SIGNATURE, "proposal signature does not verify");
        }
        Hash hash = p.block().hash();
        Proposal known = proposals.get(p.view());
        if (known != null) {
            return known.block().hash().equals(hash)
                    ? reject(Reason.DUPLICATE, "proposal for view " + p.view() + " already received")
                    : reject(Reason.EQUIVOCATION, "leader proposed two blocks in view " + p.view());
        }
        if (p.block().height() != height || !p.block().parent().equals(head)) {
            return reject(Reason.WRONG_BLOCK, "block at height " + p.block().height() + " on " + p.block().parent()
                    + " does not extend " + head + " at height " + height);
        }
        if (rules.check(height, p.block().payload()) instanceof Validity.Invalid(String why)) {
            return reject(Reason.INVALID_PAYLOAD, why);
        }
        if (p.justify().isPresent()) {
            QuorumCertificate j = p.justify().get();
            if (j.kind() != VoteKind.PREPARE || j.height() != height || !j.block().equals(hash)
                    || j.view() >= p.view()) {
                return reject(Reason.BAD_CERTIFICATE, "justification is not an earlier prepare certificate "
                        + "for this block");
            }
            if (j.verify(config.members(), config.quorum(), ctx.crypto()) instanceof Validity.Invalid(String why)) {
                return reject(Reason.BAD_CERTIFICATE, why);
            }
        }
        proposals.put(p.view(), p);
        remember(p.block());
        p.justify().ifPresent(j -> raiseHighQc(j, p.block()));
        if (p.view() == view) {
            considerProposal(p);
        }
        onQuorums(votes.reached(config.quorum(), t -> t.block().equals(hash)));
        if (p.view() == view && height == p.height()) {
            leaveIfLeaderEquivocated(p.view());
        }
        return Outcome.ACCEPTED;
    }

    private void considerProposal(Proposal p) {
        if (!(step instanceof Step.AwaitingProposal) || preparedView >= p.view() || height != p.height()) {
            return;
        }
        Hash hash = p.block().hash();
        boolean allowed = lock == null || lock.block().equals(hash)
                || p.justify().map(j -> j.view() >= lock.view()).orElse(false);
        if (!allowed) {
            lockRefusals.increment();
            return;
        }
        preparedView = p.view();
        step = new Step.Prepared(p.view(), hash);
        persist();
        broadcast(Vote.sign(ctx.crypto(), self, VoteKind.PREPARE, height, p.view(), hash));
    }

    // ---- votes ----

    private Outcome onVote(Vote v) {
        int pos = position(v.voter());
        if (pos < 0) {
            return reject(Reason.NOT_MEMBER, v.voter() + " is not a member");
        }
        if (v.view() > view + config.viewWindow()) {
            return reject(Reason.VIEW_OUT_OF_RANGE, "view " + v.view() + " is beyond " + view + " + "
                    + config.viewWindow());
        }
        if (v.kind() == VoteKind.PREPARE && v.view() < view - 2) {
            return reject(Reason.VIEW_OUT_OF_RANGE, "prepare for view " + v.view() + " is too old");
        }
        if (votes.holds(v.kind(), v.view(), pos, v.block())) {
            // Checked before the signature so a flood of copies costs no verification.
            return reject(Reason.DUPLICATE, v.voter() + " already voted this");
        }
        if (!v.verify(ctx.crypto())) {
            return reject(Reason.BAD_SIGNATURE, "vote signature by " + v.voter() + " does not verify");
        }
        switch (votes.add(v, pos)) {
            case CONFLICTING -> {
                return reject(Reason.EQUIVOCATION, v.voter() + " voted for more than "
                        + VoteBook.MAX_BLOCKS_PER_VOTER + " blocks in view " + v.view());
            }
            case DUPLICATE -> {
                return reject(Reason.DUPLICATE, v.voter() + " already voted this");
            }
            case ADDED_AGAIN -> votesAgain.increment();
            case ADDED -> { }
        }
        VoteBook.Tally t = new VoteBook.Tally(v.kind(), v.view(), v.block());
        int count = votes.count(t);
        if (count >= config.quorum()) {
            onQuorum(t);
        }
        if (count == config.faults() + 1 && v.kind() == VoteKind.PREPARE && v.view() == view
                && height == v.height()) {
            leaveIfLeaderEquivocated(view);
        }
        return Outcome.ACCEPTED;
    }

    /**
     * Acts on each of {@code reached}, tallies listed by the vote book before any was acted on.
     * Acting on one can decide the height (a commit quorum, or this node's own commit vote completing
     * one), and a decision clears the vote book, as does a rebase by the commit listener (SpiralShard
     * rolling a fork back, possibly to the same height): the tallies left in the list then belong to
     * a height this node left, and are dropped rather than acted on (looking one up in the cleared
     * book failed). A tally the book no longer holds at a quorum is skipped.
     */
    private void onQuorums(List<VoteBook.Tally> reached) {
        long generation = votes.generation();
        for (VoteBook.Tally t : reached) {
            if (votes.generation() != generation) {
                return;
            }
            if (votes.count(t) >= config.quorum()) {
                onQuorum(t);
            }
        }
    }

    /** Acts on a tally the vote book holds with at least a quorum of votes. */
    private void onQuorum(VoteBook.Tally t) {
        Block block = blocks.get(t.block());
        if (t.kind() == VoteKind.COMMIT) {
            if (block != null) {
                decide(block, votes.certificate(t, height, config.members().size()), t.view());
            } else {
                askForDecisions(config.members().get(votes.anySigner(t)));
            }
            return;
        }
        if (block == null) {
            return; // the proposal has not arrived; this runs again when it does
        }
        if (highQc == null || t.view() > highQc.view()) {
            // Built only when it raises the high certificate: every vote past the quorum comes here again.
            raiseHighQc(votes.certificate(t, height, config.members().size()), block);
        }
        if (t.view() == view && committedView < view && !(step instanceof Step.Locked)) {
            lock = votes.certificate(t, height, config.members().size());
            lockBlock = block;
            committedView = view;
            step = new Step.Locked(view, t.block());
            persist();
            broadcast(Vote.sign(ctx.crypto(), self, VoteKind.COMMIT, height, view, t.block()));
        }
    }

    private void raiseHighQc(QuorumCertificate qc, Block block) {
        if (highQc == null || qc.view() > highQc.view()) {
            highQc = qc;
            highBlock = block;
        }
    }

    // ---- view changes ----

    private Outcome onViewChange(ViewChange vc) {
        int pos = position(vc.sender());
        if (pos < 0) {
            return reject(Reason.NOT_MEMBER, vc.sender() + " is not a member");
        }
        if (vc.view() <= requestedView[pos] && vc.highQc().isEmpty()) {
            return reject(Reason.DUPLICATE, vc.sender() + " already asked for view " + requestedView[pos]);
        }
        if (!ctx.crypto().verify(vc.sender(), vc.signedBytes(), vc.signature())) {
            return reject(Reason.BAD_SIGNATURE, "view change signature does not verify");
        }
        if (vc.highQc().isPresent()) {
            QuorumCertificate qc = vc.highQc().get();
            Block block = vc.block().orElseThrow();
            if (qc.kind() != VoteKind.PREPARE || qc.height() != height || !qc.block().equals(block.hash())
                    || block.height() != height || !block.parent().equals(head)) {
                return reject(Reason.BAD_CERTIFICATE, "view change carries a certificate for another block");
            }
            if (highQc == null || qc.view() > highQc.view()) {
                if (qc.verify(config.members(), config.quorum(), ctx.crypto()) instanceof Validity.Invalid(String w)) {
                    return reject(Reason.BAD_CERTIFICATE, w);
                }
                remember(block);
                raiseHighQc(qc, block);
            }
        }
        requestedView[pos] = Math.max(requestedView[pos], vc.view());
        followViewChanges();
        return Outcome.ACCEPTED;
    }

    // ---- decisions ----

    private void decide(Block block, QuorumCertificate qc, int atView) {
        // Every path here checked these already (proposal, view change or decision); a failure is a bug.
        if (block.height() != height || !block.parent().equals(head) || !qc.block().equals(block.hash())
                || qc.kind() != VoteKind.COMMIT) {
            throw new IllegalStateException("deciding " + block.hash() + " at height " + block.height()
                    + " that does not extend " + head + " at height " + height);
        }
        long latency = -1;
        for (Proposal p : proposals.values()) {
            if (p.block().hash().equals(qc.block())) {
                latency = ctx.now() - p.proposedAt();
                break;
            }
        }
        if (latency >= 0) {
            commitLatency.record(latency);
        }
        decidedView.record(atView);
        recent.put(height, new Decided(block, qc));
        while (recent.size() > RECENT_DECISIONS) {
            recent.pollFirstEntry();
        }
        advancePast(block);
        commits.increment();
        listener.committed(self, block, qc, ctx.now());
        enterView(0);
        replayFuture();
    }

    /** Moves to the height after {@code block}, which is decided, with a fresh view. */
    private void advancePast(Block block) {
        moveTo(block.height() + 1, block.hash());
    }

    /** Starts {@code newHeight} on top of {@code newHead} with a fresh view, forgetting the current height's state. */
    private void moveTo(long newHeight, Hash newHead) {
        height = newHeight;
        head = newHead;
        view = 0;
        preparedView = -1;
        committedView = -1;
        proposedView = -1;
        lock = null;
        lockBlock = null;
        highQc = null;
        highBlock = null;
        proposals.clear();
        blocks.clear();
        votes.clear();
        Arrays.fill(requestedView, 0);
        sentViewChange = -1;
        persist();
    }

    /**
     * Jumps past heights this node never decided: its host installed the final state at {@code d}'s
     * height from a peer (state sync), so consensus continues after it without the blocks between.
     * The commit certificate is checked against the members; the commit listener is not told (the
     * host has the state already). Refused, changing nothing, unless the block is at or above the
     * next height.
     */
    public Validity skipTo(Decided d) {
        Block b = d.block();
        if (b.height() < height) {
            return Validity.invalid("height " + b.height() + " is behind the next height " + height);
        }
        if (!d.commit().block().equals(b.hash()) || d.commit().kind() != VoteKind.COMMIT) {
            return Validity.invalid("the certificate is not a commit of this block");
        }
        if (d.commit().verify(config.members(), config.quorum(), ctx.crypto()) instanceof Validity.Invalid bad) {
            return bad;
        }
        recent.clear();
        recent.put(b.height(), d);
        advancePast(b);
        syncAdopted.increment();
        enterView(0);
        replayFuture();
        return Validity.VALID;
    }

    /**
     * Moves this node to {@code newHead} at {@code newHeight}, dropping everything of the current
     * height: for protocols above consensus that discard committed blocks (SpiralShard rolls back
     * prepared blocks conflicting with a finalized one, and its members then extend the surviving
     * chain). Baseline consensus never calls it.
     */
    public void rebase(long newHeight, Hash newHead) {
        if (newHeight < 0) {
            throw new IllegalArgumentException("height must be non-negative");
        }
        syncAskedFor = -1;
        future.clear();
        // Decisions from the new height up were on the abandoned chain: peers syncing must not be sent them.
        recent.tailMap(newHeight, true).clear();
        moveTo(newHeight, newHead);
        enterView(0);
    }

    private Outcome onDecided(Decided d) {
        Block b = d.block();
        if (!b.parent().equals(head)) {
            return reject(Reason.WRONG_BLOCK, "decided block does not extend " + head);
        }
        if (!d.commit().block().equals(b.hash())) {
            return reject(Reason.BAD_CERTIFICATE, "certificate is for another block");
        }
        if (d.commit().verify(config.members(), config.quorum(), ctx.crypto()) instanceof Validity.Invalid(String w)) {
            return reject(Reason.BAD_CERTIFICATE, w);
        }
        if (rules.check(height, b.payload()) instanceof Validity.Invalid(String why)) {
            return reject(Reason.INVALID_PAYLOAD, why);
        }
        syncAdopted.increment();
        decide(b, d.commit(), d.commit().view());
        return Outcome.ACCEPTED;
    }

    private Outcome onSyncRequest(NodeId from, SyncRequest s) {
        if (position(from) < 0) {
            return reject(Reason.NOT_MEMBER, from + " is not a member");
        }
        Decided first = recent.get(s.height());
        if (first == null) {
            return reject(Reason.UNKNOWN_HEIGHT, "no recent decision at height " + s.height());
        }
        int sent = 0;
        for (Decided d : recent.tailMap(s.height(), true).values()) {
            if (sent++ == MAX_SYNC_BATCH) {
                break;
            }
            ctx.send(from, d);
        }
        return Outcome.ACCEPTED;
    }

    /**
     * A member asking for a view change (or proposing) at a height this node decided is stuck there: it missed the
     * commit quorum (a leader that split the members, a lost vote) and, when the next leader is
     * stuck too, no later message would ever make it ask for the decision. It is sent the decisions
     * from that height, once per height and member.
     */
    private void helpBehind(NodeId from, long behindAt) {
        int pos = position(from);
        if (pos < 0 || from.equals(self) || helped[pos] == behindAt || !recent.containsKey(behindAt)) {
            return;
        }
        helped[pos] = behindAt;
        helpedBehind.increment();
        onSyncRequest(from, new SyncRequest(behindAt));
    }

    private void askForDecisions(NodeId peer) {
        if (syncAskedFor == height || peer.equals(self)) {
            return; // one request per height; the next view timeout asks again if it went unanswered
        }
        syncAskedFor = height;
        ctx.send(peer, new SyncRequest(height));
    }

    // ---- buffering ----

    private Outcome buffer(NodeId from, BftMessage m) {
        if (m.height() > height + config.futureHeights()) {
            askForDecisions(from);
            return reject(Reason.TOO_FAR_AHEAD, "height " + m.height() + " is more than "
                    + config.futureHeights() + " ahead of " + height);
        }
        if (future.size() >= config.futureBuffer()) {
            return reject(Reason.BUFFER_FULL, "future-height buffer holds " + future.size() + " messages");
        }
        if (m.height() > height + 1 || view > 0) {
            // Two heights behind, or already failing views here while others moved on: fetch the decision
            // now rather than after another (grown) view timeout. In the common case a node at view 0 just
            // buffers the next leader's proposal until its own commit quorum arrives.
            askForDecisions(from);
        }
        future.addLast(new Pending(from, m));
        return Outcome.BUFFERED;
    }

    private void replayFuture() {
        List<Pending> now = new ArrayList<>();
        long h = height;
        future.removeIf(p -> {
            if (p.message().height() <= h) {
                now.add(p);
                return true;
            }
            return false;
        });
        for (Pending p : now) {
            onMessage(p.from(), p.message());
        }
    }

    // ---- helpers ----

    private void broadcast(BftMessage m) {
        ctx.multicast(others, m);
        handle(self, m);
    }

    private void remember(Block b) {
        if (blocks.size() < MAX_BLOCKS_PER_HEIGHT) {
            blocks.putIfAbsent(b.hash(), b);
        }
    }

    private int position(NodeId node) {
        return positions.of(node);
    }

    private Outcome reject(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }

    private void persist() {
        new Journal(height, head, view, preparedView, committedView, proposedView, Optional.ofNullable(lock),
                Optional.ofNullable(lockBlock)).save(ctx.storage());
    }

    private void restore(Journal j) {
        height = j.height();
        head = j.head();
        view = j.view();
        preparedView = j.preparedView();
        committedView = j.committedView();
        proposedView = j.proposedView();
        lock = j.lock().orElse(null);
        lockBlock = j.lockBlock().orElse(null);
        if (lock != null) {
            highQc = lock;
            highBlock = lockBlock;
            remember(lockBlock);
        }
        // The vote guards (preparedView, committedView, proposedView) keep a restarted node from voting
        // or proposing again in a view it already acted in.
        step = new Step.AwaitingProposal(view);
    }
}

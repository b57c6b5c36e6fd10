package org.spindle.protocol.sharding.spiralshard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.state.ReceiptProof;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.Proposal;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.crosshard.RelayVerdict;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.sharding.ledger.LedgerListener;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;

/**
 * One SpiralShard validator: its shard's consensus over {@link SpiralLedger} blocks, plus LCE's
 * duties around it.
 *
 * <ul>
 *   <li>Each block its consensus commits (prepares) it forwards, with the endorsement history, to
 *       one member of the next shard of the group (its position modulo that shard's size), so every
 *       honest voter relays it and only headers cross shards.
 *   <li>Forwarded headers are admitted with valid certificates; one whose list reaches back to
 *       this shard finalizes the block, and this member then relays the finalized blocks' receipts
 *       with their finality proofs and acknowledges their credits.
 *   <li>When its consensus head was discarded it moves to the shard's latest live prepared block.
 *   <li>Every {@code tickMicros}: client submissions, pool and storage sizes, re-relays, and the
 *       discarded-head check.
 * </ul>
 * A member without duties (Byzantine or alive-but-corrupt in the simulator) runs only consensus.
 */
public final class SpiralValidator implements Protocol {
    /** The housekeeping timer. */
    public record Tick() {}

    /**
     * A consensus protocol wrapping a {@link BftNode} (an adversary's): its node follows forks and
     * leaves discarded blocks as an honest member's does, so the shard's view changes keep their
     * quorum.
     */
    public interface Wrapping {
        BftNode bftNode();
    }

    private final NodeContext ctx;
    private final SpiralLedger ledger;
    private final ShardValidator.Settings settings;
    private final LedgerListener listener;
    private final boolean duties;
    private final Protocol consensus;

    public SpiralValidator(NodeContext ctx, SpiralLedger ledger, Bytes proposerKey, ShardValidator.Settings settings,
            LedgerListener listener, boolean duties, boolean forking, ShardValidator.Consensus consensus) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.settings = settings;
        this.listener = listener;
        this.duties = duties;
        this.consensus = consensus.create(ctx,
                new SpiralPayloads(ledger, ctx, proposerKey, settings.itemCpuMicros(), forking), this::committed);
    }

    @Override
    public void onStart() {
        consensus.onStart();
        ctx.schedule(1 + ctx.random().nextLong(settings.tickMicros()), new Tick());
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case BftMessage b -> {
                if (b instanceof Proposal p) {
                    follow(p);
                }
                consensus.onMessage(from, b);
            }
            case LceMessage.Forward f when duties -> onForward(f);
            case LceMessage.ProvenRelay r when duties -> onRelay(from, r);
            case LceMessage.ProvenAck a when duties -> onAck(a);
            default -> { }
        }
    }

    @Override
    public void onTimer(Object event) {
        if (event instanceof Tick) {
            onTick();
        } else {
            BftNode b = node();
            if (duties && b != null && event instanceof BftNode.ViewTimer(long h, int v)
                    && b.snapshot().height() == h && b.snapshot().view() == v) {
                ctx.metrics().counter("lce.viewTimeouts.shard" + ledger.shard()).increment();
                ctx.metrics().counter("lce.viewTimeouts.view" + v).increment();
            }
            consensus.onTimer(event);
        }
    }

    // ---- preparation ----

    private void committed(NodeId node, Block block, QuorumCertificate qc, long atMicros) {
        if (!duties) {
            return;
        }
        long now = ctx.now();
        switch (ledger.prepare(block.payload(), block.parent(), qc, now)) {
            case SpiralLedger.Preparation.Fresh(BlockHeader certified) -> {
                forward(certified);
                if (ledger.groups().length(ledger.shard()) == 1) {
                    finalized(ledger.finalizeAlone(certified.hash(), now));
                }
            }
            case SpiralLedger.Preparation.Repeat(BlockHeader certified) -> forward(certified);
            case SpiralLedger.Preparation.Discarded d -> moveIfDiscarded();
        }
    }

    private void forward(BlockHeader certified) {
        int next = ledger.groups().next(ledger.shard());
        if (next == ledger.shard()) {
            return;
        }
        List<NodeId> mine = ledger.membership().members(ledger.shard());
        List<NodeId> theirs = ledger.membership().members(next);
        int pos = Math.max(0, mine.indexOf(ctx.self()));
        ctx.send(theirs.get(pos % theirs.size()), new LceMessage.Forward(ledger.history(certified)));
    }

    private void onForward(LceMessage.Forward f) {
        SpiralLedger.Forwarded r = ledger.acceptForwarded(f.headers(), ctx.crypto(), ctx.now());
        finalized(r.finalization());
    }

    // ---- finalization ----

    private void finalized(SpiralLedger.Finalization fin) {
        if (!fin.applied().isEmpty()) {
            Map<Integer, List<ReceiptId>> credited = new TreeMap<>();
            for (ShardLedger.Applied a : fin.applied()) {
                for (ReceiptRelay.Outbound o : a.relays()) {
                    ledger.proofOf(a.certified().hash()).ifPresent(p -> relay(o, p));
                }
                for (IncomingReceipt i : a.block().incomingReceipts()) {
                    credited.computeIfAbsent(i.receipt().sourceShard(), s -> new ArrayList<>()).add(i.receipt().id());
                }
            }
            acknowledge(credited, null);
        }
        if (!fin.discarded().isEmpty()) {
            moveIfDiscarded();
        }
    }

    /**
     * Prepares on top of the leader's block when it extends another live prepared block than this
     * member's head (a sibling fork of a corrupted shard, neither discarded yet): forks are LCE's to
     * resolve, so an honest member follows the leader's fork rather than stall the shard.
     */
    private void follow(Proposal p) {
        BftNode node = node();
        if (node == null || !p.proposer().equals(node.config().leader(p.height(), p.view()))) {
            return;
        }
        BftNode.Snapshot s = node.snapshot();
        Hash parent = p.block().parent();
        if (p.height() >= s.height() && !parent.equals(s.head()) && ledger.live(parent, p.height() - 1)) {
            ctx.metrics().counter("lce.followedFork").increment();
            node.rebase(p.height(), parent);
        }
    }

    private BftNode node() {
        return switch (consensus) {
            case BftNode b -> b;
            case Wrapping w -> w.bftNode();
            default -> null;
        };
    }

    private void moveIfDiscarded() {
        BftNode b = node();
        // A head that was discarded, or a height the shard finalized already (the decisions this node
        // missed may be unknown to peers that moved on by the same rule): go to the live tip.
        if (b != null && (ledger.discarded(b.snapshot().head()) || b.snapshot().height() <= ledger.finalHeight())) {
            SpiralLedger.Tip tip = ledger.tip();
            ctx.metrics().counter("lce.movedFromDiscarded").increment();
            b.rebase(tip.nextHeight(), tip.bftHead());
        }
    }

    // ---- cross-shard transfers ----

    private boolean proven(FinalityProof proof, BlockHeader header) {
        if (ledger.finalHeaders().check(header).isFinal()) {
            return true;
        }
        if (!proof.target().hash().equals(header.hash()) || header.shard() == ledger.shard()) {
            return false;
        }
        if (proof.verify(ledger.membership(), ledger.groups(), ctx.crypto()) instanceof Validity.Invalid) {
            return false;
        }
        ledger.finalHeaders().markFinal(header);
        return true;
    }

    private void onRelay(NodeId from, LceMessage.ProvenRelay r) {
        if (!proven(r.proof(), r.relay().sourceHeader())) {
            ctx.metrics().counter("lce.relayUnproven").increment();
            return; // not final under LCE: nothing is credited from a block that is only prepared
        }
        ctx.cpu().charge(r.relay().receipts().size() * settings.itemCpuMicros());
        List<ReceiptId> consumed = new ArrayList<>();
        for (RelayVerdict v : ledger.inbox().offer(r.relay(), ledger.state())) {
            if (v instanceof RelayVerdict.Rejected x) {
                ctx.metrics().counter("lce.relayRejected." + x.reason()).increment();
                if (x.reason() == RelayVerdict.Reason.ALREADY_CONSUMED) {
                    consumed.add(x.id());
                }
            }
        }
        if (!consumed.isEmpty()) {
            acknowledge(Map.of(r.relay().sourceHeader().shard(), consumed), from);
        }
    }

    private void onAck(LceMessage.ProvenAck a) {
        if (proven(a.proof(), a.ack().destinationHeader())) {
            ledger.relay().acknowledge(a.ack(), ledger.finalHeaders());
        }
    }

    /** Consumption proofs under the last finalized block (the state's), with its finality proof. */
    private void acknowledge(Map<Integer, List<ReceiptId>> bySource, NodeId to) {
        if (bySource.isEmpty() || ledger.lastFinal().isEmpty()) {
            return;
        }
        BlockHeader header = ledger.lastFinal().get();
        var proof = ledger.proofOf(header.hash());
        if (proof.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, List<ReceiptId>> e : new TreeMap<>(bySource).entrySet()) {
            List<ReceiptProof> proofs = e.getValue().stream().map(ledger.state()::proveReceipt).toList();
            for (int i = 0; i < proofs.size(); i += CrossShardMessage.MAX_PROOFS_PER_ACK) {
                LceMessage m = new LceMessage.ProvenAck(proof.get(), new CreditAck(header, proofs.subList(i,
                        Math.min(proofs.size(), i + CrossShardMessage.MAX_PROOFS_PER_ACK))));
                if (to != null) {
                    ctx.send(to, m);
                } else {
                    sendToShard(e.getKey(), m, header.height());
                }
            }
        }
    }

    private void onTick() {
        long now = ctx.now();
        if (!duties) {
            moveIfDiscarded();
            ctx.schedule(settings.tickMicros(), new Tick());
            return;
        }
        ledger.deliverClients(now);
        listener.poolSize(now, ctx.self(), ledger.pool().size());
        listener.storage(now, ctx.self(), ledger.storedBytes());
        for (ReceiptRelay.Outbound o : ledger.relay().reRelay(now, settings.reRelayMicros())) {
            BlockHeader h = o.message().sourceHeader();
            ledger.proofOf(h.hash()).ifPresent(p -> relay(o, p));
        }
        moveIfDiscarded();
        ctx.schedule(settings.tickMicros(), new Tick());
    }

    /**
     * Attempt k of a relay goes to the k-th next window of {@code relayFanout} destination members
     * after a start fixed by the source block and destination. A corrupted destination may hold
     * up to two thirds malicious members who drop relays, so a re-relay must ask members not asked
     * before: within ceil(n / fanout) attempts every member, hence an honest one, has been asked.
     * (Honest source members share one relay here, so whichever of them sends, the windows advance.)
     */
    private void relay(ReceiptRelay.Outbound o, FinalityProof proof) {
        List<NodeId> members = ledger.membership().members(o.destinationShard());
        int n = members.size();
        int fanout = Math.min(settings.relayFanout(), n);
        long mix = (o.message().sourceHeader().height() + 1) * 0x9E3779B97F4A7C15L
                + (o.destinationShard() + 1) * 0xBF58476D1CE4E5B9L;
        long start = Math.floorMod(mix ^ (mix >>> 29), (long) n) + (long) o.attempt() * fanout;
        LceMessage m = new LceMessage.ProvenRelay(proof, o.message());
        for (int i = 0; i < fanout; i++) {
            ctx.send(members.get((int) Math.floorMod(start + i, (long) n)), m);
        }
    }

    private void sendToShard(int shard, Message m, long salt) {
        List<NodeId> members = ledger.membership().members(shard);
        int n = members.size();
        // Acknowledgements: a lost one only delays clearing (the source re-relays and is acknowledged
        // again), so a mixed start per salt is enough here.
        long mix = (salt + 1) * 0x9E3779B97F4A7C15L + ctx.self().index() * 0xBF58476D1CE4E5B9L;
        int start = (int) Math.floorMod(mix ^ (mix >>> 29), (long) n);
        for (int i = 0; i < Math.min(settings.relayFanout(), n); i++) {
            ctx.send(members.get((start + i) % n), m);
        }
    }

    /** The consensus node this validator drives, when it is a {@link BftNode} or wraps one (for tests). */
    public java.util.Optional<BftNode> bftNode() {
        return java.util.Optional.ofNullable(node());
    }

    /** The consensus protocol this validator drives (for tests). */
    public Protocol consensus() {
        return consensus;
    }
}

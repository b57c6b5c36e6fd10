package org.spindle.sim.spiralshard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.Proposal;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.sim.adversary.ForwardingContext;
import org.spindle.protocol.sharding.spiralshard.SpiralValidator;

/**
 * SpiralShard's malicious member (spiralshard.md §3: "a malicious leader tries to fork every time
 * it proposes"), colluding with the other malicious members of its shard.
 *
 * <p>When a colluder leads a view it proposes two valid blocks: the one with the smaller hash goes
 * to the members at even positions of its recipient list, the other to the odd ones, and both to
 * every colluder. Each colluder, once it knows both blocks of a colluder-led view, signs prepare and
 * commit votes for each block to the members that received it, so each side sees a quorum when the
 * shard has at least a third of malicious members (a corrupted shard) and the honest members split
 * into two prepared forks. In an honest shard the split gathers no quorum and the view changes.
 *
 * <p>In views led by honest members an alive-but-corrupt colluder votes prepare and commit for the
 * proposal at once (it always helps liveness, whatever its own chain), while a Byzantine one
 * withholds its votes. The inner consensus node keeps heights and views moving; its own votes are
 * replaced by the ones above.
 */
final class ColludingForker implements Protocol, SpiralValidator.Wrapping {
    private static final int MEMORY = 4096;

    private record ViewKey(long height, int view) {}

    /** Builds the view's two blocks again: the leader's own proposal came out empty (see {@link Splitting}). */
    record Retry(long height, int view, int attempt) {}

    private static final long RETRY_MICROS = 50_000;
    private static final int MAX_RETRIES = 40;

    private final NodeContext ctx;
    private final BftConfig config;
    private final Set<NodeId> colluders;
    private final boolean byzantine;
    private final BftNode inner;
    private final Splitting splitting;
    private final Map<ViewKey, TreeSet<Hash>> blocksOf = new HashMap<>();
    private final Map<ViewKey, Integer> copies = new HashMap<>();
    private final SequencedSet<String> signed = new LinkedHashSet<>();

    ColludingForker(NodeContext ctx, BftConfig config, PayloadRules rules, Set<NodeId> colluders, boolean byzantine) {
        this.ctx = ctx;
        this.config = config;
        this.colluders = Set.copyOf(colluders);
        this.byzantine = byzantine;
        this.splitting = new Splitting(ctx, rules);
        this.inner = new BftNode(splitting, config, rules, CommitListener.NONE);
    }

    /** The leader's recipients, in the order its split uses. */
    private List<NodeId> recipientsOf(NodeId leader) {
        return config.members().stream().filter(m -> !m.equals(leader)).toList();
    }

    private boolean colluderLed(long height, int view) {
        return colluders.contains(config.leader(height, view));
    }

    /** Sends the leader's two blocks: smaller hash to even positions, larger to odd, both to colluders. */
    private final class Splitting extends ForwardingContext {
        private final PayloadRules rules;

        Splitting(NodeContext real, PayloadRules rules) {
            super(real);
            this.rules = rules;
        }

        @Override
        public void multicast(Collection<NodeId> to, Message m) {
            if (m instanceof Proposal p && p.proposer().equals(self())) {
                if (p.block().payload().content().isEmpty()) {
                    // The shared ledger does not hold the parent yet (this member decided it a moment before any
                    // honest member): a real adversary builds on its own copy of the block, so wait for it
                    // rather than send a proposal nobody accepts and stall the view until its timeout.
                    schedule(RETRY_MICROS, new Retry(p.height(), p.view(), 1));
                    return;
                }
                Block b = new Block(p.height(), p.block().parent(),
                        rules.propose(p.height(), p.block().parent(), random()));
                split(p, Proposal.sign(crypto(), self(), p.height(), p.view(), b, Optional.empty(), p.proposedAt()));
                return;
            }
            if (m instanceof Vote v && v.voter().equals(self())) {
                return; // votes are cast by the collusion logic below
            }
            super.multicast(to, m);
        }

        @Override
        public void send(NodeId to, Message m) {
            if (m instanceof Vote v && v.voter().equals(self())) {
                return;
            }
            super.send(to, m);
        }

        /** Builds and splits both blocks of a view whose first proposal came out empty, once the parent is known. */
        void retry(Retry r) {
            BftNode.Snapshot s = inner.snapshot();
            if (s.height() != r.height() || s.view() != r.view()) {
                return;
            }
            Payload first = rules.propose(r.height(), s.head(), random());
            if (first.content().isEmpty()) {
                if (r.attempt() < MAX_RETRIES) {
                    schedule(RETRY_MICROS, new Retry(r.height(), r.view(), r.attempt() + 1));
                }
                return;
            }
            Block a = new Block(r.height(), s.head(), first);
            Block b = new Block(r.height(), s.head(), rules.propose(r.height(), s.head(), random()));
            long at = now();
            split(Proposal.sign(crypto(), self(), r.height(), r.view(), a, Optional.empty(), at),
                    Proposal.sign(crypto(), self(), r.height(), r.view(), b, Optional.empty(), at));
        }

        /** Smaller hash to even positions of the recipients, larger to odd, both to colluders. */
        private void split(Proposal p, Proposal other) {
            Proposal small = p.block().hash().compareTo(other.block().hash()) <= 0 ? p : other;
            Proposal large = small == p ? other : p;
            List<NodeId> list = recipientsOf(self());
            for (int i = 0; i < list.size(); i++) {
                NodeId n = list.get(i);
                if (colluders.contains(n)) {
                    real.send(n, small);
                    real.send(n, large);
                } else {
                    real.send(n, (i & 1) == 0 ? small : large);
                }
            }
            if (p.block().hash().equals(other.block().hash())) {
                vote(p.height(), p.view(), p.block().hash(), recipientsOf(self()));
            }
            learn(p.height(), p.view(), p.block().hash());
            learn(p.height(), p.view(), other.block().hash());
        }
    }

    @Override
    public void onStart() {
        inner.onStart();
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        if (m instanceof Proposal p && config.position(p.proposer()) >= 0
                && p.proposer().equals(config.leader(p.height(), p.view()))) {
            if (colluderLed(p.height(), p.view())) {
                ViewKey k = new ViewKey(p.height(), p.view());
                if (copies.merge(k, 1, Integer::sum) == 2 && blocksOf.getOrDefault(k, new TreeSet<>()).size() == 1
                        && blocksOf.get(k).first().equals(p.block().hash())) {
                    // The leader could not make two different blocks (an empty pool): no fork, vote for it.
                    vote(p.height(), p.view(), p.block().hash(), recipientsOf(ctx.self()));
                }
                if (copies.size() > MEMORY) {
                    copies.clear();
                }
                learn(p.height(), p.view(), p.block().hash());
            } else if (!byzantine) {
                vote(p.height(), p.view(), p.block().hash(), recipientsOf(ctx.self()));
            }
        }
        inner.onMessage(from, m);
    }

    private void learn(long height, int view, Hash block) {
        ViewKey k = new ViewKey(height, view);
        TreeSet<Hash> known = blocksOf.computeIfAbsent(k, x -> new TreeSet<>());
        known.add(block);
        if (blocksOf.size() > MEMORY) {
            blocksOf.keySet().removeIf(x -> x.height() < height - 8);
        }
        if (known.size() < 2) {
            return;
        }
        List<NodeId> list = recipientsOf(config.leader(height, view));
        List<NodeId> even = new ArrayList<>();
        List<NodeId> odd = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            NodeId n = list.get(i);
            if (n.equals(ctx.self())) {
                continue;
            }
            ((i & 1) == 0 ? even : odd).add(n);
        }
        vote(height, view, known.first(), even);
        vote(height, view, known.last(), odd);
    }

    private void vote(long height, int view, Hash block, List<NodeId> to) {
        String key = height + "/" + view + "/" + block.toHex() + "/" + to.size();
        if (!signed.add(key)) {
            return;
        }
        if (signed.size() > MEMORY) {
            signed.removeFirst();
        }
        for (VoteKind k : VoteKind.values()) {
            Vote v = Vote.sign(ctx.crypto(), ctx.self(), k, height, view, block);
            for (NodeId n : to) {
                if (!n.equals(ctx.self())) {
                    ctx.send(n, v);
                }
            }
        }
    }

    @Override
    public void onTimer(Object event) {
        if (event instanceof Retry r) {
            splitting.retry(r);
            return;
        }
        inner.onTimer(event);
    }

    @Override
    public BftNode bftNode() {
        return inner;
    }
}

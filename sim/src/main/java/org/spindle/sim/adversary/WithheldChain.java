package org.spindle.sim.adversary;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * Colluding Byzantine group members attacking the vote broadcast: the first of {@code colluders} is
 * a voter that signs an approve vote and hands it privately down the line of colluders, each
 * adding its relay signature; the last holds the finished chain and releases it at
 * {@code releaseAt} to a single honest member, {@code target}. Released while the chain is still
 * long enough for its round, that member accepts and relays it so every honest member gets it;
 * released later, that member refuses it like everyone else.
 */
public final class WithheldChain implements Protocol {
    record Release() {}

    private final NodeContext ctx;
    private final SyncVoteConfig config;
    private final List<NodeId> colluders;
    private final long releaseAt;
    private final NodeId target;
    private VoteChain held;
    private final boolean equivocate;

    public WithheldChain(NodeContext ctx, SyncVoteConfig config, List<NodeId> colluders, long releaseAt,
            NodeId target) {
        this(ctx, config, colluders, releaseAt, target, false);
    }

    /**
     * With {@code equivocate}, the voter also sends a reject vote openly to the whole group when voting
     * begins, so the withheld approval is a second, conflicting vote of the same voter.
     */
    public WithheldChain(NodeContext ctx, SyncVoteConfig config, List<NodeId> colluders, long releaseAt,
            NodeId target, boolean equivocate) {
        this.equivocate = equivocate;
        this.ctx = ctx;
        this.config = config;
        this.colluders = List.copyOf(colluders);
        this.releaseAt = releaseAt;
        this.target = target;
    }

    @Override
    public void onStart() {
        long now = ctx.now();
        if (ctx.self().equals(colluders.getFirst())) {
            ctx.schedule(Math.max(0, config.voteAt() - now), new Start());
        }
        if (ctx.self().equals(colluders.getLast())) {
            ctx.schedule(Math.max(0, releaseAt - now), new Release());
        }
    }

    record Start() {}

    @Override
    public void onMessage(NodeId from, Message m) {
        if (m instanceof VoteChain c && colluders.contains(from) && c.voter().equals(colluders.getFirst())) {
            VoteChain more = c.append(new VoteChain.Link(ctx.self(), ctx.crypto().sign(SyncVoteMessage.voteBytes(
                    true, c.epoch(), c.voter().index(), c.block(), c.approve()))));
            pass(more);
        }
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case Start s -> {
                if (equivocate) {
                    ctx.multicast(config.group().stream().filter(g -> !g.equals(ctx.self())).toList(),
                            SyncVoteAdversaries.sign(ctx, config, Hash.ZERO, false));
                }
                pass(SyncVoteAdversaries.sign(ctx, config, Hash.ZERO, true));
            }
            case Release r -> {
                if (held != null) {
                    ctx.send(target, held);
                }
            }
            default -> {}
        }
    }

    private void pass(VoteChain c) {
        int i = colluders.indexOf(ctx.self());
        if (i == colluders.size() - 1) {
            held = c;
        } else {
            ctx.send(colluders.get(i + 1), c);
        }
    }
}

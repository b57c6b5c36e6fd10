package org.spindle.sim.adversary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.syncvote.Certificate;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * A voter and its colluders attacking {@link org.spindle.protocol.consensus.syncvote.Broadcast#BB}:
 * the voter signs an approval of {@link Hash#ZERO} and sends it to {@code receivers} only, then echoes
 * it openly, so the honest members count one echo short of a certificate; the releasing colluder
 * holds back its own echo listing the vote and, at {@code releaseAt}, sends that echo and a
 * certificate it assembled from the echoes it saw to the single member {@code target}. The
 * certificate is forwarded by the {@code helpers} (further colluders, which stay silent otherwise and
 * hand their forwarder signatures privately to the releaser when votes are cast), then by the
 * releaser; the voter's own signature comes first when {@code viaVoter}.
 */
public final class CertificateTipping implements Protocol {
    record Start() {}

    record Echoing() {}

    record Release() {}

    private final NodeContext ctx;
    private final SyncVoteConfig config;
    private final NodeId voter;
    private final List<NodeId> receivers;
    private final long releaseAt;
    private final NodeId target;
    private final Map<NodeId, Echo> echoes = new HashMap<>();
    private final boolean viaVoter;
    private final NodeId colluder;
    private final List<NodeId> helpers;
    /** The releaser: forwarder signatures handed over privately, by signer. */
    private final Map<NodeId, VoteChain.Link> links = new HashMap<>();

    /** A voter and one colluder, the releaser. */
    public CertificateTipping(NodeContext ctx, SyncVoteConfig config, NodeId voter, NodeId colluder,
            List<NodeId> receivers, long releaseAt, NodeId target, boolean viaVoter) {
        this(ctx, config, voter, colluder, List.of(), receivers, releaseAt, target, viaVoter);
    }

    /** A voter, the releasing colluder and further colluders whose signatures precede the releaser's. */
    public CertificateTipping(NodeContext ctx, SyncVoteConfig config, NodeId voter, NodeId colluder,
            List<NodeId> helpers, List<NodeId> receivers, long releaseAt, NodeId target, boolean viaVoter) {
        this.helpers = List.copyOf(helpers);
        this.viaVoter = viaVoter;
        this.colluder = colluder;
        this.ctx = ctx;
        this.config = config;
        this.voter = voter;
        this.receivers = List.copyOf(receivers);
        this.releaseAt = releaseAt;
        this.target = target;
    }

    /** The voter runs {@code voter}'s part, any other member the colluder's. */
    private boolean isVoter() {
        return ctx.self().equals(voter);
    }

    private VoteChain vote() {
        return SyncVoteAdversaries.sign(ctx, config, Hash.ZERO, true);
    }

    @Override
    public void onStart() {
        long now = ctx.now();
        if (isVoter()) {
            ctx.schedule(Math.max(0, config.voteAt() - now), new Start());
            ctx.schedule(Math.max(0, config.echoAt() - now), new Echoing());
        } else if (helpers.contains(ctx.self())) {
            ctx.schedule(Math.max(0, config.voteAt() - now), new Start());
        } else {
            ctx.schedule(Math.max(0, releaseAt - now), new Release());
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        if (m instanceof Echo e) {
            echoes.put(from, e);
        }
        if (m instanceof Certificate c && (from.equals(voter) || helpers.contains(from)) && c.vouches().isEmpty()
                && c.forwarders().size() == 1 && c.forwarders().getFirst().signer().equals(from)) {
            links.put(from, c.forwarders().getFirst());
        }
    }

    /** An echo listing the voter's approval and nothing else, signed by this member. */
    private Echo ownEcho() {
        int position = config.voters().indexOf(voter);
        List<List<Echo.Value>> held = new ArrayList<>();
        for (int i = 0; i < config.voters().size(); i++) {
            held.add(i == position ? List.of(new Echo.Value(Hash.ZERO, true)) : List.of());
        }
        Echo e = new Echo(config.epoch(), held);
        return e.signed(ctx.crypto().sign(e.signingBytes()));
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case Start s when !isVoter() -> handOver();
            case Start s -> {
                ctx.multicast(receivers, vote());
                if (viaVoter) {
                    handOver(); // the voter's own forwarder signature
                }
            }
            case Echoing e -> ctx.multicast(config.group().stream().filter(g -> !g.equals(ctx.self())).toList(),
                    ownEcho());
            case Release r -> release();
            default -> {}
        }
    }

    private void release() {
        Echo mine = ownEcho();
        ctx.send(target, mine);
        int position = config.voters().indexOf(voter);
        Echo.Value value = new Echo.Value(Hash.ZERO, true);
        List<Certificate.Vouch> vouches = new ArrayList<>();
        vouches.add(new Certificate.Vouch(ctx.self(), mine));
        for (NodeId g : config.group()) {
            Echo e = echoes.get(g);
            if (e != null && vouches.size() < config.quorum() && e.holds(position, value)) {
                vouches.add(new Certificate.Vouch(g, e));
            }
        }
        if (vouches.size() == config.quorum()) {
            List<VoteChain.Link> forwarders = new ArrayList<>();
            if (viaVoter && links.containsKey(voter)) {
                forwarders.add(links.get(voter));
            }
            for (NodeId h : helpers) {
                if (links.containsKey(h)) {
                    forwarders.add(links.get(h));
                }
            }
            forwarders.add(forwardLink());
            ctx.send(target, new Certificate(config.epoch(), voter, Hash.ZERO, true, vouches, forwarders));
        }
    }

    /** Hands this member's forwarder signature privately to the releasing colluder. */
    private void handOver() {
        ctx.send(colluder, new Certificate(config.epoch(), voter, Hash.ZERO, true, List.of(), List.of(forwardLink())));
    }

    private VoteChain.Link forwardLink() {
        return new VoteChain.Link(ctx.self(), ctx.crypto().sign(Certificate.forwardBytes(config.epoch(), voter.index(),
                Hash.ZERO, true)));
    }
}

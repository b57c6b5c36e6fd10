package org.spindle.sim.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.syncvote.Certificate;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * A Byzantine voter and its colluders attacking {@link org.spindle.protocol.consensus.syncvote.Broadcast#BB}
 * with a plan drawn from a seed: the voter signs an approval and a rejection (of {@link Hash#ZERO})
 * and sends each to a random subset of the honest members, some late; every coalition member sends
 * each honest member a signed echo listing one of nothing, the approval, the rejection or both, or no
 * echo, at a random time before the echo deadline; colluders relay the voter's signed votes to random
 * honest members; and at random times up to past the last certificate deadline a colluder assembles a
 * certificate for one value from the coalition's echoes and the honest echoes it received, with a
 * chain of one to three colluder forwarders, and sends it to one to three honest members. The
 * coalition shares what it knows (an omniscient adversary); all its randomness comes from the seed.
 */
final class BbCoalition {
    static final Echo.Value APPROVE = new Echo.Value(Hash.ZERO, true);
    static final Echo.Value REJECT = new Echo.Value(Hash.ZERO, false);

    private record Action(long at, NodeId actor, Object what) {}

    private record SendVote(Echo.Value value, NodeId to) {}

    private record SendEcho(List<Echo.Value> listed, NodeId to) {}

    private record Relay(Echo.Value value, NodeId to) {}

    private record Release(Echo.Value value, List<NodeId> chain, List<NodeId> to) {}

    private final SyncVoteConfig config;
    private final NodeId voter;
    private final List<NodeId> coalition;
    private final List<Action> plan = new ArrayList<>();
    /** What the coalition members sign at start, by member: the voter's votes, echoes, forward links. */
    private final Map<Echo.Value, VoteChain> votes = new HashMap<>();
    private final Map<NodeId, Map<List<Echo.Value>, Echo>> echoes = new HashMap<>();
    private final Map<NodeId, Map<Echo.Value, VoteChain.Link>> forwardLinks = new HashMap<>();
    private final Map<NodeId, Map<Echo.Value, VoteChain.Link>> relayLinks = new HashMap<>();
    /** Honest echoes any coalition member received, by sender, in sender order. */
    private final Map<NodeId, Echo> honestEchoes = new TreeMap<>(java.util.Comparator.comparingInt(NodeId::index));

    BbCoalition(SyncVoteConfig config, NodeId voter, List<NodeId> colluders, long seed) {
        this.config = config;
        this.voter = voter;
        this.coalition = new ArrayList<>(List.of(voter));
        this.coalition.addAll(colluders);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        List<NodeId> honest = config.group().stream().filter(g -> !coalition.contains(g)).toList();
        long delta = config.deltaMicros();
        long t0 = config.voteAt();
        double pApprove = rnd.nextDouble();
        double pReject = rnd.nextDouble();
        for (NodeId h : honest) {
            if (rnd.nextDouble() < pApprove) {
                plan.add(new Action(t0 + sendDelay(rnd, delta), voter, new SendVote(APPROVE, h)));
            }
            if (rnd.nextDouble() < pReject) {
                plan.add(new Action(t0 + sendDelay(rnd, delta), voter, new SendVote(REJECT, h)));
            }
        }
        List<List<Echo.Value>> contents = List.of(List.of(), List.of(APPROVE), List.of(REJECT), List.of(APPROVE, REJECT));
        for (NodeId m : coalition) {
            for (NodeId h : honest) {
                if (rnd.nextDouble() < 0.8) {
                    plan.add(new Action(config.echoAt() + rnd.nextLong(delta), m, new SendEcho(
                            contents.get(rnd.nextInt(contents.size())), h)));
                }
            }
        }
        int relays = rnd.nextInt(4);
        for (int i = 0; i < relays; i++) {
            plan.add(new Action(t0 + delta + rnd.nextLong(3 * delta), colluders.get(rnd.nextInt(colluders.size())),
                    new Relay(rnd.nextBoolean() ? APPROVE : REJECT, honest.get(rnd.nextInt(honest.size())))));
        }
        int releases = 1 + rnd.nextInt(3);
        long last = config.fallbackDecideAt() + delta / 2;
        for (int i = 0; i < releases; i++) {
            long at = t0 + 2 * delta + rnd.nextLong(last - t0 - 2 * delta);
            List<NodeId> pool = new ArrayList<>(colluders);
            List<NodeId> chain = new ArrayList<>();
            int length = 1 + rnd.nextInt(Math.min(3, pool.size()));
            for (int k = 0; k < length; k++) {
                chain.add(pool.remove(rnd.nextInt(pool.size())));
            }
            List<NodeId> targets = new ArrayList<>(honest);
            List<NodeId> to = new ArrayList<>();
            int count = 1 + rnd.nextInt(3);
            for (int k = 0; k < count; k++) {
                to.add(targets.remove(rnd.nextInt(targets.size())));
            }
            plan.add(new Action(at, chain.getLast(), new Release(rnd.nextBoolean() ? APPROVE : REJECT, chain, to)));
        }
    }

    private static long sendDelay(SplittableRandom rnd, long delta) {
        return rnd.nextDouble() < 0.7 ? 0 : rnd.nextLong(3 * delta / 2);
    }

    boolean member(NodeId n) {
        return coalition.contains(n);
    }

    /** The protocol a coalition member runs. */
    Protocol node(NodeContext ctx) {
        return new Member(ctx);
    }

    private final class Member implements Protocol {
        private final NodeContext ctx;

        Member(NodeContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void onStart() {
            NodeId self = ctx.self();
            int position = config.voters().indexOf(voter);
            for (Echo.Value v : List.of(APPROVE, REJECT)) {
                if (self.equals(voter)) {
                    votes.put(v, new VoteChain(config.epoch(), voter, v.block(), v.approve(), ctx.crypto().sign(
                            SyncVoteMessage.voteBytes(false, config.epoch(), voter.index(), v.block(), v.approve())),
                            List.of()));
                } else {
                    forwardLinks.computeIfAbsent(self, k -> new HashMap<>()).put(v, new VoteChain.Link(self,
                            ctx.crypto().sign(Certificate.forwardBytes(config.epoch(), voter.index(), v.block(),
                                    v.approve()))));
                    relayLinks.computeIfAbsent(self, k -> new HashMap<>()).put(v, new VoteChain.Link(self,
                            ctx.crypto().sign(SyncVoteMessage.voteBytes(true, config.epoch(), voter.index(), v.block(),
                                    v.approve()))));
                }
            }
            for (List<Echo.Value> listed : List.of(List.<Echo.Value>of(), List.of(APPROVE), List.of(REJECT),
                    List.of(APPROVE, REJECT))) {
                List<List<Echo.Value>> held = new ArrayList<>();
                for (int i = 0; i < config.voters().size(); i++) {
                    held.add(i == position ? listed : List.of());
                }
                Echo e = new Echo(config.epoch(), held);
                echoes.computeIfAbsent(self, k -> new HashMap<>()).put(listed, e.signed(ctx.crypto().sign(
                        e.signingBytes())));
            }
            for (Action a : plan) {
                if (a.actor().equals(self)) {
                    ctx.schedule(Math.max(0, a.at() - ctx.now()), a.what());
                }
            }
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            if (m instanceof Echo e && !member(from) && !e.signature().isEmpty()) {
                honestEchoes.putIfAbsent(from, e);
            }
        }

        @Override
        public void onTimer(Object event) {
            switch (event) {
                case SendVote s -> ctx.send(s.to(), votes.get(s.value()));
                case SendEcho s -> ctx.send(s.to(), echoes.get(ctx.self()).get(s.listed()));
                case Relay r -> ctx.send(r.to(), votes.get(r.value()).append(relayLinks.get(ctx.self()).get(r.value())));
                case Release r -> release(r);
                default -> {}
            }
        }

        private void release(Release r) {
            int position = config.voters().indexOf(voter);
            List<Certificate.Vouch> vouches = new ArrayList<>();
            for (NodeId m : coalition) {
                if (vouches.size() < config.quorum()) {
                    vouches.add(new Certificate.Vouch(m, echoes.get(m).get(List.of(r.value()))));
                }
            }
            for (Map.Entry<NodeId, Echo> e : honestEchoes.entrySet()) {
                if (vouches.size() < config.quorum() && e.getValue().holds(position, r.value())) {
                    vouches.add(new Certificate.Vouch(e.getKey(), e.getValue()));
                }
            }
            if (vouches.size() < config.quorum()) {
                return; // no honest echo lists it: no certificate can be made
            }
            List<VoteChain.Link> chain = r.chain().stream().map(c -> forwardLinks.get(c).get(r.value())).toList();
            Certificate c = new Certificate(config.epoch(), voter, r.value().block(), r.value().approve(), vouches, chain);
            for (NodeId to : r.to()) {
                ctx.send(to, c);
            }
        }
    }
}

package org.spindle.sim.adversary;

import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.consensus.syncvote.OutcomeListener;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.consensus.syncvote.SyncVoteNode;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * Synchronous-vote members with a behaviour: honest, silent, or Byzantine in ways that test the
 * broadcast. Byzantine members report no outcome.
 */
public final class SyncVoteAdversaries {
    /** What a sync-vote member does. */
    public enum Kind {
        HONEST,
        /** Receives everything, sends nothing: no vote, no relays. */
        SILENT,
        /** Sends an approve vote to half the group and a reject vote to the other half. */
        EQUIVOCATING_VOTER,
        /** Sends its (approve) vote on time, but to one group member only: the relays must carry it. */
        SELECTIVE_VOTER,
        /** Holds its vote back and sends it to a single member after round 1 has ended. */
        LATE_VOTER,
        /** As leader, sends two different blocks to two halves of the voters. */
        EQUIVOCATING_LEADER,
        /**
         * With an echo round: echoes to half the group that it holds nothing and to the other half that
         * it holds an approval of every voter, whatever it really holds; otherwise honest.
         */
        FALSE_ECHO
    }

    private SyncVoteAdversaries() {}

    public static Protocol create(Kind kind, NodeContext ctx, SyncVoteConfig config, PayloadRules rules,
            OutcomeListener listener) {
        OutcomeListener l = kind == Kind.HONEST ? listener : (n, o) -> {};
        return switch (kind) {
            case HONEST -> new SyncVoteNode(ctx, config, rules, l);
            case SILENT -> new BftAdversaries.Silent();
            case EQUIVOCATING_VOTER -> new SyncVoteNode(new ForwardingContext(ctx) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (m instanceof VoteChain c && c.voter().equals(self()) && c.relays().isEmpty()) {
                        List<NodeId> list = List.copyOf(to);
                        VoteChain other = sign(ctx, config, c.block(), !c.approve());
                        for (int i = 0; i < list.size(); i++) {
                            real.send(list.get(i), (i & 1) == 0 ? c : other);
                        }
                        return;
                    }
                    super.multicast(to, m);
                }
            }, config, rules, l);
            case LATE_VOTER -> new LateVoter(ctx, config, rules, l);
            case FALSE_ECHO -> new SyncVoteNode(new ForwardingContext(ctx) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (m instanceof Echo e) {
                        List<NodeId> list = List.copyOf(to);
                        List<List<Echo.Value>> none = e.held().stream().map(h -> List.<Echo.Value>of()).toList();
                        List<List<Echo.Value>> all = e.held().stream()
                                .map(h -> List.of(new Echo.Value(Hash.ZERO, true))).toList();
                        for (int i = 0; i < list.size(); i++) {
                            Echo lie = new Echo(e.epoch(), (i & 1) == 0 ? none : all);
                            // Signed when echoes are (BB), so only their content is false.
                            real.send(list.get(i), e.signature().isEmpty() ? lie
                                    : lie.signed(crypto().sign(lie.signingBytes())));
                        }
                        return;
                    }
                    super.multicast(to, m);
                }
            }, config, rules, l);
            case SELECTIVE_VOTER -> new SyncVoteNode(new ForwardingContext(ctx) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (m instanceof VoteChain c && c.voter().equals(self()) && c.relays().isEmpty()) {
                        real.send(to.iterator().next(), c);
                        return;
                    }
                    super.multicast(to, m);
                }
            }, config, rules, l);
            case EQUIVOCATING_LEADER -> new SyncVoteNode(new ForwardingContext(ctx) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (m instanceof LeaderProposal p && p.leader().equals(self())) {
                        var payload = rules.propose(p.epoch(), Hash.ZERO, random());
                        LeaderProposal other = new LeaderProposal(p.epoch(), payload, self(), crypto().sign(
                                SyncVoteMessage.proposalBytes(p.epoch(), LeaderProposal.blockHash(p.epoch(), payload))));
                        List<NodeId> list = List.copyOf(to);
                        for (int i = 0; i < list.size(); i++) {
                            real.send(list.get(i), (i & 1) == 0 ? p : other);
                        }
                        return;
                    }
                    super.multicast(to, m);
                }
            }, config, rules, l);
        };
    }

    static VoteChain sign(NodeContext ctx, SyncVoteConfig config, Hash block, boolean approve) {
        return new VoteChain(config.epoch(), ctx.self(), block, approve, ctx.crypto().sign(
                SyncVoteMessage.voteBytes(false, config.epoch(), ctx.self().index(), block, approve)), List.of());
    }

    /** Votes approve, but only to one group member, 1.5 Δ after voting began: too late for a 1-signature chain. */
    static final class LateVoter implements Protocol {
        record Late() {}

        private final NodeContext ctx;
        private final SyncVoteConfig config;
        private final SyncVoteNode inner;
        private Hash seen = Hash.ZERO;

        LateVoter(NodeContext ctx, SyncVoteConfig config, PayloadRules rules, OutcomeListener l) {
            this.ctx = ctx;
            this.config = config;
            this.inner = new SyncVoteNode(new ForwardingContext(ctx) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (!(m instanceof VoteChain c && c.voter().equals(self()))) {
                        super.multicast(to, m);
                    }
                }
            }, config, rules, l);
        }

        @Override
        public void onStart() {
            inner.onStart();
            long at = config.voteAt() + config.deltaMicros() * 3 / 2;
            ctx.schedule(Math.max(0, at - ctx.now()), new Late());
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            if (m instanceof LeaderProposal p) {
                seen = p.blockHash();
            }
            inner.onMessage(from, m);
        }

        @Override
        public void onTimer(Object event) {
            if (event instanceof Late) {
                NodeId target = config.group().stream().filter(g -> !g.equals(ctx.self())).findFirst().orElseThrow();
                ctx.send(target, sign(ctx, config, seen, true));
            } else {
                inner.onTimer(event);
            }
        }
    }
}

package org.spindle.sim.adversary;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.Validity;
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

/** Builds a BFT node with the given behaviour. Byzantine nodes get no commit listener. */
public final class BftAdversaries {
    private BftAdversaries() {}

    public static Protocol create(Assignment a, NodeContext ctx, BftConfig config, PayloadRules rules,
            CommitListener listener) {
        CommitListener l = a.behaviour().honest() ? listener : CommitListener.NONE;
        return switch (a.behaviour()) {
            case HONEST -> new BftNode(ctx, config, rules, l);
            case CRASH -> new Crashing(ctx, a.atMicros(), config, rules);
            case SILENT -> new Silent();
            case DELAYED -> new Delayed(ctx, a.delayMicros(), config, rules);
            case EQUIVOCATING_LEADER -> new BftNode(new EquivocatingContext(ctx, rules), config, rules, l);
            case DOUBLE_VOTING -> new BftNode(new DoubleVotingContext(ctx), config, rules, l);
            case INVALID_PROPOSAL -> new BftNode(ctx, config, invalid(rules), l);
            case ALIVE_BUT_CORRUPT -> new AliveButCorrupt(ctx, config, rules);
        };
    }

    /** The same rules, but every payload this node proposes is marked invalid. */
    static PayloadRules invalid(PayloadRules rules) {
        if (rules instanceof SyntheticPayloads s) {
            return s.proposingInvalid();
        }
        return new PayloadRules() {
            @Override
            public Payload propose(long height, Hash parent, RandomGenerator random) {
                return new Payload(Bytes.of((byte) 0xFF), 0);
            }

            @Override
            public Validity check(long height, Payload payload) {
                return rules.check(height, payload);
            }
        };
    }

    /** Receives everything and never sends. */
    static final class Silent implements Protocol {
        @Override
        public void onStart() {}

        @Override
        public void onMessage(NodeId from, Message m) {}

        @Override
        public void onTimer(Object event) {}
    }

    /** Honest until {@code at}; then it neither handles nor sends anything (its memory is gone). */
    static final class Crashing implements Protocol {
        private final long at;
        private final NodeContext ctx;
        private final BftNode inner;

        Crashing(NodeContext ctx, long at, BftConfig config, PayloadRules rules) {
            this.ctx = ctx;
            this.at = at;
            this.inner = new BftNode(new ForwardingContext(ctx) {
                @Override
                public void send(NodeId to, Message m) {
                    if (real.now() < Crashing.this.at) {
                        real.send(to, m);
                    }
                }
            }, config, rules, CommitListener.NONE);
        }

        @Override
        public void onStart() {
            if (ctx.now() < at) {
                inner.onStart();
            }
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            if (ctx.now() < at) {
                inner.onMessage(from, m);
            }
        }

        @Override
        public void onTimer(Object event) {
            if (ctx.now() < at) {
                inner.onTimer(event);
            }
        }
    }

    /** Honest, but each message leaves {@code delay} after it was sent. */
    static final class Delayed implements Protocol {
        record Send(NodeId to, Message m) {}

        private final NodeContext ctx;
        private final BftNode inner;

        Delayed(NodeContext ctx, long delay, BftConfig config, PayloadRules rules) {
            this.ctx = ctx;
            this.inner = new BftNode(new ForwardingContext(ctx) {
                @Override
                public void send(NodeId to, Message m) {
                    real.schedule(delay, new Send(to, m));
                }
            }, config, rules, CommitListener.NONE);
        }

        @Override
        public void onStart() {
            inner.onStart();
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            inner.onMessage(from, m);
        }

        @Override
        public void onTimer(Object event) {
            if (event instanceof Send(NodeId to, Message m)) {
                ctx.send(to, m);
            } else {
                inner.onTimer(event);
            }
        }
    }

    /**
     * SpiralShard's alive-but-corrupt node: runs the honest protocol, so it never stalls consensus,
     * but equivocates when it leads, and signs prepare and commit votes for every block it hears of:
     * every proposal (to all members) and every block another member voted for (to that member),
     * whatever its lock, validity or earlier votes say.
     */
    static final class AliveButCorrupt implements Protocol {
        private static final int MEMORY = 4096;
        private final NodeContext ctx;
        private final BftConfig config;
        private final BftNode inner;
        private final List<NodeId> others;
        private final SequencedSet<String> signed = new LinkedHashSet<>();

        AliveButCorrupt(NodeContext ctx, BftConfig config, PayloadRules rules) {
            this.ctx = ctx;
            this.config = config;
            this.inner = new BftNode(new EquivocatingContext(ctx, rules), config, rules, CommitListener.NONE);
            this.others = config.members().stream().filter(m -> !m.equals(ctx.self())).toList();
        }

        @Override
        public void onStart() {
            inner.onStart();
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            switch (m) {
                case Proposal p when config.position(p.proposer()) >= 0 ->
                        voteFor(p.height(), p.view(), p.block().hash(), others);
                case Vote v when !v.voter().equals(ctx.self()) && config.position(v.voter()) >= 0 ->
                        voteFor(v.height(), v.view(), v.block(), List.of(v.voter()));
                default -> {}
            }
            inner.onMessage(from, m);
        }

        private void voteFor(long height, int view, Hash block, List<NodeId> to) {
            String key = height + "/" + view + "/" + block.toHex() + "/" + (to.size() == 1 ? to.getFirst() : "*");
            if (!signed.add(key)) {
                return;
            }
            if (signed.size() > MEMORY) {
                signed.removeFirst();
            }
            for (VoteKind k : VoteKind.values()) {
                Vote v = Vote.sign(ctx.crypto(), ctx.self(), k, height, view, block);
                for (NodeId n : to) {
                    ctx.send(n, v);
                }
            }
        }

        @Override
        public void onTimer(Object event) {
            inner.onTimer(event);
        }
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.ReticulumMembership;
import org.spindle.protocol.beacon.ValidatorRegistry;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.syncvote.Broadcast;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.consensus.syncvote.SyncVoteConfig;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.consensus.syncvote.SyncVoteNode;
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.consensus.syncvote.Threshold;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.TimerId;
import org.spindle.protocol.sharding.ledger.CrossShardDuties;

/**
 * One Reticulum node: a member of one process shard and of that shard's control shard, running the
 * epochs of reticulum.md §1.3–1.4 with {@link SyncVoteNode}s.
 *
 * <p>Epoch e starts at S. Phase 1: every governed process shard runs a unanimous synchronous vote
 * (start S, voters its remaining members, group the whole control shard, so the votes reach every
 * control member by Byzantine broadcast with f = ⌊(|c|−1)/2⌋: {@link Broadcast#BB}, whose step-2
 * echoes of all the epoch's process votes travel in one message, or Dolev–Strong or ECHO); members of a failed shard then
 * send its leader's block to the rest of the control shard. Phase 2 at S + T1: each member builds
 * its view ({@link ProcessRound}s), T2 follows Eq. (1) from the number of passed shards (never less
 * than the control vote itself takes), and attempt k of the control vote (majority, leader rotating
 * with k) runs from S + T1 + k·T2, its payload the leader's {@link ControlBlock}, which members
 * approve only if {@link ControlBlocks#check} agrees. The next epoch starts at S + T1 + (k+1)·T2
 * once attempt k accepted.
 *
 * <p>A node whose {@link NodeConduct} says so withholds its process vote (and its proposal when it
 * leads), nothing else: the liveness attacks of §1.9.
 */
public final class ReticulumNode implements Protocol {
    /**
     * Timing: Δ of the synchronous votes, the epoch-0 start, how many epochs to run, and how votes are
     * broadcast to the control shard.
     */
    public record Timing(long deltaMicros, long genesisMicros, long epochs, Broadcast broadcast) {
        public Timing {
            if (deltaMicros <= 0 || genesisMicros < 0 || epochs < 0) {
                throw new IllegalArgumentException("Δ must be positive, genesis and epochs non-negative");
            }
            Objects.requireNonNull(broadcast, "broadcast");
        }

        /** Votes broadcast by Dolev–Strong. */
        public Timing(long deltaMicros, long genesisMicros, long epochs) {
            this(deltaMicros, genesisMicros, epochs, Broadcast.DOLEV_STRONG);
        }
    }

    private record EpochTimer(long epoch) {}

    private record PhaseTwoTimer(long epoch) {}

    private record ControlTimer(long epoch, int attempt) {}

    private record VoteTimer(long epoch, int vote, Object inner) {}

    /** ECHO: the end of round 1 of the epoch's process votes, when this member sends its batched echo. */
    private record EchoTimer(long epoch) {}

    private static final int MAX_EARLY = 4096;

    private final NodeContext ctx;
    private final ReticulumParams params;
    private final Timing timing;
    private final ProcessBlocks blocks;
    private final ValidatorRegistry registry;
    private final NodeConduct conduct;
    private final ReticulumListener listener;
    private final ControlShard control;
    private final int myShard;
    private final NodeId self;

    private long epochStart;
    private final Map<Integer, SyncVoteNode> votes = new HashMap<>();
    private final Map<Integer, LeaderProposal> forwarded = new TreeMap<>();
    private final List<ReticulumMessage.Routed> early = new ArrayList<>();
    private ControlBlocks.View view;
    private long t2;
    /** The epoch whose votes {@link #votes} holds. */
    private long votesEpoch = -1;
    private final long lastEpoch;
    private CrossShardDuties crossShard;

    public ReticulumNode(NodeContext ctx, ReticulumParams params, Timing timing, Membership membership,
            ProcessBlocks blocks, ValidatorRegistry registry, NodeConduct conduct, ReticulumListener listener,
            Function<Integer, Hash> genesisState) {
        this.ctx = ctx;
        this.params = params;
        this.timing = timing;
        this.blocks = blocks;
        this.registry = registry;
        this.conduct = Objects.requireNonNull(conduct);
        this.listener = Objects.requireNonNull(listener);
        this.self = ctx.self();
        this.myShard = membership.shardOf(self).orElseThrow(() -> new IllegalArgumentException(self
                + " is not in the membership"));
        int controlIndex = membership.grouping(ReticulumMembership.CONTROL_SHARDS).orElseThrow().groupOfShard()
                .get(myShard);
        this.control = new ControlShard(params, membership, controlIndex, genesisState);
        this.lastEpoch = membership.epoch() + timing.epochs();
    }

    /**
     * Gives this node cross-shard duties over its process shard's ledger (relaying the receipts of
     * its final blocks, checking relayed ones with {@link ReticulumFinality}); call before start.
     */
    public ReticulumNode withCrossShard(CrossShardDuties crossShard) {
        this.crossShard = crossShard;
        return this;
    }

    public ControlShard controlShard() {
        return control;
    }

    @Override
    public void onStart() {
        if (crossShard != null) {
            crossShard.start();
        }
        if (timing.epochs() > 0) {
            ctx.schedule(Math.max(0, timing.genesisMicros() - ctx.now()), new EpochTimer(control.epoch()));
        }
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case EpochTimer t when t.epoch() == control.epoch() -> startEpoch();
            case PhaseTwoTimer t when t.epoch() == control.epoch() -> startPhaseTwo();
            case EchoTimer t when t.epoch() == control.epoch() && votesEpoch == t.epoch() -> sendEchoes();
            case ControlTimer t when t.epoch() == control.epoch() && t.attempt() == control.attempt() ->
                    startControlVote();
            case VoteTimer t when t.epoch() == control.epoch() && votes.containsKey(t.vote()) ->
                    votes.get(t.vote()).onTimer(t.inner());
            default -> {
                if (crossShard != null) {
                    crossShard.onTimer(event);
                }
            }
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case ReticulumMessage.Routed r -> route(from, r);
            case ReticulumMessage.FailedBlock f -> onFailedBlock(f);
            case ReticulumMessage.Echoes e -> e.echoes().forEach(r -> route(from, r));
            default -> {
                if (crossShard == null || !crossShard.onMessage(from, m)) {
                    ctx.metrics().counter("reticulum.refused.foreign").increment();
                }
            }
        }
    }

    private void route(NodeId from, ReticulumMessage.Routed r) {
        long voteEpoch = switch (r.inner()) {
            case LeaderProposal p -> p.epoch();
            case VoteChain c -> c.epoch();
            case Echo e -> e.epoch();
            case org.spindle.protocol.consensus.syncvote.Certificate c -> c.epoch();
        };
        long epoch = voteEpoch >>> 12;
        SyncVoteNode v = votes.get(r.vote());
        if (epoch == control.epoch() && votesEpoch == epoch && v != null) {
            v.onMessage(from, r.inner());
        } else if (epoch >= control.epoch() && early.size() < MAX_EARLY) {
            early.add(r); // a vote this node has not opened yet (its epoch timer runs behind a busy core)
        } else {
            ctx.metrics().counter("reticulum.refused.stale").increment();
        }
    }

    private void startEpoch() {
        long e = control.epoch();
        if (votesEpoch < 0) {
            // The first epoch starts at genesis for everyone; later ones at the bound the previous one
            // ended on. Never at this node's clock: every member must derive the same vote schedule.
            epochStart = timing.genesisMicros();
        }
        votes.clear();
        votesEpoch = e;
        forwarded.clear();
        view = null;
        List<NodeId> group = control.members();
        int faults = SyncVoteConfig.reticulumFaults(group.size());
        for (int s : control.processShards()) {
            int s0 = s;
            List<NodeId> voters = control.membersOf(s);
            SyncVoteConfig config = new SyncVoteConfig(VoteEpochs.process(e), control.processLeader(s), voters, group,
                    Threshold.UNANIMOUS, epochStart, timing.deltaMicros(), faults, timing.broadcast());
            Hash state = control.stateOf(s);
            PayloadRules rules = new PayloadRules() {
                @Override
                public Payload propose(long height, Hash parent, RandomGenerator random) {
                    return conduct.processBlock(e, blocks.propose(s0, e, state, self, ctx.now()));
                }

                @Override
                public Validity check(long height, Payload payload) {
                    return conduct.approvesAnything(e) ? Validity.VALID : blocks.check(s0, e, state, payload);
                }
            };
            boolean mute = s == myShard && conduct.silentAt(e);
            int vote = ReticulumMessage.Routed.processVote(s);
            SyncVoteNode node = new SyncVoteNode(new VoteContext(vote, e), config, rules,
                    (n, o) -> onProcessDecided(s0, o));
            if (mute) {
                node.withhold();
            }
            node.echoExternally();
            votes.put(vote, node);
        }
        votes.values().forEach(SyncVoteNode::onStart);
        SyncVoteNode any = votes.values().iterator().next();
        if (any.echoes()) {
            long echoAt = epochStart + 2 * timing.deltaMicros(); // start + Δ (votes) + Δ (round 1)
            ctx.schedule(Math.max(0, echoAt - ctx.now()), new EchoTimer(e));
        }
        replayEarly();
        ctx.schedule(epochStart + params.t1Micros() - ctx.now(), new PhaseTwoTimer(e));
    }

    /** ECHO: one message carrying this member's echo for every process vote of its control shard. */
    private void sendEchoes() {
        List<ReticulumMessage.Routed> batch = new ArrayList<>();
        for (int s : control.processShards()) {
            int vote = ReticulumMessage.Routed.processVote(s);
            batch.add(new ReticulumMessage.Routed(vote, votes.get(vote).echo()));
        }
        ctx.multicast(control.members().stream().filter(n -> !n.equals(self)).toList(),
                new ReticulumMessage.Echoes(batch));
    }

    private void replayEarly() {
        List<ReticulumMessage.Routed> again = new ArrayList<>(early);
        early.clear();
        for (ReticulumMessage.Routed r : again) {
            route(r.inner() instanceof LeaderProposal p ? p.leader() : self, r);
        }
    }

    private void onProcessDecided(int shard, SyncVoteOutcome o) {
        if (o.accepted() || shard != myShard) {
            return;
        }
        List<LeaderProposal> got = votes.get(ReticulumMessage.Routed.processVote(shard)).proposals();
        if (got.size() == 1) {
            List<NodeId> to = control.members().stream().filter(n -> !control.membersOf(shard).contains(n)).toList();
            ctx.multicast(to, new ReticulumMessage.FailedBlock(shard, got.getFirst()));
        }
    }

    private void onFailedBlock(ReticulumMessage.FailedBlock f) {
        int s = f.processShard();
        LeaderProposal p = f.proposal();
        if (!control.processShards().contains(s) || p.epoch() != VoteEpochs.process(control.epoch())
                || !p.leader().equals(control.processLeader(s)) || forwarded.containsKey(s)) {
            return;
        }
        if (!ctx.crypto().verify(p.leader(), SyncVoteMessage.proposalBytes(p.epoch(), p.blockHash()), p.signature())) {
            ctx.metrics().counter("reticulum.refused.failed-block-signature").increment();
            return;
        }
        forwarded.put(s, p);
    }

    private void startPhaseTwo() {
        long e = control.epoch();
        List<ProcessRound> rounds = new ArrayList<>();
        for (int s : control.processShards()) {
            SyncVoteNode v = votes.get(ReticulumMessage.Routed.processVote(s));
            SyncVoteOutcome o = v.outcome();
            if (o == null) {
                throw new IllegalStateException("T1 ended before the vote of process shard " + s + " was decided: "
                        + "T1 is shorter than the broadcast's bad case");
            }
            LeaderProposal p = s == myShard ? (v.proposals().size() == 1 ? v.proposals().getFirst() : null)
                    : forwarded.get(s);
            java.util.Optional<ProcessRound.Fetched> fetched = java.util.Optional.empty();
            if (p != null && !o.accepted()) {
                fetched = java.util.Optional.of(new ProcessRound.Fetched(p.blockHash(),
                        blocks.check(s, e, control.stateOf(s), p.payload())));
            }
            rounds.add(new ProcessRound(s, control.membersOf(s), control.processLeader(s), o, v.approveSignatures(),
                    fetched));
        }
        view = control.view(rounds);
        int passed = (int) rounds.stream().filter(ProcessRound::passed).count();
        t2 = Math.max(control.phaseTwoMicros(passed), controlVoteMicros(control.members(), timing));
        
        startControlVote();
    }

    /**
     * How long a control vote takes from its start to every member's verdict, plus Δ of slack. With
     * {@link Broadcast#BB} this is the bad case ({@link SyncVoteConfig#fallbackDecideAt()}): the phases
     * run on fixed times, and a member that decides late must still have its verdict before the next
     * attempt or epoch starts (whether to wait is known to no member in time, so the room is reserved).
     */
    public static long controlVoteMicros(List<NodeId> members, Timing timing) {
        SyncVoteConfig c = new SyncVoteConfig(0, members.getFirst(), members, members, Threshold.MAJORITY, 0,
                timing.deltaMicros(), SyncVoteConfig.reticulumFaults(members.size()), timing.broadcast());
        return c.fallbackDecideAt() + timing.deltaMicros();
    }

    /**
     * When the process votes of an epoch starting at 0 are decided at the latest (with {@link Broadcast#BB}
     * in the bad case; in the good case 4Δ after voting): phase 1 needs this plus Δ to forward failed blocks.
     */
    public static long processVoteMicros(int controlMembers, Timing timing) {
        return new SyncVoteConfig(0, NodeId.of(0), List.of(NodeId.of(0)),
                java.util.stream.IntStream.range(0, controlMembers).mapToObj(NodeId::of).toList(), Threshold.UNANIMOUS,
                0, timing.deltaMicros(), SyncVoteConfig.reticulumFaults(controlMembers), timing.broadcast())
                .fallbackDecideAt();
    }

    private long attemptStart(int attempt) {
        return epochStart + params.t1Micros() + attempt * t2;
    }

    private void startControlVote() {
        long e = control.epoch();
        int attempt = control.attempt();
        long start = attemptStart(attempt);
        if (ctx.now() < start) {
            ctx.schedule(start - ctx.now(), new ControlTimer(e, attempt));
            return;
        }
        List<NodeId> group = control.members();
        NodeId leader = control.controlLeader();
        SyncVoteConfig config = new SyncVoteConfig(VoteEpochs.control(e, attempt), leader, group, group,
                Threshold.MAJORITY, start, timing.deltaMicros(), SyncVoteConfig.reticulumFaults(group.size()),
                timing.broadcast());
        ControlBlocks.View v = view;
        PayloadRules rules = new PayloadRules() {
            @Override
            public Payload propose(long height, Hash parent, RandomGenerator random) {
                return new Payload(conduct.controlBlock(ControlBlocks.build(v, attempt, self)).encode(), 0);
            }

            @Override
            public Validity check(long height, Payload payload) {
                ControlBlock b;
                try {
                    b = ControlBlock.decode(payload.content());
                } catch (CodecException ex) {
                    return Validity.invalid("malformed control block: " + ex.getMessage());
                }
                return switch (ControlBlocks.check(b, v, attempt, leader, ctx.crypto())) {
                    case ControlBlocks.Verdict.Agree a -> Validity.VALID;
                    case ControlBlocks.Verdict.Disagree d -> Validity.invalid(d.reason());
                };
            }
        };
        int vote = ReticulumMessage.Routed.controlVote(attempt);
        SyncVoteNode node = new SyncVoteNode(new VoteContext(vote, e), config, rules,
                (n, o) -> onControlDecided(e, attempt, vote, o));
        votes.put(vote, node);
        node.onStart();
        replayEarly();
    }

    private void onControlDecided(long e, int attempt, int vote, SyncVoteOutcome o) {
        if (e != control.epoch() || attempt != control.attempt()) {
            return;
        }
        ControlBlock accepted = null;
        if (o.accepted()) {
            for (LeaderProposal p : votes.get(vote).proposals()) {
                if (p.blockHash().equals(o.block())) {
                    accepted = ControlBlock.decode(p.payload().content());
                }
            }
        }
        if (accepted == null) {
            listener.controlRejected(self, control.index(), e, attempt, ctx.now());
            control.rejected();
            startControlVote();
            return;
        }
        long start = epochStart;
        long next = attemptStart(attempt + 1);
        blocks.controlAccepted(accepted);
        finishOwnBlock(e, accepted);
        ControlShard.Accepted a = control.accept(accepted, view, Function.identity(), registry);
        listener.epochAccepted(self, control.index(), a, start, next);
        epochStart = next;
        if (control.epoch() < lastEpoch && control.members().contains(self)) {
            ctx.schedule(next - ctx.now(), new EpochTimer(control.epoch()));
        }
    }

    /** Tells the process blocks what the accepted control block decided about this node's own shard. */
    private void finishOwnBlock(long e, ControlBlock accepted) {
        for (ControlEntry entry : accepted.entries()) {
            if (entry.processShard() != myShard) {
                continue;
            }
            SyncVoteNode v = votes.get(ReticulumMessage.Routed.processVote(myShard));
            LeaderProposal mine = null;
            for (LeaderProposal p : v == null ? List.<LeaderProposal>of() : v.proposals()) {
                if (p.blockHash().equals(entry.block())) {
                    mine = p;
                }
            }
            if (entry.accepted() && mine != null) {
                blocks.accepted(myShard, e, mine.payload(), accepted.hash(), ctx.now()).ifPresent(a -> {
                    if (crossShard != null) {
                        crossShard.applied(a);
                    }
                });
            } else if (!entry.accepted()) {
                blocks.rejected(myShard, e, ctx.now());
            }
        }
    }

    /** The context one vote sees: its messages are routed to the same vote at the receiver, its timers back to it. */
    private final class VoteContext implements NodeContext {
        private final int vote;
        private final long epoch;

        VoteContext(int vote, long epoch) {
            this.vote = vote;
            this.epoch = epoch;
        }

        @Override
        public NodeId self() {
            return self;
        }

        @Override
        public long now() {
            return ctx.now();
        }

        @Override
        public void send(NodeId to, Message m) {
            ctx.send(to, new ReticulumMessage.Routed(vote, (SyncVoteMessage) m));
        }

        @Override
        public void multicast(Collection<NodeId> to, Message m) {
            ctx.multicast(to, new ReticulumMessage.Routed(vote, (SyncVoteMessage) m));
        }

        @Override
        public TimerId schedule(long delayMicros, Object timerEvent) {
            return ctx.schedule(delayMicros, new VoteTimer(epoch, vote, timerEvent));
        }

        @Override
        public void cancel(TimerId id) {
            ctx.cancel(id);
        }

        @Override
        public RandomGenerator random() {
            return ctx.random();
        }

        @Override
        public Crypto crypto() {
            return ctx.crypto();
        }

        @Override
        public Storage storage() {
            return ctx.storage();
        }

        @Override
        public Metrics metrics() {
            return ctx.metrics();
        }

        @Override
        public Cpu cpu() {
            return ctx.cpu();
        }
    }
}

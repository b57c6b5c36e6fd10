package org.spindle.protocol.consensus.syncvote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.syncvote.Receipt.Reason;
import org.spindle.protocol.consensus.syncvote.Receipt.Refused;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * One member of a synchronous vote (see {@link SyncVoteConfig}): the leader proposes at the start;
 * each voter votes at start + Δ, approving the single valid proposal it received and rejecting
 * otherwise; votes spread through the group by Dolev–Strong broadcast; at the deadline each member
 * turns what it accepted into a {@link SyncVoteOutcome}.
 *
 * <p>Broadcast rule (Dolev–Strong, with the common "at most two values per sender" cut-off): a vote
 * chain carrying k distinct signatures (the voter's first, then relayers', all group members) is
 * accepted if it arrives by the end of round k, round 1 ending Δ after votes are cast. On accepting a
 * new value for a voter (at most two are kept) a member appends its signature and relays it to the
 * members not yet on the chain, unless round f+1 has begun. Whatever an honest member accepts by
 * round f, every honest member accepts by round f+1; a value first accepted in round f+1 carries f+1
 * signers, so an honest one among them already relayed it. Hence every honest member ends with the
 * same set per voter: none (missing), one ballot, or two (conflicting). Cost: one extra round of Δ
 * per tolerated fault; at most 2·|voters| relays per member.
 *
 * <p>With {@link Broadcast#ECHO} a vote accepted in round 1 (straight from its voter) is not relayed
 * at once. At the end of round 1 each member sends one {@link Echo} listing the votes it holds; at
 * the end of the next Δ it relays each round-1 vote (with its signature, so as a two-signature chain)
 * only to the members whose echo does not list it, and a vote first accepted later is relayed to
 * everyone as above. The Dolev–Strong argument still holds: an honest member either listed the vote
 * in its echo (so it holds it) or receives the relay by the end of round 2, which ECHO ends 3Δ after
 * voting; a vote accepted in round k ≥ 2 reaches everyone by the end of round k+1. In the good case
 * (an honest voter, honest echoes) the only messages are the n votes and n echoes per member.
 *
 * <p>With {@link Broadcast#BB} (the (Δ+δ)-BB of Abraham–Nayak–Ren–Xiang in lock-step form; n ≥ 2f+1,
 * quorum q = f+1; times after voting, t₀ = start + Δ) the four steps are:
 * <ol>
 *   <li>t₀, propose: each voter (the broadcast's sender) signs its vote and sends it to the group.</li>
 *   <li>t₀+Δ, echo (the step-2 vote): each member signs and sends one {@link Echo} listing, for every
 *       voter, the values it received straight from that voter by t₀+Δ (at most two). Reticulum
 *       merges the echoes of all an epoch's votes into one message: O(n²) messages per epoch.</li>
 *   <li>t₀+2Δ, certify: a value is certified here if q of the echoes received by t₀+2Δ (this
 *       member's own included) list it. If it is listed by at least q+f, every honest member counts q
 *       honest echoes itself and nothing is sent; otherwise the echo signatures are checked and the
 *       {@link Certificate} (q signed echoes) is forwarded, signed, to everyone. Members also relay
 *       the signed votes they hold to members whose echo lacks them, so a certified vote's signature
 *       reaches every honest member.</li>
 *   <li>t₀+3Δ, lock: a certificate forwarded by k distinct members (the voter never counts as a
 *       forwarder of its own vote's certificate) is accepted until t₀+2Δ+k·Δ, for 1 ≤ k ≤ K =
 *       max(2, f), and a member that accepts a new value with k &lt; K forwarders forwards it once
 *       more, signed, to every member not yet on it: Dolev–Strong over certificates.</li>
 * </ol>
 * At t₀+4Δ each member outputs, per voter, its certified values: none → no vote (⊥), one → that
 * vote, two → conflicting, unless it sees a sign of the bad case (below); then it keeps accepting and
 * forwarding certificates and outputs its certified values at t₀+(2+K)·Δ, the last certificate
 * deadline ({@link SyncVoteConfig#fallbackDecideAt()}; equal to t₀+4Δ when f ≤ 2).
 *
 * <p>Agreement in the bad case (Dolev–Strong): a certificate an honest member accepts with k &lt; K
 * forwarders, or certifies itself at t₀+2Δ, reaches every honest member within the next Δ with one
 * more forwarder, in time (one certified by counting q+f echoes is certified by every honest member
 * at once, and an honest voter's own vote is certified everywhere at t₀+2Δ). One first accepted with K forwarders carries K ≥ f forwarders other than
 * the voter; when the voter is Byzantine at most f − 1 of them are, so an honest one accepted it
 * earlier and forwarded it to everyone. (With two values kept per voter a member that refuses a third
 * already outputs "conflicting", as does everyone it forwarded its two to.) So every honest member
 * ends with the same certified values at t₀+(2+K)·Δ.
 *
 * <p>The good case, deciding at t₀+4Δ: a member decides early when, for every voter, it has two
 * certified values, or no value listed by an echo it received is both uncertified and either signed
 * by the voter in its hands or beside two signed values of the voter it holds. That is sound: a
 * value that can ever be certified is listed by an honest echo (q = f+1 signers), which every honest
 * member receives by the echo deadline t₀+2Δ; the honest echoer holds the voter's signed vote and at
 * t₀+2Δ relays it to every member whose echo lacks it, so by t₀+3Δ every honest member holds it
 * (or two other signed votes of that voter). An early-deciding member has therefore certified every
 * value that can ever be certified, and its certified values reach every honest member through the
 * Dolev–Strong rule above: early and late deciders output the same. The signs of the bad case are
 * thus evidence that honest members forward anyway (signed votes relayed at t₀+2Δ to members whose
 * echo lacks them, certificates): a voter's signed vote that an echo lists but that has no
 * certificate (a vote sent to too few members, the losing side of an equivocation), or two signed
 * votes of one voter; a forged vote or certificate is refused before it counts. An honest voter's vote reaches every honest member by t₀+Δ, at least
 * n−f ≥ q honest echoes list it and no other value of it can be signed, so an honest voter's
 * instance never leaves the good case, whatever the f Byzantine members send (false echoes list
 * values nobody holds signed); so do a silent voter and one whose vote reaches members after the
 * echoes. Validity: an honest voter's vote is output everywhere, since no other value of it can
 * gather q echoes (a certificate needs an honest echo, and honest members list only what the voter
 * signed). The cost of the bad case: K − 2 more Δ before the verdict (with Reticulum's f = ⌊(Nc−1)/2⌋,
 * about f·Δ) and at most two certificate forwards per voter and member; the good case sends nothing
 * more than before. {@link Broadcast#ECHO} and {@link Broadcast#DOLEV_STRONG} always take their f+1
 * rounds.
 *
 * <p>Votes are written to {@code ctx.storage()} before they are sent; a restarted voter never votes
 * again in that epoch. Metrics: counters {@code syncvote.accepted}, {@code syncvote.failed} (one per
 * member's verdict), {@code syncvote.relayed}, {@code syncvote.refused.<REASON>}; with BB
 * {@code syncvote.bb.forwarded}, {@code syncvote.bb.fallback} (members that decided late) and
 * {@code syncvote.bb.certifiedAfterVerdict} (a new value certified after this member's verdict: 0
 * whenever messages between honest members take at most Δ).
 */
public final class SyncVoteNode implements Protocol {
    private final NodeContext ctx;
    private final SyncVoteConfig config;
    private final PayloadRules rules;
    private final OutcomeListener listener;
    private final NodeId self;
    private final Bytes voteKey;
    private final List<LeaderProposal> proposals = new ArrayList<>(2);
    /** Per voter index, the distinct (block, approve) values accepted, at most two. */
    private final Map<Integer, List<VoteChain>> accepted = new TreeMap<>();
    private SyncVoteOutcome outcome;
    private boolean withholding;
    private final Metrics.Counter relayed;
    /** ECHO: votes accepted in round 1, relayed at {@link SyncVoteConfig#lackRelayAt()} to members lacking them. */
    private final List<VoteChain> roundOne = new ArrayList<>();
    /**
     * ECHO: members (by node index) whose echo equalled this member's own, and the echoes of the others.
     * Only the differing ones are kept: at Nc = 329 a node would otherwise hold 328 echoes per vote.
     */
    private final java.util.BitSet echoedSame = new java.util.BitSet();
    private final Map<NodeId, Echo> echoes = new HashMap<>();
    /** ECHO: this member's echo, once built. */
    private Echo ownEcho;
    private boolean echoExternally;
    /** Group members by node index, and each voter's position: membership checks run per message. */
    private final java.util.BitSet groupSet = new java.util.BitSet();
    private final Map<NodeId, Integer> voterPosition = new HashMap<>();
    /** When this member first accepted a vote of each voter, by voter index. */
    private final long[] firstAcceptedAt;
    /**
     * BB: every echo received in step 2 and its sender, in arrival order (arrays, not a map: at Nc = 329
     * a paper-scale run holds tens of millions of them at once).
     */
    private Echo[] signedEchoes;
    private NodeId[] echoSenders;
    private int echoCount;
    /** BB: whether each sender's echo signature verified, checked only when a certificate needs it. */
    private final Map<NodeId, Boolean> echoSignatureOk = new HashMap<>();
    /** BB: per voter position, the certified values (at most two are kept). */
    private final Map<Integer, List<Echo.Value>> certified = new TreeMap<>();

    record ProposeTimer() {}

    record EchoTimer() {}

    record LackRelayTimer() {}

    record VoteTimer() {}

    record DecideTimer() {}

    /** BB, bad case: the last certificate deadline has passed. */
    record FallbackTimer() {}

    public SyncVoteNode(NodeContext ctx, SyncVoteConfig config, PayloadRules rules, OutcomeListener listener) {
        this.ctx = ctx;
        this.config = config;
        this.rules = rules;
        this.listener = listener;
        this.self = ctx.self();
        this.voteKey = Bytes.wrap(("syncvote/" + config.epoch() + "/vote").getBytes(StandardCharsets.US_ASCII));
        this.relayed = ctx.metrics().counter("syncvote.relayed");
        config.group().forEach(g -> groupSet.set(g.index()));
        this.firstAcceptedAt = new long[config.voters().size()];
        java.util.Arrays.fill(firstAcceptedAt, -1);
        for (int i = 0; i < config.voters().size(); i++) {
            voterPosition.put(config.voters().get(i), i);
        }
    }

    /** This member's verdict, once its deadline passed. */
    public SyncVoteOutcome outcome() {
        return outcome;
    }

    /**
     * From now on this member neither proposes nor votes; it still relays others' votes and decides.
     * This is the silent node of Reticulum's liveness attacks, which the protocol must tolerate.
     */
    public void withhold() {
        withholding = true;
    }

    /**
     * ECHO: the caller sends this member's echo itself (Reticulum batches the echoes of all its
     * process votes into one message); call before {@link #onStart()}.
     */
    public void echoExternally() {
        echoExternally = true;
    }

    /**
     * Whether this vote has an echo round: ECHO with at least one tolerated fault, or BB; and this node
     * in the group.
     */
    public boolean echoes() {
        return ((config.broadcast() == Broadcast.ECHO && config.faults() >= 1) || config.broadcast() == Broadcast.BB)
                && inGroup(self);
    }

    /**
     * This member's echo: the votes it holds now, in the vote's voter order (kept to compare others'
     * with); signed with BB, where it is this member's step-2 vote.
     */
    public Echo echo() {
        Echo e = holdings();
        ownEcho = config.broadcast() == Broadcast.BB ? e.signed(ctx.crypto().sign(e.signingBytes())) : e;
        return ownEcho;
    }

    private Echo holdings() {
        List<List<Echo.Value>> held = new ArrayList<>(config.voters().size());
        for (NodeId v : config.voters()) {
            held.add(accepted.getOrDefault(v.index(), List.of()).stream()
                    .map(c -> new Echo.Value(c.block(), c.approve())).toList());
        }
        return new Echo(config.epoch(), held);
    }

    /** When this member first accepted a vote of {@code voter}, if it did. */
    public java.util.OptionalLong firstAcceptedAt(NodeId voter) {
        Integer position = voterPosition.get(voter);
        return position == null || firstAcceptedAt[position] < 0 ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(firstAcceptedAt[position]);
    }

    /** The signed proposals this member received from the leader (at most two), in arrival order. */
    public List<LeaderProposal> proposals() {
        return List.copyOf(proposals);
    }

    /**
     * The voter signatures behind this member's approve ballots (voters with exactly one accepted
     * vote, an approval), by voter index: the proof Reticulum's control block attaches to a passed
     * process block.
     */
    public java.util.SortedMap<Integer, Bytes> approveSignatures() {
        TreeMap<Integer, Bytes> out = new TreeMap<>();
        if (config.broadcast() == Broadcast.BB) {
            for (Map.Entry<Integer, List<Echo.Value>> e : certified.entrySet()) {
                if (e.getValue().size() == 1 && e.getValue().getFirst().approve()) {
                    NodeId voter = config.voters().get(e.getKey());
                    signedVote(voter, e.getValue().getFirst()).ifPresent(c -> out.put(voter.index(), c.voterSignature()));
                }
            }
            return java.util.Collections.unmodifiableSortedMap(out);
        }
        for (Map.Entry<Integer, List<VoteChain>> e : accepted.entrySet()) {
            if (e.getValue().size() == 1 && e.getValue().getFirst().approve()) {
                out.put(e.getKey(), e.getValue().getFirst().voterSignature());
            }
        }
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    @Override
    public void onStart() {
        long now = ctx.now();
        if (self.equals(config.leader()) && now <= config.startMicros()) {
            ctx.schedule(config.startMicros() - now, new ProposeTimer());
        }
        if (voterPosition.containsKey(self) && now <= config.voteAt()) {
            ctx.schedule(config.voteAt() - now, new VoteTimer());
        }
        if (echoes()) {
            if (!echoExternally && now <= config.echoAt()) {
                ctx.schedule(config.echoAt() - now, new EchoTimer());
            }
            if (now <= config.lackRelayAt()) {
                // BB certifies one microsecond after the echo deadline, so echoes arriving exactly at it count.
                ctx.schedule(config.lackRelayAt() - now + (config.broadcast() == Broadcast.BB ? 1 : 0),
                        new LackRelayTimer());
            }
        }
        if (inGroup(self) && now <= config.decideAt()) {
            // One microsecond after the deadline, so chains arriving exactly at it are counted.
            ctx.schedule(config.decideAt() + 1 - now, new DecideTimer());
        }
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case ProposeTimer p -> propose();
            case VoteTimer v -> vote();
            case DecideTimer d -> decideOrWait();
            case FallbackTimer f -> decide();
            case EchoTimer t -> ctx.multicast(others(), echo());
            case LackRelayTimer t -> {
                if (config.broadcast() == Broadcast.BB) {
                    certify();
                }
                relayToLacking();
            }
            default -> {}
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        if (handle(from, m) instanceof Refused r) {
            ctx.metrics().counter("syncvote.refused." + r.reason()).increment();
        }
    }

    public Receipt handle(NodeId from, Message m) {
        return switch (m) {
            case LeaderProposal p -> onProposal(p);
            case VoteChain c -> onVoteChain(c);
            case Echo e -> onEcho(from, e);
            case Certificate c -> onCertificate(c);
            default -> new Refused(Reason.NOT_SYNC_VOTE, "not a sync-vote message");
        };
    }

    private void propose() {
        if (withholding) {
            return;
        }
        var payload = rules.propose(config.epoch(), Hash.ZERO, ctx.random());
        Hash block = LeaderProposal.blockHash(config.epoch(), payload);
        LeaderProposal p = new LeaderProposal(config.epoch(), payload, self,
                ctx.crypto().sign(SyncVoteMessage.proposalBytes(config.epoch(), block)));
        ctx.multicast(config.voters().stream().filter(v -> !v.equals(self)).toList(), p);
        handle(self, p);
    }

    private Receipt onProposal(LeaderProposal p) {
        if (p.epoch() != config.epoch()) {
            return new Refused(Reason.WRONG_EPOCH, "epoch " + p.epoch() + ", expected " + config.epoch());
        }
        if (!p.leader().equals(config.leader())) {
            return new Refused(Reason.NOT_LEADER, p.leader() + " does not lead epoch " + config.epoch());
        }
        if (ctx.now() > config.voteAt()) {
            return new Refused(Reason.TOO_LATE, "proposal arrived after voting began");
        }
        Hash block = p.blockHash();
        for (LeaderProposal known : proposals) {
            if (known.blockHash().equals(block)) {
                return new Refused(Reason.DUPLICATE, "proposal already received");
            }
        }
        if (proposals.size() == 2) {
            return new Refused(Reason.SATURATED, "two conflicting proposals already received");
        }
        if (!ctx.crypto().verify(p.leader(), SyncVoteMessage.proposalBytes(p.epoch(), block), p.signature())) {
            return new Refused(Reason.BAD_SIGNATURE, "proposal signature does not verify");
        }
        proposals.add(p);
        return Receipt.USED;
    }

    private void vote() {
        if (withholding) {
            return;
        }
        if (ctx.storage().get(voteKey).isPresent()) {
            return; // voted before a restart
        }
        Hash block = Hash.ZERO;
        boolean approve = false;
        if (proposals.size() == 1) {
            LeaderProposal p = proposals.getFirst();
            block = p.blockHash();
            approve = rules.check(config.epoch(), p.payload()) instanceof Validity.Valid;
        }
        Bytes sig = ctx.crypto().sign(SyncVoteMessage.voteBytes(false, config.epoch(), self.index(), block, approve));
        VoteChain chain = new VoteChain(config.epoch(), self, block, approve, sig, List.of());
        ctx.storage().put(voteKey, new Encoder(40).hash(block).bool(approve).toBytes());
        accepted.computeIfAbsent(self.index(), k -> new ArrayList<>(2)).add(chain);
        firstAcceptedAt[voterPosition.get(self)] = ctx.now();
        ctx.multicast(others(), chain);
    }

    private boolean inGroup(NodeId n) {
        return groupSet.get(n.index());
    }

    private List<NodeId> others() {
        return config.group().stream().filter(g -> !g.equals(self)).toList();
    }

    private Receipt onEcho(NodeId from, Echo e) {
        if (e.epoch() != config.epoch()) {
            return new Refused(Reason.WRONG_EPOCH, "epoch " + e.epoch() + ", expected " + config.epoch());
        }
        if (config.broadcast() != Broadcast.ECHO && config.broadcast() != Broadcast.BB) {
            return new Refused(Reason.NOT_SYNC_VOTE, "this vote has no echo round");
        }
        if (!inGroup(from)) {
            return new Refused(Reason.NOT_MEMBER, from + " is not a group member");
        }
        if (e.held().size() != config.voters().size()) {
            return new Refused(Reason.MALFORMED, "echo lists " + e.held().size() + " voters, the vote has "
                    + config.voters().size());
        }
        if (ctx.now() > config.lackRelayAt()) {
            return new Refused(Reason.TOO_LATE, "echo arrived after the relays to members lacking votes");
        }
        if (echoedSame.get(from.index()) || echoes.containsKey(from)) {
            return new Refused(Reason.DUPLICATE, from + " already echoed");
        }
        if (ownEcho != null && ownEcho.digest().equals(e.digest())) {
            echoedSame.set(from.index());
        } else {
            echoes.put(from, e);
        }
        if (config.broadcast() == Broadcast.BB) {
            if (signedEchoes == null) {
                signedEchoes = new Echo[config.group().size()];
                echoSenders = new NodeId[config.group().size()];
            }
            if (echoCount < signedEchoes.length) {
                signedEchoes[echoCount] = e;
                echoSenders[echoCount++] = from;
            }
        }
        return Receipt.USED;
    }

    /**
     * BB step 3, 2Δ after voting: a value of a voter is certified when at least f+1 members (this one
     * included) listed it in their echoes. If at least f of those could be Byzantine and the rest still
     * make f+1, every honest member counts f+1 honest echoes itself and nothing is sent; otherwise the
     * echo signatures are checked and the certificate goes to everyone, so that whoever relies on it
     * here is matched by every honest member by 3Δ.
     */
    private void certify() {
        // Slot echoCount is this member's own echo, if it sent one.
        int slots = echoCount + (ownEcho != null ? 1 : 0);
        int quorum = config.quorum();
        // Echoes equal to this member's own are only counted (echoedSame); the others are scanned.
        int same = echoedSame.cardinality();
        List<Echo> differing = List.copyOf(echoes.values());
        for (int position = 0; position < config.voters().size(); position++) {
            List<Echo.Value> listed = new ArrayList<>(2);
            if (ownEcho != null) {
                listed.addAll(ownEcho.held().get(position));
            }
            for (Echo e : differing) {
                for (Echo.Value v : e.held().get(position)) {
                    if (!listed.contains(v)) {
                        listed.add(v);
                    }
                }
            }
            for (Echo.Value value : listed) {
                int count = ownEcho != null && ownEcho.holds(position, value) ? 1 + same : 0;
                for (Echo e : differing) {
                    if (e.holds(position, value)) {
                        count++;
                    }
                }
                if (count - config.faults() >= quorum) {
                    addCertified(position, value);
                    continue;
                }
                if (count < quorum) {
                    continue;
                }
                List<Certificate.Vouch> proof = new ArrayList<>(quorum);
                for (int i = 0; i < slots && proof.size() < quorum; i++) {
                    if (echoAt(i).holds(position, value) && echoSignatureValid(i)) {
                        proof.add(new Certificate.Vouch(i == echoCount ? self : echoSenders[i], echoAt(i)));
                    }
                }
                NodeId voter = config.voters().get(position);
                if (proof.size() == quorum && addCertified(position, value) && !voter.equals(self)) {
                    Bytes sig = ctx.crypto().sign(Certificate.forwardBytes(config.epoch(), voter.index(), value.block(),
                            value.approve()));
                    ctx.multicast(others(), new Certificate(config.epoch(), voter, value.block(), value.approve(), proof,
                            List.of(new VoteChain.Link(self, sig))));
                    ctx.metrics().counter("syncvote.bb.forwarded").increment();
                }
            }
        }
    }

    private Echo echoAt(int slot) {
        return slot == echoCount ? ownEcho : signedEchoes[slot];
    }

    private boolean echoSignatureValid(int slot) {
        if (slot == echoCount) {
            return true;
        }
        return echoSignatureOk.computeIfAbsent(echoSenders[slot], m -> {
            Echo e = signedEchoes[slot];
            return ctx.crypto().verify(m, e.signingBytes(), e.signature());
        });
    }

    /** Records a certified value; false if it was known or the voter already has two. */
    private boolean addCertified(int position, Echo.Value value) {
        List<Echo.Value> got = certified.computeIfAbsent(position, k -> new ArrayList<>(2));
        if (got.contains(value) || got.size() == 2) {
            return false;
        }
        got.add(value);
        return true;
    }

    /**
     * BB step 4: a certificate forwarded by k distinct members is accepted until 2Δ + k·Δ after voting
     * (k ≤ K = max(2, f)); one accepted with k &lt; K is forwarded again, signed, to every member not yet
     * on it.
     */
    private Receipt onCertificate(Certificate c) {
        if (c.epoch() != config.epoch()) {
            return new Refused(Reason.WRONG_EPOCH, "epoch " + c.epoch() + ", expected " + config.epoch());
        }
        if (config.broadcast() != Broadcast.BB) {
            return new Refused(Reason.NOT_SYNC_VOTE, "this vote has no certificates");
        }
        Integer position = voterPosition.get(c.voter());
        if (position == null) {
            return new Refused(Reason.NOT_VOTER, c.voter() + " is not a voter");
        }
        int k = c.forwarders().size();
        if (k < 1 || k > config.maxForwarders()) {
            return new Refused(Reason.MALFORMED, "a certificate carries 1 to " + config.maxForwarders()
                    + " forwarders, got " + k);
        }
        if (ctx.now() > config.certificateDeadline(k)) {
            return new Refused(Reason.TOO_LATE, "a certificate forwarded by " + k + " arrived too late");
        }
        Echo.Value value = new Echo.Value(c.block(), c.approve());
        List<Echo.Value> got = certified.getOrDefault(position, List.of());
        if (got.contains(value)) {
            return new Refused(Reason.DUPLICATE, "this value of " + c.voter() + " is already certified");
        }
        if (got.size() == 2) {
            return new Refused(Reason.SATURATED, c.voter() + " already has two certified values");
        }
        Set<NodeId> forwarders = new HashSet<>();
        for (VoteChain.Link l : c.forwarders()) {
            if (l.signer().equals(c.voter())) {
                // Else a voter and one colluder could make a two-forwarder certificate on their own.
                return new Refused(Reason.REPEATED_SIGNER, "the voter cannot forward its own vote's certificate");
            }
            if (!inGroup(l.signer())) {
                return new Refused(Reason.NOT_MEMBER, l.signer() + " forwarded but is not a group member");
            }
            if (!forwarders.add(l.signer())) {
                return new Refused(Reason.REPEATED_SIGNER, l.signer() + " forwarded twice");
            }
        }
        Set<NodeId> signers = new HashSet<>();
        for (Certificate.Vouch v : c.vouches()) {
            if (!inGroup(v.signer())) {
                return new Refused(Reason.NOT_MEMBER, v.signer() + " vouched but is not a group member");
            }
            if (!signers.add(v.signer())) {
                return new Refused(Reason.REPEATED_SIGNER, v.signer() + " vouched twice");
            }
            Echo e = v.echo();
            if (e.epoch() != config.epoch() || e.held().size() != config.voters().size() || !e.holds(position, value)) {
                return new Refused(Reason.MALFORMED, v.signer() + "'s echo does not list the certified vote");
            }
        }
        if (signers.size() < config.quorum()) {
            return new Refused(Reason.MALFORMED, "a certificate needs " + config.quorum() + " vouches, got "
                    + signers.size());
        }
        for (Certificate.Vouch v : c.vouches()) {
            if (!ctx.crypto().verify(v.signer(), v.echo().signingBytes(), v.echo().signature())) {
                return new Refused(Reason.BAD_SIGNATURE, "echo signature by " + v.signer() + " does not verify");
            }
        }
        Bytes forwardBytes = Certificate.forwardBytes(c.epoch(), c.voter().index(), c.block(), c.approve());
        for (VoteChain.Link l : c.forwarders()) {
            if (!ctx.crypto().verify(l.signer(), forwardBytes, l.signature())) {
                return new Refused(Reason.BAD_SIGNATURE, "forwarder signature by " + l.signer() + " does not verify");
            }
        }
        addCertified(position, value);
        if (outcome != null) {
            // The early decision's invariant: once decided no certificate brings a new value (see the
            // class comment). Counted, not thrown: only a broken synchrony assumption gets here.
            ctx.metrics().counter("syncvote.bb.certifiedAfterVerdict").increment();
        }
        if (k < config.maxForwarders() && !forwarders.contains(self) && !self.equals(c.voter())) {
            List<NodeId> to = config.group().stream().filter(g -> !g.equals(self) && !forwarders.contains(g)).toList();
            ctx.multicast(to, c.forwardedBy(new VoteChain.Link(self, ctx.crypto().sign(forwardBytes))));
            ctx.metrics().counter("syncvote.bb.forwarded").increment();
        }
        return Receipt.USED;
    }

    /** The signed vote this member holds for {@code voter}'s {@code value}, if any. */
    private java.util.Optional<VoteChain> signedVote(NodeId voter, Echo.Value value) {
        for (VoteChain c : accepted.getOrDefault(voter.index(), List.of())) {
            if (c.block().equals(value.block()) && c.approve() == value.approve()) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** ECHO, end of round 1 + Δ: relay each round-1 vote to the members whose echo does not list it. */
    private void relayToLacking() {
        if (roundOne.isEmpty()) {
            return;
        }
        Map<VoteChain, List<NodeId>> targets = new java.util.LinkedHashMap<>();
        int matching = echoedSame.get(self.index()) ? echoedSame.cardinality() - 1 : echoedSame.cardinality();
        for (VoteChain c : roundOne) {
            if (c.voter().equals(self) || c.relays().stream().anyMatch(l -> l.signer().equals(self))) {
                continue;
            }
            int position = voterPosition.get(c.voter());
            Echo.Value value = new Echo.Value(c.block(), c.approve());
            // A member that echoed exactly this member's echo holds every vote that echo lists.
            boolean inOwnEcho = ownEcho != null && ownEcho.holds(position, value);
            if (inOwnEcho && matching == config.group().size() - 1) {
                continue; // the good case: every other member echoed what this one holds
            }
            Set<NodeId> signers = new HashSet<>();
            signers.add(c.voter());
            c.relays().forEach(l -> signers.add(l.signer()));
            for (NodeId g : config.group()) {
                if ((inOwnEcho && echoedSame.get(g.index())) || g.equals(self) || signers.contains(g)) {
                    continue;
                }
                Echo e = echoes.get(g);
                if (e == null || !e.holds(position, value)) {
                    targets.computeIfAbsent(c, k -> new ArrayList<>()).add(g);
                }
            }
        }
        ctx.metrics().counter("syncvote.echo.matching").add(matching);
        for (Map.Entry<VoteChain, List<NodeId>> t : targets.entrySet()) {
            VoteChain c = t.getKey();
            Bytes relayBytes = SyncVoteMessage.voteBytes(true, c.epoch(), c.voter().index(), c.block(), c.approve());
            ctx.multicast(t.getValue(), c.append(new VoteChain.Link(self, ctx.crypto().sign(relayBytes))));
        }
        roundOne.clear();
        if (!targets.isEmpty()) {
            relayed.add(targets.size());
        }
    }

    private Receipt onVoteChain(VoteChain c) {
        if (c.epoch() != config.epoch()) {
            return new Refused(Reason.WRONG_EPOCH, "epoch " + c.epoch() + ", expected " + config.epoch());
        }
        if (!voterPosition.containsKey(c.voter())) {
            return new Refused(Reason.NOT_VOTER, c.voter() + " is not a voter");
        }
        long now = ctx.now();
        if (now > config.decideAt()) {
            return new Refused(Reason.TOO_LATE, "vote arrived after the deadline");
        }
        int round = config.roundAt(now);
        if (c.length() < round) {
            return new Refused(Reason.TOO_LATE, "a chain of " + c.length() + " signatures arrived in round " + round);
        }
        Set<NodeId> signers = new HashSet<>();
        signers.add(c.voter());
        for (VoteChain.Link l : c.relays()) {
            if (!inGroup(l.signer())) {
                return new Refused(Reason.NOT_MEMBER, l.signer() + " on the chain is not a group member");
            }
            if (!signers.add(l.signer())) {
                return new Refused(Reason.REPEATED_SIGNER, l.signer() + " signed the chain twice");
            }
        }
        List<VoteChain> known = accepted.getOrDefault(c.voter().index(), List.of());
        for (VoteChain k : known) {
            if (k.block().equals(c.block()) && k.approve() == c.approve()) {
                return new Refused(Reason.DUPLICATE, "this vote of " + c.voter() + " is already accepted");
            }
        }
        if (known.size() == 2) {
            return new Refused(Reason.SATURATED, c.voter() + " already has two conflicting votes");
        }
        if (!ctx.crypto().verify(c.voter(), SyncVoteMessage.voteBytes(false, c.epoch(), c.voter().index(), c.block(),
                c.approve()), c.voterSignature())) {
            return new Refused(Reason.BAD_SIGNATURE, "voter signature does not verify");
        }
        Bytes relayBytes = SyncVoteMessage.voteBytes(true, c.epoch(), c.voter().index(), c.block(), c.approve());
        for (VoteChain.Link l : c.relays()) {
            if (!ctx.crypto().verify(l.signer(), relayBytes, l.signature())) {
                return new Refused(Reason.BAD_SIGNATURE, "relay signature by " + l.signer() + " does not verify");
            }
        }
        accepted.computeIfAbsent(c.voter().index(), k -> new ArrayList<>(2)).add(c);
        int position = voterPosition.get(c.voter());
        if (firstAcceptedAt[position] < 0) {
            firstAcceptedAt[position] = now;
        }
        if (config.broadcast() != Broadcast.DOLEV_STRONG && round == 1) {
            if (config.faults() >= 1 || config.broadcast() == Broadcast.BB) {
                roundOne.add(c); // relayed only to members whose echo lacks it
            }
        } else if (config.broadcast() != Broadcast.BB && round <= config.faults() && !signers.contains(self)) {
            VoteChain more = c.append(new VoteChain.Link(self, ctx.crypto().sign(relayBytes)));
            List<NodeId> to = config.group().stream().filter(g -> !g.equals(self) && !signers.contains(g)).toList();
            ctx.multicast(to, more);
            relayed.increment();
        }
        return Receipt.USED;
    }

    /** At t₀+4Δ: decide, or with BB in the bad case wait for the last certificate deadline. */
    private void decideOrWait() {
        if (config.broadcast() == Broadcast.BB && config.fallbackDecideAt() > config.decideAt() && !settledEarly()) {
            ctx.metrics().counter("syncvote.bb.fallback").increment();
            ctx.schedule(config.fallbackDecideAt() + 1 - ctx.now(), new FallbackTimer());
            return;
        }
        decide();
    }

    /**
     * BB, the good case (see the class comment): for every voter, two values are certified, or no value
     * an echo listed is uncertified while this member holds it signed by the voter or holds two other
     * signed votes of that voter. Then no certificate can still bring a value this member lacks.
     */
    boolean settledEarly() {
        for (int position = 0; position < config.voters().size(); position++) {
            List<Echo.Value> got = certified.getOrDefault(position, List.of());
            if (got.size() == 2) {
                continue;
            }
            List<VoteChain> signed = accepted.getOrDefault(config.voters().get(position).index(), List.of());
            if (signed.isEmpty()) {
                continue; // nothing can be certified: a certificate needs an honest echo, whose sender relays the vote
            }
            for (Echo.Value v : listedValues(position)) {
                if (got.contains(v)) {
                    continue;
                }
                if (signed.size() == 2 || signedVote(config.voters().get(position), v).isPresent()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** BB: the values of the voter at {@code position} that this member's echo or any echo it received listed. */
    private List<Echo.Value> listedValues(int position) {
        List<Echo.Value> listed = new ArrayList<>(2);
        if (ownEcho != null) {
            listed.addAll(ownEcho.held().get(position));
        }
        for (Echo e : echoes.values()) {
            for (Echo.Value v : e.held().get(position)) {
                if (!listed.contains(v)) {
                    listed.add(v);
                }
            }
        }
        return listed;
    }

    private void decide() {
        TreeMap<Integer, Ballot> ballots = new TreeMap<>();
        TreeSet<Integer> missing = new TreeSet<>();
        TreeMap<Hash, Integer> approvals = new TreeMap<>();
        for (int position = 0; position < config.voters().size() && config.broadcast() == Broadcast.BB; position++) {
            NodeId v = config.voters().get(position);
            List<Echo.Value> got = certified.getOrDefault(position, List.of());
            switch (got.size()) {
                case 0 -> missing.add(v.index());
                case 1 -> {
                    Echo.Value c = got.getFirst();
                    ballots.put(v.index(), c.approve() ? new Ballot.Approve(c.block()) : new Ballot.Reject(c.block()));
                    if (c.approve()) {
                        approvals.merge(c.block(), 1, Integer::sum);
                    }
                }
                default -> ballots.put(v.index(), new Ballot.Conflicting());
            }
        }
        for (NodeId v : config.broadcast() == Broadcast.BB ? List.<NodeId>of() : config.voters()) {
            List<VoteChain> got = accepted.getOrDefault(v.index(), List.of());
            switch (got.size()) {
                case 0 -> missing.add(v.index());
                case 1 -> {
                    VoteChain c = got.getFirst();
                    ballots.put(v.index(), c.approve() ? new Ballot.Approve(c.block()) : new Ballot.Reject(c.block()));
                    if (c.approve()) {
                        approvals.merge(c.block(), 1, Integer::sum);
                    }
                }
                default -> ballots.put(v.index(), new Ballot.Conflicting());
            }
        }
        Hash best = Hash.ZERO;
        int most = 0;
        for (Map.Entry<Hash, Integer> e : approvals.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        boolean ok = config.threshold().accepts(most, config.voters().size());
        outcome = new SyncVoteOutcome(config.epoch(), ok, ok ? best : Hash.ZERO, ballots, missing);
        ctx.metrics().counter(ok ? "syncvote.accepted" : "syncvote.failed").increment();
        listener.decided(self, outcome);
    }
}

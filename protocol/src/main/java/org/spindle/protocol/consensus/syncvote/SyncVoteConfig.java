package org.spindle.protocol.consensus.syncvote;

import java.util.List;
import org.spindle.protocol.runtime.NodeId;

/**
 * One synchronous vote. The {@code leader} proposes at {@code startMicros}; each of the
 * {@code voters} votes at {@code start + Δ} on what it received; votes reach every member of
 * {@code group} (which contains the voters, as a control shard contains its process shards) through
 * a Dolev–Strong Byzantine broadcast of {@code faults + 1} rounds of Δ; every group member decides at
 * {@code start + Δ + (faults + 1)·Δ}. With {@link Broadcast#ECHO} votes go out directly, an echo
 * round follows, and relay round k ≥ 2 ends one Δ later than Dolev–Strong's, so members decide at
 * {@code start + Δ + (faults + 2)·Δ}. With {@link Broadcast#BB} members decide at {@code start + Δ + 4Δ}
 * in the good case and at {@link #fallbackDecideAt()}, {@code start + Δ + (max(2, faults) + 2)·Δ}, when
 * they saw a sign of a Byzantine voter (see {@link SyncVoteNode} for its steps and guarantees). Agreement on the vote set holds if at most {@code faults}
 * group members are faulty and every message between honest members arrives within Δ.
 */
public record SyncVoteConfig(long epoch, NodeId leader, List<NodeId> voters, List<NodeId> group, Threshold threshold,
        long startMicros, long deltaMicros, int faults, Broadcast broadcast) {
    /** A vote broadcast by Dolev–Strong. */
    public SyncVoteConfig(long epoch, NodeId leader, List<NodeId> voters, List<NodeId> group, Threshold threshold,
            long startMicros, long deltaMicros, int faults) {
        this(epoch, leader, voters, group, threshold, startMicros, deltaMicros, faults, Broadcast.DOLEV_STRONG);
    }

    public SyncVoteConfig {
        java.util.Objects.requireNonNull(broadcast, "broadcast");
        voters = List.copyOf(voters);
        group = List.copyOf(group);
        if (epoch < 0 || startMicros < 0 || deltaMicros <= 0) {
            throw new IllegalArgumentException("epoch and start must be non-negative, Δ positive");
        }
        if (voters.isEmpty() || !group.containsAll(voters) || !voters.contains(leader)) {
            throw new IllegalArgumentException("the leader must be a voter and every voter a group member");
        }
        if (group.stream().distinct().count() != group.size() || voters.stream().distinct().count() != voters.size()) {
            throw new IllegalArgumentException("voters and group members must be distinct");
        }
        if (faults < 0 || faults >= group.size()) {
            throw new IllegalArgumentException("faults must be in 0.." + (group.size() - 1) + ", got " + faults);
        }
        if (broadcast == Broadcast.BB && 2 * faults >= group.size()) {
            throw new IllegalArgumentException("BB needs an honest majority: 2·faults < |group|, got faults = "
                    + faults + " of " + group.size());
        }
        if (broadcast == Broadcast.BB && faults + 1 > SyncVoteMessage.MAX_CHAIN) {
            // A certificate carries f+1 vouches and up to f forwarders; both lists are bounded by the codec.
            throw new IllegalArgumentException("BB certificates of " + (faults + 1) + " vouches exceed the codec's "
                    + SyncVoteMessage.MAX_CHAIN);
        }
    }

    /** With {@link Broadcast#BB}: matching signed echoes that make a certificate, f + 1. */
    public int quorum() {
        return faults + 1;
    }

    /**
     * With {@link Broadcast#BB}: the latest arrival of a certificate forwarded by {@code forwarders}
     * members (1 to {@link #maxForwarders()}): 2Δ + forwarders·Δ after voting, plus the microsecond by
     * which certificates are formed after the echo deadline.
     */
    public long certificateDeadline(int forwarders) {
        return voteAt() + (2L + forwarders) * deltaMicros + 1;
    }

    /**
     * With {@link Broadcast#BB}: the longest forwarder chain a certificate may carry, max(2, f). A
     * Byzantine voter has at most f − 1 Byzantine helpers and never counts as a forwarder, so a chain of
     * f forwarders has an honest one, which forwarded the certificate to everyone in time (the
     * Dolev–Strong argument); 0 for the other broadcasts.
     */
    public int maxForwarders() {
        return broadcast == Broadcast.BB ? Math.max(2, faults) : 0;
    }

    /**
     * When a member decides in the bad case: with {@link Broadcast#BB}, once the last certificate
     * deadline has passed, 2Δ + {@link #maxForwarders()}·Δ after voting (equal to {@link #decideAt()}
     * when f ≤ 2); for the other broadcasts {@link #decideAt()}.
     */
    public long fallbackDecideAt() {
        if (broadcast == Broadcast.BB) {
            return voteAt() + (2L + maxForwarders()) * deltaMicros;
        }
        return decideAt();
    }

    /** The fault bound Reticulum uses for its control-shard broadcast: ⌊(|group| − 1) / 2⌋. */
    public static int reticulumFaults(int groupSize) {
        return (groupSize - 1) / 2;
    }

    /** When votes are cast and broadcast round 1 begins. */
    public long voteAt() {
        return startMicros + deltaMicros;
    }

    /**
     * The end of broadcast round {@code r} (1-based): a chain of k signatures is accepted until the end
     * of round k. With {@link Broadcast#ECHO}, round 1 (direct votes) ends Δ after voting, the echoes
     * travel in the next Δ, and round k ≥ 2 ends (k+1)·Δ after voting.
     */
    public long roundEnd(int r) {
        if (broadcast == Broadcast.BB) {
            return r == 1 ? voteAt() + deltaMicros : decideAt();
        }
        if (broadcast == Broadcast.ECHO && r >= 2) {
            return voteAt() + (r + 1L) * deltaMicros;
        }
        return voteAt() + r * deltaMicros;
    }

    /** The round a message arriving at {@code now} belongs to: the first whose end is not before it. */
    public int roundAt(long now) {
        if (now <= roundEnd(1)) {
            return 1;
        }
        if (broadcast == Broadcast.BB) {
            return 2; // any later signed vote is kept (its timing does not matter: certificates decide)
        }
        long after = Math.ceilDiv(now - voteAt(), deltaMicros);
        return (int) Math.min(Integer.MAX_VALUE, broadcast == Broadcast.ECHO ? Math.max(2, after - 1) : after);
    }

    /** With {@link Broadcast#ECHO} and {@link Broadcast#BB}: when each member sends its echo (the end of round 1). */
    public long echoAt() {
        return roundEnd(1);
    }

    /** With {@link Broadcast#ECHO}: when votes accepted in round 1 are relayed to members whose echo lacks them. */
    public long lackRelayAt() {
        return voteAt() + 2 * deltaMicros;
    }

    /**
     * When every group member decides: the end of round faults + 1; with {@link Broadcast#BB} 4Δ after
     * voting, the good case (a member that saw a sign of the bad case waits for {@link #fallbackDecideAt()}).
     */
    public long decideAt() {
        if (broadcast == Broadcast.BB) {
            return voteAt() + 4 * deltaMicros;
        }
        return roundEnd(faults + 1);
    }
}

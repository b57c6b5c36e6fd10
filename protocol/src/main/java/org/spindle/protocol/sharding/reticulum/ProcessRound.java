package org.spindle.protocol.sharding.reticulum;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.runtime.NodeId;

/**
 * What a control-shard member knows after phase 1 about one governed process shard: its voters and
 * leader, the vote set the Byzantine broadcast gave every honest member ({@code outcome}), the
 * voters' signatures over their approve votes, and, if the shard's leader proposed a block, that
 * block's hash with this member's own check of it (for a failed shard, the block and the last state
 * are sent to the control shard, so every member can check it).
 */
public record ProcessRound(int processShard, List<NodeId> voters, NodeId leader, SyncVoteOutcome outcome,
        SortedMap<Integer, Bytes> approveSignatures, Optional<Fetched> proposal) {

    /** The leader's block as this member fetched and checked it. */
    public record Fetched(Hash block, Validity validity) {
        public Fetched {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(validity, "validity");
        }
    }

    public ProcessRound {
        voters = List.copyOf(voters);
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(outcome, "outcome");
        approveSignatures = Collections.unmodifiableSortedMap(new TreeMap<>(approveSignatures));
        Objects.requireNonNull(proposal, "proposal");
        if (!voters.contains(leader)) {
            throw new IllegalArgumentException("the leader must be one of the voters");
        }
    }

    public boolean passed() {
        return outcome.accepted();
    }

    /** The block this round is about: the one that passed, else the leader's proposal, else none. */
    public Hash block() {
        if (passed()) {
            return outcome.block();
        }
        return proposal.map(Fetched::block).orElse(Hash.ZERO);
    }

    /** This member's decision on the round: what an honest control leader puts in its block. */
    public Decision decision() {
        if (passed()) {
            return Decision.ACCEPT;
        }
        return proposal.filter(f -> f.validity().isValid()).isPresent() ? Decision.ACCEPT : Decision.REJECT;
    }

    /** Whether the leader proposed a block whose content this member found faulty. */
    public boolean faultyProposal() {
        return !passed() && proposal.filter(f -> !f.validity().isValid()).isPresent();
    }
}

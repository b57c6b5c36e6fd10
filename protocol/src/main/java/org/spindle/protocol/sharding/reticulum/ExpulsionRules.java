package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.syncvote.Ballot;
import org.spindle.protocol.runtime.NodeId;

/**
 * The expulsion rules (reticulum.md §1.4, Sec II and Corollary 1) as a pure function of the epoch's
 * rounds, which Byzantine broadcast made identical at every honest control member, and the liveness
 * record in force. A node is expelled at most once per epoch, for its first offence in
 * {@link Offence} order.
 *
 * <ul>
 *   <li>{@link Offence#FAULTY_PROPOSAL}: the leader of a failed round whose block is faulty;</li>
 *   <li>{@link Offence#VOTED_FOR_FAULTY}: a voter who approved that block;</li>
 *   <li>{@link Offence#REJECTED_ACCEPTED_BLOCK}: a voter who rejected the very block the control
 *       shard accepts (a voter that received no proposal rejects {@link Hash#ZERO}, which a
 *       selectively-sending leader can cause, and is not punished for it);</li>
 *   <li>{@link Offence#EQUIVOCATED}: a voter with two signed votes;</li>
 *   <li>{@link Offence#SILENT_TWICE}: a voter whose vote is missing for the second time within τ.</li>
 * </ul>
 */
public final class ExpulsionRules {
    private ExpulsionRules() {}

    /** The expulsions of one epoch and the liveness record that follows it. */
    public record Judgement(List<Expulsion> expulsions, LivenessRecord liveness) {
        public Judgement {
            expulsions = List.copyOf(expulsions);
        }
    }

    public static Judgement judge(long epoch, List<ProcessRound> rounds, LivenessRecord liveness, int tau) {
        TreeMap<NodeId, Expulsion> out = new TreeMap<>();
        for (ProcessRound r : rounds) {
            Hash block = r.block();
            boolean accepted = r.decision() == Decision.ACCEPT;
            if (r.faultyProposal()) {
                offend(out, new Expulsion(r.leader(), r.processShard(), Offence.FAULTY_PROPOSAL, block));
            }
            for (Map.Entry<Integer, Ballot> e : r.outcome().ballots().entrySet()) {
                NodeId voter = NodeId.of(e.getKey());
                switch (e.getValue()) {
                    case Ballot.Approve a when r.faultyProposal() && a.block().equals(block) ->
                            offend(out, new Expulsion(voter, r.processShard(), Offence.VOTED_FOR_FAULTY, block));
                    case Ballot.Reject x when accepted && !block.isZero() && x.block().equals(block) ->
                            offend(out, new Expulsion(voter, r.processShard(), Offence.REJECTED_ACCEPTED_BLOCK, block));
                    case Ballot.Conflicting c -> offend(out, new Expulsion(voter, r.processShard(),
                            Offence.EQUIVOCATED, Expulsion.equivocationEvidence(voter, epoch)));
                    default -> {}
                }
            }
        }
        LivenessRecord next = liveness;
        for (ProcessRound r : rounds) {
            for (int missing : r.outcome().missing()) {
                NodeId voter = NodeId.of(missing);
                if (out.containsKey(voter)) {
                    continue;
                }
                switch (next.silent(voter, epoch, tau)) {
                    case LivenessRecord.Silence.Marked m -> next = m.next();
                    case LivenessRecord.Silence.Second s -> {
                        next = s.next();
                        out.put(voter, new Expulsion(voter, r.processShard(), Offence.SILENT_TWICE,
                                Expulsion.silenceEvidence(voter, s.firstEpoch(), epoch)));
                    }
                }
            }
        }
        List<Expulsion> list = new ArrayList<>(out.values());
        return new Judgement(list, next.without(out.keySet()));
    }

    private static void offend(TreeMap<NodeId, Expulsion> out, Expulsion x) {
        out.merge(x.node(), x, (a, b) -> a.offence().compareTo(b.offence()) <= 0 ? a : b);
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

/**
 * Builds the control block an honest leader proposes and checks a proposed one, both from the
 * member's own view of the epoch ({@link ProcessRound}s in ascending process-shard order and the
 * liveness record in force). Byzantine broadcast gives every honest member the same rounds, so an
 * honest leader's block is approved by every honest member, and any other block by none.
 */
public final class ControlBlocks {
    private ControlBlocks() {}

    /** A member's verdict on a proposed control block. */
    public sealed interface Verdict {
        Agree AGREE = new Agree();

        record Agree() implements Verdict {}

        record Disagree(String reason) implements Verdict {}

        default boolean agrees() {
            return this instanceof Agree;
        }
    }

    /** The view a control member judges an epoch from. */
    public record View(long epoch, int controlShard, List<ProcessRound> rounds, LivenessRecord liveness, int tau) {
        public View {
            rounds = List.copyOf(rounds);
            Objects.requireNonNull(liveness, "liveness");
            for (int i = 1; i < rounds.size(); i++) {
                if (rounds.get(i - 1).processShard() >= rounds.get(i).processShard()) {
                    throw new IllegalArgumentException("rounds must be in ascending process-shard order");
                }
            }
        }

        public ExpulsionRules.Judgement judgement() {
            return ExpulsionRules.judge(epoch, rounds, liveness, tau);
        }
    }

    /** The control block an honest leader proposes for {@code attempt}. */
    public static ControlBlock build(View view, int attempt, NodeId leader) {
        List<ControlEntry> entries = new ArrayList<>();
        for (ProcessRound r : view.rounds()) {
            entries.add(entryFor(r));
        }
        return new ControlBlock(view.epoch(), view.controlShard(), attempt, leader, entries,
                view.judgement().expulsions());
    }

    private static ControlEntry entryFor(ProcessRound r) {
        if (r.passed()) {
            return new ControlEntry.Passed(r.processShard(), r.block(), r.approveSignatures());
        }
        return new ControlEntry.Failed(r.processShard(), r.block(), r.decision(), r.outcome().ballots(),
                r.outcome().missing());
    }

    /**
     * Whether this member votes for {@code proposed}, the block of {@code attempt} expected from
     * {@code leader}; if not, the first reason found.
     */
    public static Verdict check(ControlBlock proposed, View view, int attempt, NodeId leader, Crypto crypto) {
        if (proposed.epoch() != view.epoch() || proposed.controlShard() != view.controlShard()) {
            return disagree("control block of epoch " + proposed.epoch() + " shard " + proposed.controlShard()
                    + ", expected epoch " + view.epoch() + " shard " + view.controlShard());
        }
        if (proposed.attempt() != attempt || !proposed.leader().equals(leader)) {
            return disagree("attempt " + proposed.attempt() + " by " + proposed.leader() + ", expected attempt "
                    + attempt + " by " + leader);
        }
        if (proposed.entries().size() != view.rounds().size()) {
            return disagree("control block has " + proposed.entries().size() + " entries for "
                    + view.rounds().size() + " governed process shards");
        }
        for (int i = 0; i < view.rounds().size(); i++) {
            ProcessRound r = view.rounds().get(i);
            ControlEntry e = proposed.entries().get(i);
            if (e.processShard() != r.processShard()) {
                return disagree("entry " + i + " is about process shard " + e.processShard() + ", expected "
                        + r.processShard());
            }
            Verdict v = switch (e) {
                case ControlEntry.Passed p -> checkPassed(p, r, view.epoch(), crypto);
                case ControlEntry.Failed f -> checkFailed(f, r);
            };
            if (!v.agrees()) {
                return v;
            }
        }
        List<Expulsion> expected = view.judgement().expulsions();
        for (Expulsion x : proposed.expulsions()) {
            if (!expected.contains(x)) {
                return disagree("expulsion of " + x.node() + " (" + x.offence() + ") without evidence in the votes");
            }
        }
        for (Expulsion x : expected) {
            if (!proposed.expulsions().contains(x)) {
                return disagree("control block omits the expulsion of " + x.node() + " (" + x.offence() + ")");
            }
        }
        if (!proposed.expulsions().equals(expected)) {
            return disagree("expulsions are not in ascending node order");
        }
        return Verdict.AGREE;
    }

    private static Verdict checkPassed(ControlEntry.Passed p, ProcessRound r, long epoch, Crypto crypto) {
        int shard = r.processShard();
        if (!r.passed()) {
            return disagree("forged passed flag: process shard " + shard + " did not pass unanimously in phase 1");
        }
        if (!p.block().equals(r.block())) {
            return disagree("passed flag of process shard " + shard + " names block " + p.block().toHex()
                    + ", the shard passed " + r.block().toHex());
        }
        TreeSet<Integer> voters = new TreeSet<>();
        r.voters().forEach(v -> voters.add(v.index()));
        if (!p.signatures().keySet().equals(voters)) {
            return disagree("passed flag of process shard " + shard + " is signed by " + p.signatures().keySet()
                    + ", its voters are " + voters);
        }
        for (Map.Entry<Integer, Bytes> s : p.signatures().entrySet()) {
            Bytes vote = SyncVoteMessage.voteBytes(false, VoteEpochs.process(epoch), s.getKey(), p.block(), true);
            if (!crypto.verify(NodeId.of(s.getKey()), vote, s.getValue())) {
                return disagree("forged passed flag: the signature of n" + s.getKey() + " for process shard " + shard
                        + " does not verify");
            }
        }
        return Verdict.AGREE;
    }

    private static Verdict checkFailed(ControlEntry.Failed f, ProcessRound r) {
        int shard = r.processShard();
        if (r.passed()) {
            return disagree("process shard " + shard + " passed unanimously, but is flagged failed");
        }
        if (!f.ballots().equals(r.outcome().ballots()) || !f.silent().equals(r.outcome().missing())) {
            return disagree("vote summary of process shard " + shard + " disagrees with the broadcast votes");
        }
        if (!f.block().equals(r.block())) {
            return disagree("failed entry of process shard " + shard + " names block " + f.block().toHex()
                    + ", its leader proposed " + r.block().toHex());
        }
        if (f.decision() != r.decision()) {
            return disagree("decision " + f.decision() + " on process shard " + shard + " disagrees with this member's "
                    + "check of the block");
        }
        return Verdict.AGREE;
    }

    private static Verdict disagree(String reason) {
        return new Verdict.Disagree(reason);
    }
}

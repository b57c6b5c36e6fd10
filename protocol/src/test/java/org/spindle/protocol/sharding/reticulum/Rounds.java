package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.beacon.RegistrySnapshot;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.consensus.TestContext;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.syncvote.Ballot;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.consensus.syncvote.SyncVoteOutcome;
import org.spindle.protocol.runtime.NodeId;

/** Builds the phase-1 rounds a control member would hold, with what each voter did. */
final class Rounds {
    private Rounds() {}

    enum Act { APPROVE, REJECT, REJECT_NOTHING, SILENT, CONFLICT }

    static Hash block(long epoch, int shard) {
        return Hashing.sha256(Bytes.wrap(new byte[] {(byte) epoch, (byte) shard, 7}));
    }

    static List<NodeId> ids(int from, int count) {
        List<NodeId> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(NodeId.of(i));
        }
        return out;
    }

    /**
     * A round of {@code voters} led by the first, who proposed a block of the given validity (none
     * when {@code validity} is null), each voter acting as {@code acts} says (APPROVE by default).
     */
    static ProcessRound round(long epoch, int shard, List<NodeId> voters, NodeId leader, Validity validity,
            Map<NodeId, Act> acts) {
        Hash block = validity == null ? Hash.ZERO : block(epoch, shard);
        TreeMap<Integer, Ballot> ballots = new TreeMap<>();
        TreeSet<Integer> missing = new TreeSet<>();
        TreeMap<Integer, Bytes> sigs = new TreeMap<>();
        int approvals = 0;
        for (NodeId v : voters) {
            Act a = acts.getOrDefault(v, validity == null ? Act.REJECT_NOTHING : Act.APPROVE);
            switch (a) {
                case APPROVE -> {
                    ballots.put(v.index(), new Ballot.Approve(block));
                    sigs.put(v.index(), TestContext.signAs(v, SyncVoteMessage.voteBytes(false, VoteEpochs.process(epoch), v.index(), block, true)));
                    approvals++;
                }
                case REJECT -> ballots.put(v.index(), new Ballot.Reject(block));
                case REJECT_NOTHING -> ballots.put(v.index(), new Ballot.Reject(Hash.ZERO));
                case SILENT -> missing.add(v.index());
                case CONFLICT -> ballots.put(v.index(), new Ballot.Conflicting());
            }
        }
        boolean passed = validity != null && approvals == voters.size();
        SyncVoteOutcome outcome = new SyncVoteOutcome(epoch, passed, passed ? block : Hash.ZERO, ballots, missing);
        Optional<ProcessRound.Fetched> fetched = validity == null ? Optional.empty()
                : Optional.of(new ProcessRound.Fetched(block, validity));
        return new ProcessRound(shard, voters, leader, outcome, sigs, fetched);
    }

    static ProcessRound honest(long epoch, int shard, List<NodeId> voters) {
        return round(epoch, shard, voters, voters.getFirst(), Validity.VALID, Map.of());
    }

    static RegistrySnapshot registry(int n) {
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[32];
            key[0] = (byte) i;
            key[1] = (byte) (i >>> 8);
            vs.add(new Validator(NodeId.of(i), Bytes.wrap(key), 100, ValidatorStatus.ACTIVE));
        }
        return RegistrySnapshot.genesis(vs);
    }
}

package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.TestContext;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.syncvote.Ballot;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

class ControlBlocksTest {
    private static final long EPOCH = 6;
    private static final Crypto CRYPTO = TestContext.cryptoOf(NodeId.of(99));
    private static final NodeId LEADER = NodeId.of(4);
    /** Shard 0 passes; shard 1 fails because node 7 stayed silent (already marked in epoch 2). */
    private static final List<ProcessRound> ROUNDS = List.of(
            Rounds.honest(EPOCH, 0, Rounds.ids(0, 4)),
            Rounds.round(EPOCH, 1, Rounds.ids(4, 4), NodeId.of(4), Validity.VALID, Map.of(NodeId.of(7),
                    Rounds.Act.SILENT)));
    private static final LivenessRecord MARKED = new LivenessRecord(new TreeMap<>(Map.of(NodeId.of(7), 2L)));
    private static final ControlBlocks.View VIEW = new ControlBlocks.View(EPOCH, 0, ROUNDS, MARKED, 8);

    private static String reason(ControlBlock b) {
        ControlBlocks.Verdict v = ControlBlocks.check(b, VIEW, 0, LEADER, CRYPTO);
        assertThat(v).isInstanceOf(ControlBlocks.Verdict.Disagree.class);
        return ((ControlBlocks.Verdict.Disagree) v).reason();
    }

    private static ControlBlock with(ControlBlock b, int i, ControlEntry e) {
        List<ControlEntry> entries = new ArrayList<>(b.entries());
        entries.set(i, e);
        return new ControlBlock(b.epoch(), b.controlShard(), b.attempt(), b.leader(), entries, b.expulsions());
    }

    @Test
    void honestLeadersBlockIsApprovedAndCarriesPassedFlagsFailedBlocksAndTheSecondSilence() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        assertThat(ControlBlocks.check(b, VIEW, 0, LEADER, CRYPTO).agrees()).isTrue();
        assertThat(b.entries().get(0)).isInstanceOf(ControlEntry.Passed.class);
        assertThat(((ControlEntry.Passed) b.entries().get(0)).signatures()).hasSize(4);
        ControlEntry.Failed failed = (ControlEntry.Failed) b.entries().get(1);
        assertThat(failed.decision()).isEqualTo(Decision.ACCEPT);
        assertThat(failed.silent()).containsExactly(7);
        assertThat(b.expelled()).containsExactly(NodeId.of(7));
        assertThat(b.passedCount()).isEqualTo(1);
    }

    @Test
    void controlBlockFlaggingAFailedShardAsPassedIsRejectedAsForged() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        TreeMap<Integer, Bytes> sigs = new TreeMap<>();
        Hash block = ROUNDS.get(1).block();
        for (NodeId v : Rounds.ids(4, 4)) {
            sigs.put(v.index(), TestContext.signAs(v, SyncVoteMessage.voteBytes(false, VoteEpochs.process(EPOCH), v.index(), block, true)));
        }
        assertThat(reason(with(b, 1, new ControlEntry.Passed(1, block, sigs))))
                .contains("forged passed flag").contains("did not pass unanimously");
    }

    @Test
    void passedFlagWithAForgedSignatureIsRejected() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        ControlEntry.Passed p = (ControlEntry.Passed) b.entries().get(0);
        TreeMap<Integer, Bytes> sigs = new TreeMap<>(p.signatures());
        sigs.put(2, TestContext.signAs(NodeId.of(4), SyncVoteMessage.voteBytes(false, VoteEpochs.process(EPOCH), 2, p.block(), true)));
        assertThat(reason(with(b, 0, new ControlEntry.Passed(0, p.block(), sigs))))
                .contains("forged passed flag: the signature of n2");
        sigs.remove(2);
        assertThat(reason(with(b, 0, new ControlEntry.Passed(0, p.block(), sigs)))).contains("is signed by [0, 1, 3]");
    }

    @Test
    void voteSummaryThatDisagreesWithTheBroadcastVotesIsRejected() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        ControlEntry.Failed f = (ControlEntry.Failed) b.entries().get(1);
        TreeMap<Integer, Ballot> ballots = new TreeMap<>(f.ballots());
        ballots.put(6, new Ballot.Reject(f.block()));
        assertThat(reason(with(b, 1, new ControlEntry.Failed(1, f.block(), f.decision(), ballots, f.silent()))))
                .contains("vote summary of process shard 1 disagrees with the broadcast votes");
        assertThat(reason(with(b, 1, new ControlEntry.Failed(1, f.block(), f.decision(), f.ballots(),
                new java.util.TreeSet<>())))).contains("vote summary");
    }

    @Test
    void expulsionWithoutEvidenceAndAnOmittedExpulsionAreRejected() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        List<Expulsion> more = new ArrayList<>(b.expulsions());
        more.addFirst(new Expulsion(NodeId.of(1), 0, Offence.SILENT_TWICE, Expulsion.silenceEvidence(NodeId.of(1), 2, 6)));
        ControlBlock framed = new ControlBlock(EPOCH, 0, 0, LEADER, b.entries(), more);
        assertThat(reason(framed)).contains("expulsion of n1 (SILENT_TWICE) without evidence");
        ControlBlock lenient = new ControlBlock(EPOCH, 0, 0, LEADER, b.entries(), List.of());
        assertThat(reason(lenient)).contains("omits the expulsion of n7");
    }

    @Test
    void wrongDecisionWrongLeaderAndPassedShardFlaggedFailedAreRejected() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        ControlEntry.Failed f = (ControlEntry.Failed) b.entries().get(1);
        assertThat(reason(with(b, 1, new ControlEntry.Failed(1, f.block(), Decision.REJECT, f.ballots(), f.silent()))))
                .contains("decision REJECT on process shard 1 disagrees");
        assertThat(reason(with(b, 0, new ControlEntry.Failed(0, Hash.ZERO, Decision.REJECT, new TreeMap<>(),
                new java.util.TreeSet<>())))).contains("passed unanimously, but is flagged failed");
        assertThat(ControlBlocks.check(b, VIEW, 1, NodeId.of(5), CRYPTO).agrees()).isFalse();
    }

    @Test
    void encodingCoversEveryFieldSoATamperedBlockHasAnotherHash() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        ControlEntry.Failed f = (ControlEntry.Failed) b.entries().get(1);
        ControlBlock flipped = with(b, 1, new ControlEntry.Failed(1, f.block(), Decision.REJECT, f.ballots(), f.silent()));
        assertThat(flipped.hash()).isNotEqualTo(b.hash());
        assertThat(ControlBlocks.build(VIEW, 0, LEADER).hash()).isEqualTo(b.hash());
    }

    @Test
    void controlBlockSurvivesItsCodecAndMalformedBytesAreRefused() {
        ControlBlock b = ControlBlocks.build(VIEW, 0, LEADER);
        assertThat(ControlBlock.decode(b.encode())).isEqualTo(b);
        Bytes enc = b.encode();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ControlBlock.decode(enc.slice(0, enc.size() - 1)))
                .isInstanceOf(org.spindle.core.codec.CodecException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ControlBlock.decode(Bytes.wrap(new byte[] {0x44})))
                .hasMessageContaining("not a control block");
    }
}

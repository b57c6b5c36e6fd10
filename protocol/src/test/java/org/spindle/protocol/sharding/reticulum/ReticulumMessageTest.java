package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.NodeId;

class ReticulumMessageTest {
    private static final LeaderProposal PROPOSAL = new LeaderProposal(VoteEpochs.process(3),
            new ProcessBlocks.Synthetic(10, 100).propose(2, 3, Hash.ZERO, NodeId.of(0), 0), NodeId.of(4), Bytes.wrap(new byte[64]));

    private static ReticulumMessage roundTrip(ReticulumMessage m) {
        Bytes enc = ReticulumMessage.CODEC.encode(m);
        assertThat(enc.size()).isEqualTo(m.encodedSize());
        return ReticulumMessage.CODEC.decode(enc);
    }

    @Test
    void everyMessageTypeSurvivesTheCodecWithTheSizeTheSimulatorCharges() {
        ReticulumMessage routed = new ReticulumMessage.Routed(ReticulumMessage.Routed.controlVote(2),
                new VoteChain(VoteEpochs.control(3, 2), NodeId.of(1), Hash.ZERO, true, Bytes.wrap(new byte[64]),
                        List.of(new VoteChain.Link(NodeId.of(2), Bytes.wrap(new byte[64])))));
        assertThat(roundTrip(routed)).isEqualTo(routed);
        ReticulumMessage failed = new ReticulumMessage.FailedBlock(2, PROPOSAL);
        assertThat(roundTrip(failed)).isEqualTo(failed);
        Echo.Value approve = new Echo.Value(PROPOSAL.blockHash(), true);
        ReticulumMessage echoes = new ReticulumMessage.Echoes(List.of(
                new ReticulumMessage.Routed(0, new Echo(VoteEpochs.process(3), List.of(List.of(approve), List.of()))),
                new ReticulumMessage.Routed(2, new Echo(VoteEpochs.process(3), List.of(List.of(approve,
                        new Echo.Value(Hash.ZERO, false)))))));
        assertThat(roundTrip(echoes)).isEqualTo(echoes);
    }

    @Test
    void failedBlockCarryingAVoteInsteadOfAProposalIsRefused() {
        ReticulumMessage routed = new ReticulumMessage.Routed(0, PROPOSAL);
        Bytes enc = ReticulumMessage.CODEC.encode(routed);
        byte[] raw = enc.toArray();
        raw[0] = ReticulumMessage.TAG_FAILED_BLOCK; // same layout: varint then a sync-vote message
        assertThat(ReticulumMessage.CODEC.decode(Bytes.wrap(raw))).isInstanceOf(ReticulumMessage.FailedBlock.class);
        ReticulumMessage vote = new ReticulumMessage.Routed(0, new VoteChain(0, NodeId.of(1), Hash.ZERO, false,
                Bytes.wrap(new byte[64]), List.of()));
        byte[] v = ReticulumMessage.CODEC.encode(vote).toArray();
        v[0] = ReticulumMessage.TAG_FAILED_BLOCK;
        assertThatThrownBy(() -> ReticulumMessage.CODEC.decode(Bytes.wrap(v))).isInstanceOf(CodecException.class)
                .hasMessageContaining("a failed block is a leader proposal");
    }

    @Test
    void echoBatchCarryingAVoteIsRefused() {
        ReticulumMessage.Routed vote = new ReticulumMessage.Routed(0, new VoteChain(0, NodeId.of(1), Hash.ZERO, false,
                Bytes.wrap(new byte[64]), List.of()));
        assertThatThrownBy(() -> new ReticulumMessage.Echoes(List.of(vote))).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = new org.spindle.core.codec.Encoder().u8(ReticulumMessage.TAG_ECHOES).varint(1).toArray();
        byte[] body = ReticulumMessage.CODEC.encode(vote).toArray();
        byte[] frame = new byte[raw.length + body.length - 1];
        System.arraycopy(raw, 0, frame, 0, raw.length);
        System.arraycopy(body, 1, frame, raw.length, body.length - 1);
        assertThatThrownBy(() -> ReticulumMessage.CODEC.decode(Bytes.wrap(frame))).isInstanceOf(CodecException.class)
                .hasMessageContaining("echo");
    }

    @Test
    void synthesisedProcessBlockIsValidOnlyOnTheStateItExtends() {
        ProcessBlocks blocks = new ProcessBlocks.Synthetic(10, 100);
        Payload p = blocks.propose(2, 3, Hash.ZERO, NodeId.of(0), 0);
        assertThat(blocks.check(2, 3, Hash.ZERO, p).isValid()).isTrue();
        assertThat(blocks.check(2, 3, ReticulumMessageTest.PROPOSAL.blockHash(), p).isValid()).isFalse();
        assertThat(blocks.check(1, 3, Hash.ZERO, p).isValid()).isFalse();
        assertThat(blocks.check(2, 4, Hash.ZERO, p).isValid()).isFalse();
    }
}

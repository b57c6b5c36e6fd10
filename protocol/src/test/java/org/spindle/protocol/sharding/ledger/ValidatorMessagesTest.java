package org.spindle.protocol.sharding.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.Decided;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

class ValidatorMessagesTest {
    final LedgerFixture f = new LedgerFixture();

    /** A committed block of shard 0 that sends one receipt to shard 1, and shard 1's block crediting it. */
    record Flow(ShardLedger.Applied source, ShardLedger.Applied destination) {}

    Flow flow() {
        ShardLedger s0 = f.ledger(0);
        ShardLedger s1 = f.ledger(1);
        s0.pool().add(LedgerFixture.transfer(f.accounts.get(0).get(1), 0, f.accounts.get(1).get(1), 7));
        var p = s0.propose(0, Bytes.EMPTY, 0);
        var a = ((ShardLedger.Commit.First) s0.commit(p, Block.GENESIS_PARENT,
                LedgerFixture.commitOf(0, new Block(0, Block.GENESIS_PARENT, p).hash()), 1)).applied();
        RelayReceipts relay = a.relays().getFirst().message();
        s1.finalHeaders().markFinal(relay.sourceHeader());
        s1.inbox().offer(relay, s1.state());
        var q = s1.propose(0, Bytes.EMPTY, 2);
        var d = ((ShardLedger.Commit.First) s1.commit(q, Block.GENESIS_PARENT,
                LedgerFixture.commitOf(0, new Block(0, Block.GENESIS_PARENT, q).hash()), 3)).applied();
        return new Flow(a, d);
    }

    static Message roundTrip(Message m) {
        Bytes wire = ValidatorMessages.CODEC.encode(m);
        assertThat(wire.size()).isEqualTo(ValidatorMessages.frameSize(m));
        return ValidatorMessages.CODEC.decode(wire);
    }

    @Test
    void consensusAndCrossShardMessagesShareOneCodecAndSurviveTheRoundTrip() {
        Flow flow = flow();
        assertThat(flow.destination().block().incomingReceipts()).hasSize(1);
        RelayReceipts relay = flow.source().relays().getFirst().message();
        assertThat(roundTrip(relay)).isEqualTo(relay);
        Vote vote = new Vote(VoteKind.PREPARE, 3, 1, Hash.ZERO, NodeId.of(2), Bytes.of((byte) 1, (byte) 2));
        assertThat(roundTrip(vote)).isEqualTo(vote);
        var source = flow.source().certified();
        var proof = ConsensusProof.decode(source.certificate());
        Block consensusBlock = new Block(0, proof.bftParent(), ConsensusProof.payloadOf(source, proof.bulkBytes()));
        Decided decided = new Decided(consensusBlock, proof.commit());
        Message back = roundTrip(decided);
        assertThat(((Decided) back).block().hash()).isEqualTo(consensusBlock.hash());
    }

    @Test
    void aCreditAckSurvivesTheRoundTripAndUnknownFamiliesAreRejected() {
        Flow flow = flow();
        // Rebuild the destination state to prove the credit under the committed root.
        ShardLedger s1 = f.ledger(1);
        var relay = flow.source().relays().getFirst().message();
        s1.finalHeaders().markFinal(relay.sourceHeader());
        s1.inbox().offer(relay, s1.state());
        var q = s1.propose(0, Bytes.EMPTY, 2);
        var applied = ((ShardLedger.Commit.First) s1.commit(q, Block.GENESIS_PARENT,
                LedgerFixture.commitOf(0, new Block(0, Block.GENESIS_PARENT, q).hash()), 3)).applied();
        var id = relay.receipts().getFirst().receipt().id();
        CreditAck ack = new CreditAck(applied.certified(), List.of(s1.state().proveReceipt(id)));
        assertThat(ack.proofs().getFirst().verify(applied.certified().stateRoot())).isTrue();
        assertThat(roundTrip(ack)).isEqualTo(ack);
        assertThatThrownBy(() -> ValidatorMessages.CODEC.decode(Bytes.of((byte) 9, (byte) 1)))
                .isInstanceOf(CodecException.class).hasMessageContaining("family 9");
    }
}

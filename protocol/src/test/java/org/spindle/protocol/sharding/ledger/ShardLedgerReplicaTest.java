package org.spindle.protocol.sharding.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;

/** Ledgers that share no memory: bodies passed between members, final blocks replayed. */
class ShardLedgerReplicaTest {
    final LedgerFixture f = new LedgerFixture();
    final ShardLedger leader = f.ledger(0);
    final ShardLedger member = f.ledger(0);

    @Test
    void aMemberThatTakesTheLeadersBodyAcceptsItsProposalAndOnlyThen() {
        var a = f.accounts.get(0);
        leader.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload p = leader.propose(0, Bytes.of((byte) 9), 100);
        Hash hash = ConsensusProof.headerOf(p).hash();
        assertThat(ShardLedgerTest.reason(member.check(0, p))).contains("never received");
        Block body = leader.proposedBlock(hash).orElseThrow();
        assertThat(member.acceptBody(body, 110)).isEqualTo(Validity.VALID);
        assertThat(member.check(0, p)).isEqualTo(Validity.VALID);
        assertThat(member.pool().size()).as("taking a body does not touch the pool").isZero();
    }

    @Test
    void aBodyWhoseHeaderLiesAboutItsExecutionOrItsPlaceIsRefused() {
        var a = f.accounts.get(0);
        leader.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Block body = leader.proposedBlock(ConsensusProof.headerOf(leader.propose(0, Bytes.EMPTY, 0)).hash())
                .orElseThrow();
        BlockHeader h = body.header();
        BlockHeader wrongRoot = new BlockHeader(h.parentHash(), 0, 0, 0, Hash.ZERO, h.transactionsRoot(),
                h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(), h.feeRecipient(), h.extensions(),
                Bytes.EMPTY);
        assertThat(ShardLedgerTest.reason(member.acceptBody(new Block(wrongRoot, body.transactions(), List.of()), 0)))
                .contains("roots differ");
        BlockHeader later = new BlockHeader(h.parentHash(), 3, 0, 0, h.stateRoot(), h.transactionsRoot(),
                h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(), h.feeRecipient(), h.extensions(),
                Bytes.EMPTY);
        assertThat(ShardLedgerTest.reason(member.acceptBody(new Block(later, body.transactions(), List.of()), 0)))
                .contains("next height is 0");
        var overspend = LedgerFixture.transfer(a.get(3), 5, a.get(2), 10);
        assertThat(ShardLedgerTest.reason(member.acceptBody(new Block(h, List.of(overspend), List.of()), 0)))
                .contains("does not apply");
    }

    @Test
    void replayingTheLeadersFinalBlocksReachesTheSameStateAndAForgedOneIsRefused() {
        var a = f.accounts.get(0);
        leader.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload p = leader.propose(0, Bytes.of((byte) 9), 100);
        var consensusBlock = new org.spindle.protocol.consensus.bft.Block(0,
                org.spindle.protocol.consensus.bft.Block.GENESIS_PARENT, p);
        var first = (ShardLedger.Commit.First) leader.commit(p, org.spindle.protocol.consensus.bft.Block.GENESIS_PARENT,
                LedgerFixture.commitOf(0, consensusBlock.hash()), 200);
        Block certified = new Block(first.applied().certified(), first.applied().block().transactions(),
                first.applied().block().incomingReceipts());

        Block forged = new Block(certified.header(), List.of(), List.of());
        assertThatThrownBy(() -> member.applyFinal(forged, 0)).hasMessageContaining("state root");
        assertThat(member.nextHeight()).as("a refused block leaves the ledger as it was").isZero();

        member.applyFinal(certified, 300);
        assertThat(member.state().root()).isEqualTo(leader.state().root());
        assertThat(member.nextHeight()).isEqualTo(1);
        assertThat(member.lastCommitted()).contains(certified.header());
        assertThat(member.check(0, p)).as("the replayed block is the decided one").isEqualTo(Validity.VALID);
        assertThatThrownBy(() -> member.applyFinal(certified, 400)).hasMessageContaining("does not extend");
    }
}

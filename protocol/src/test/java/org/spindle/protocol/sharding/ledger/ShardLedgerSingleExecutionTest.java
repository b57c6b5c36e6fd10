package org.spindle.protocol.sharding.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.TxOutcome;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.Block;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;

/** A ledger executes each block once: the result of checking a proposal is what its commit applies. */
class ShardLedgerSingleExecutionTest {
    final LedgerFixture f = new LedgerFixture();
    final ShardLedger leader = f.ledger(0);
    final ShardLedger member = f.ledger(0);
    final ShardLedger replayer = f.ledger(0);

    private ShardLedger.Applied commit(ShardLedger ledger, Payload p, long height, Hash parent) {
        var bft = new org.spindle.protocol.consensus.bft.Block(height, parent, p);
        return ((ShardLedger.Commit.First) ledger.commit(p, parent, LedgerFixture.commitOf(height, bft.hash()), 200))
                .applied();
    }

    @Test
    void theProposerAndAMemberTakingItsBodyEachExecuteEveryCommittedBlockOnce() {
        var a = f.accounts.get(0);
        var b = f.accounts.get(1);
        Hash parent = org.spindle.protocol.consensus.bft.Block.GENESIS_PARENT;
        for (long height = 0; height < 3; height++) {
            leader.pool().add(LedgerFixture.transfer(a.get(1), height, a.get(2), 10));
            leader.pool().add(LedgerFixture.transfer(a.get(2), height, b.get(0), 5)); // cross-shard: a receipt
            // Overspends, so the proposer leaves it out: the kept result must not list its rejection.
            leader.pool().add(LedgerFixture.transfer(a.get(3), 7 + height, a.get(1), 1));
            Payload p = leader.propose(height, Bytes.of((byte) 9), 100);
            Block body = leader.proposedBlock(ConsensusProof.headerOf(p).hash()).orElseThrow();
            assertThat(member.acceptBody(body, 110)).isEqualTo(Validity.VALID);
            assertThat(member.check(height, p)).isEqualTo(Validity.VALID);
            assertThat(leader.check(height, p)).isEqualTo(Validity.VALID);

            ShardLedger.Applied byLeader = commit(leader, p, height, parent);
            ShardLedger.Applied byMember = commit(member, p, height, parent);
            assertThat(leader.executions()).as("proposer's executions after height %d", height).isEqualTo(height + 1);
            assertThat(member.executions()).as("member's executions after height %d", height).isEqualTo(height + 1);
            assertThat(byLeader.result().txOutcomes()).hasSize(2).allMatch(o -> o instanceof TxOutcome.Applied);
            assertThat(byLeader.result()).isEqualTo(byMember.result());
            assertThat(byLeader.relays()).hasSize(1);
            assertThat(member.state().root()).isEqualTo(leader.state().root())
                    .isEqualTo(byLeader.certified().stateRoot());

            // A node without the body replays the final block by executing it: the same state.
            replayer.applyFinal(new Block(byLeader.certified(), body.transactions(), body.incomingReceipts()), 300);
            assertThat(replayer.state().root()).isEqualTo(leader.state().root());
            assertThat(replayer.state().accounts()).isEqualTo(leader.state().accounts());
            parent = new org.spindle.protocol.consensus.bft.Block(height, parent, p).hash();
        }
        assertThat(f.invalid).hasSize(3);
    }

    @Test
    void aMemberHoldingTheBodyThatCatchesUpWithTheFinalBlockAppliesItWithoutExecutingAgain() {
        var a = f.accounts.get(0);
        leader.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload p = leader.propose(0, Bytes.of((byte) 9), 100);
        Block body = leader.proposedBlock(ConsensusProof.headerOf(p).hash()).orElseThrow();
        assertThat(member.acceptBody(body, 110)).isEqualTo(Validity.VALID);
        ShardLedger.Applied applied = commit(leader, p, 0, org.spindle.protocol.consensus.bft.Block.GENESIS_PARENT);

        member.applyFinal(new Block(applied.certified(), body.transactions(), body.incomingReceipts()), 300);
        assertThat(member.executions()).isEqualTo(1);
        assertThat(member.state().root()).isEqualTo(leader.state().root());
        assertThat(member.lastCommitted()).contains(applied.certified());
    }

    @Test
    void aCommitOnAStateOtherThanTheOneTheProposalRanOnExecutesTheBlockAgain() {
        var a = f.accounts.get(0);
        leader.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload p = leader.propose(0, Bytes.of((byte) 9), 100);
        assertThat(leader.executions()).isEqualTo(1);
        // The state is written in between (and ends with the same contents): the kept changes are not
        // trusted, the block is executed on the state as it is.
        Address touched = a.get(2);
        Account was = leader.state().account(touched);
        leader.state().credit(touched, BigInteger.ONE);
        leader.state().setAccount(touched, was);

        ShardLedger.Applied applied = commit(leader, p, 0, org.spindle.protocol.consensus.bft.Block.GENESIS_PARENT);
        assertThat(leader.executions()).isEqualTo(2);
        assertThat(leader.state().root()).isEqualTo(applied.certified().stateRoot());
        assertThat(leader.state().account(touched).balance()).isEqualTo(was.balance().add(BigInteger.TEN));
        assertThat(leader.state().account(a.get(1)).nonce()).isEqualTo(1);
    }
}

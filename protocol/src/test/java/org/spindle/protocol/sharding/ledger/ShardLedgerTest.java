package org.spindle.protocol.sharding.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.Block;

class ShardLedgerTest {
    final LedgerFixture f = new LedgerFixture();
    final ShardLedger ledger = f.ledger(0);

    static String reason(Validity v) {
        return v instanceof Validity.Invalid(String why) ? why : "valid";
    }

    @Test
    void aProposalIsValidAtItsHeightAndItsCommitAppliesItToTheState() {
        var a = f.accounts.get(0);
        var b = f.accounts.get(1);
        ledger.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        ledger.pool().add(LedgerFixture.transfer(a.get(1), 1, b.get(0), 20));
        Hash before = ledger.state().root();
        Payload p = ledger.propose(0, Bytes.of((byte) 9), 100);
        assertThat(ledger.state().root()).as("proposing leaves the state alone").isEqualTo(before);
        assertThat(ledger.check(0, p)).isEqualTo(Validity.VALID);
        assertThat(ledger.itemsIn(p)).isEqualTo(2);
        assertThat(p.bulkBytes()).isEqualTo(2 * 512);
        assertThat(reason(ledger.check(1, p))).contains("proposed for height 1");
        Block consensusBlock = new Block(0, Block.GENESIS_PARENT, p);
        var c = ledger.commit(p, Block.GENESIS_PARENT, LedgerFixture.commitOf(0, consensusBlock.hash()), 200);
        assertThat(c).isInstanceOfSatisfying(ShardLedger.Commit.First.class, first -> {
            BlockHeader h = first.applied().certified();
            assertThat(ledger.state().root()).isEqualTo(h.stateRoot()).isNotEqualTo(before);
            assertThat(first.applied().relays()).hasSize(1);
            assertThat(first.applied().relays().getFirst().destinationShard()).isEqualTo(1);
            // The certificate slot lets anyone recompute the certified consensus block.
            assertThat(ConsensusProof.decode(h.certificate()).bftBlockHash(h)).isEqualTo(consensusBlock.hash());
        });
        assertThat(ledger.pool().size()).isZero();
        assertThat(ledger.nextHeight()).isEqualTo(1);
        assertThat(ledger.commit(p, Block.GENESIS_PARENT, LedgerFixture.commitOf(0, consensusBlock.hash()), 300))
                .isInstanceOf(ShardLedger.Commit.Repeat.class);
        assertThat(ledger.check(0, p)).as("the decided block stays valid for laggards").isEqualTo(Validity.VALID);
        assertThat(ledger.propose(0, Bytes.of((byte) 7), 400)).as("a lagging leader re-proposes it").isEqualTo(p);
    }

    @Test
    void invalidPayloadsAreRefusedWithTheirReason() {
        Payload good = ledger.propose(0, Bytes.EMPTY, 0);
        BlockHeader h = ConsensusProof.headerOf(good);
        assertThat(reason(ledger.check(0, new Payload(Bytes.of((byte) 0xFF), 0)))).contains("not a block header");
        assertThat(reason(ledger.check(0, ConsensusProof.payloadOf(h, 512)))).contains("body bytes");
        BlockHeader otherRoot = new BlockHeader(h.parentHash(), 0, 0, 0, Hash.ZERO, h.transactionsRoot(),
                h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(), h.feeRecipient(), h.extensions(),
                Bytes.EMPTY);
        assertThat(reason(ledger.check(0, ConsensusProof.payloadOf(otherRoot, 0)))).contains("never received");
        BlockHeader badParent = new BlockHeader(Hash.ZERO.equals(h.parentHash()) ? otherRoot.hash() : Hash.ZERO, 0, 0,
                0, h.stateRoot(), h.transactionsRoot(), h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(),
                h.proposerKey(), h.feeRecipient(), h.extensions(), Bytes.EMPTY);
        assertThat(reason(ledger.check(0, ConsensusProof.payloadOf(badParent, 0)))).contains("does not extend");
        BlockHeader noFields = new BlockHeader(h.parentHash(), 0, 0, 0, h.stateRoot(), h.transactionsRoot(),
                h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(), h.feeRecipient(), new TreeMap<>(),
                Bytes.EMPTY);
        assertThat(reason(ledger.check(0, ConsensusProof.payloadOf(noFields, 0)))).contains("membership");
        ShardLedger other = f.ledger(1);
        assertThat(reason(other.check(0, good))).contains("proposed in shard 1");
        assertThat(reason(ledger.check(2, ledger.propose(2, Bytes.EMPTY, 0)))).isNotEqualTo("valid");
    }

    @Test
    void aTransactionExecutionRejectsLeavesThePoolAndIsReportedInvalid() {
        var a = f.accounts.get(0);
        ledger.pool().add(LedgerFixture.transfer(a.get(1), 5, a.get(2), 10)); // nonce gap: never valid
        ledger.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload p = ledger.propose(0, Bytes.EMPTY, 0);
        assertThat(ledger.itemsIn(p)).isEqualTo(1);
        assertThat(f.invalid).extracting(t -> t.nonce()).containsExactly(5L);
        assertThat(ledger.pool().size()).isEqualTo(1);
    }

    @Test
    void aSecondProposalAtOneHeightDiffersAndCountsAsAForkAndAConflictingCommitIsReported() {
        var a = f.accounts.get(0);
        ledger.pool().add(LedgerFixture.transfer(a.get(1), 0, a.get(2), 10));
        Payload first = ledger.propose(0, Bytes.EMPTY, 0);
        Payload second = ledger.propose(0, Bytes.EMPTY, 0);
        assertThat(second).isNotEqualTo(first);
        assertThat(f.forks).containsExactly(0);
        assertThat(ledger.check(0, second)).isEqualTo(Validity.VALID);
        Block b1 = new Block(0, Block.GENESIS_PARENT, first);
        ledger.commit(first, Block.GENESIS_PARENT, LedgerFixture.commitOf(0, b1.hash()), 10);
        Block b2 = new Block(0, Block.GENESIS_PARENT, second);
        assertThat(ledger.commit(second, Block.GENESIS_PARENT, LedgerFixture.commitOf(0, b2.hash()), 11))
                .isInstanceOf(ShardLedger.Commit.Conflict.class);
        assertThat(reason(ledger.check(0, second))).contains("decided with another block");
    }
}

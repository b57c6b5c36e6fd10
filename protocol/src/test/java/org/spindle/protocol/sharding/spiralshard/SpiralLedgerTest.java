package org.spindle.protocol.sharding.spiralshard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.sharding.ledger.ConsensusProof;
import org.spindle.protocol.sharding.ledger.LedgerListener;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.TxPool;

class SpiralLedgerTest {
    private static final long CHAIN = 5;
    private final List<Address> accounts = new ArrayList<>();
    private final Map<Address, BigInteger> genesis = new TreeMap<>();
    private final List<Hash> discarded = new ArrayList<>();
    private final List<Long> finalized = new ArrayList<>();
    private final List<Long> conflicting = new ArrayList<>();
    private final SpiralLedger ledger;

    SpiralLedgerTest() {
        for (long i = 0; accounts.size() < 4; i++) {
            Address a = Address.wrap(Arrays.copyOf(Hashing.sha256(ByteBuffer.allocate(8).putLong(i).array())
                    .toArray(), 20));
            genesis.put(a, BigInteger.TEN.pow(20));
            if (ShardMath.shardOf(a, LceFixture.SHARDS) == 0) {
                accounts.add(a);
            }
        }
        KnownFinalHeaders known = new KnownFinalHeaders(64);
        ledger = new SpiralLedger(0, LceFixture.PROTOCOL, LceFixture.MEMBERSHIP,
                WorldState.genesisOfShard(0, LceFixture.SHARDS, genesis), new BlockExecutor(new TransferExecutor(CHAIN)),
                new TxPool(100), new ReceiptInbox(0, known, 100, 64), new ReceiptRelay(0, 1000), known,
                accounts.getFirst(), new ShardLedger.Limits(10, 10, 512), ShardLedger.Clients.NONE,
                LedgerListener.NONE, new LceListener() {
                    @Override
                    public void discarded(long at, int shard, long height, Hash hash) {
                        discarded.add(hash);
                    }

                    @Override
                    public void finalized(long at, int shard, long height, Hash hash, long lag) {
                        finalized.add(height);
                    }

                    @Override
                    public void conflictingFinal(long at, int shard, long height, Hash hash) {
                        conflicting.add(height);
                    }
                }, 1024);
    }

    private Transaction transfer(int from, long nonce, int to) {
        Hash h = Hashing.keccak256(ByteBuffer.allocate(16).putInt(from).putLong(nonce).putInt(to).array());
        return new Transaction(TxType.EIP1559, CHAIN, nonce, accounts.get(from), accounts.get(to), BigInteger.TEN,
                21_000, BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY, h, Bytes.EMPTY);
    }

    private static QuorumCertificate qc(long height, Hash bft) {
        return QuorumCertificate.of(VoteKind.COMMIT, height, 0, bft, 4,
                new TreeMap<>(Map.of(0, Bytes.of((byte) 1), 1, Bytes.of((byte) 2), 2, Bytes.of((byte) 3))));
    }

    /** Proposes on {@code bftParent}, checks and prepares it; returns the BFT hash members would now extend. */
    private Hash prepareOn(long height, Hash bftParent, boolean forking) {
        Payload p = ledger.propose(height, bftParent, Bytes.of((byte) 7), 1000, forking);
        assertThat(ledger.check(height, p).isValid()).isTrue();
        Hash bft = new Block(height, bftParent, p).hash();
        assertThat(ledger.prepare(p, bftParent, qc(height, bft), 2000))
                .isInstanceOf(SpiralLedger.Preparation.Fresh.class);
        return bft;
    }

    private BlockHeader header(Hash bft) {
        return ledger.book().view().values().stream()
                .filter(h -> ConsensusProof.decode(h.certificate()).bftBlockHash(h).equals(bft)).findFirst().orElseThrow();
    }

    @Test
    void preparedBlocksChangeNothingUntilFinalThenTheLosingForkIsDiscardedAndRolledBack() {
        for (long n = 0; n < 3; n++) {
            ledger.pool().add(transfer(1, n, 2));
        }
        BigInteger before = ledger.state().account(accounts.get(1)).balance();
        Hash a0 = prepareOn(0, Hash.ZERO, false);
        Hash b0 = prepareOn(0, Hash.ZERO, true); // a second block at height 0: a fork
        Hash b1 = prepareOn(1, b0, false);
        assertThat(header(b0).hash()).isNotEqualTo(header(a0).hash());
        // Pre-executed state is not applied: the finalized state is still genesis.
        assertThat(ledger.state().account(accounts.get(1)).balance()).isEqualTo(before);
        assertThat(ledger.tip().nextHeight()).isEqualTo(2);

        SpiralLedger.Finalization fin = ledger.finalize(header(a0).hash(), List.of(), 3000);
        assertThat(fin.applied()).hasSize(1);
        assertThat(fin.discarded()).containsExactlyInAnyOrder(header(b0).hash(), header(b1).hash());
        assertThat(discarded).hasSize(2);
        assertThat(finalized).containsExactly(0L);
        assertThat(ledger.state().root()).isEqualTo(header(a0).stateRoot());
        assertThat(ledger.state().account(accounts.get(1)).nonce()).isEqualTo(3);
        // Members on the discarded fork move to the surviving chain.
        assertThat(ledger.discarded(b1)).isTrue();
        assertThat(ledger.tip()).isEqualTo(new SpiralLedger.Tip(1, a0));
        // A block on the discarded fork no longer passes the voters' check.
        assertThat(ledger.propose(2, b1, Bytes.of((byte) 7), 4000, false).content()).isEqualTo(Bytes.EMPTY);
        assertThat(ledger.proofOf(header(a0).hash())).isPresent();
    }

    @Test
    void aLateProofForABlockFinalLongAgoIsNotAConflictButOneForADiscardedRivalIs() {
        Hash bft = Hash.ZERO;
        BlockHeader first = null;
        for (long h = 0; h < 300; h++) { // more final blocks than the ledger keeps headers of
            bft = prepareOn(h, bft, false);
            BlockHeader header = header(bft);
            first = first == null ? header : first;
            ledger.finalize(header.hash(), List.of(), 3000 + h);
        }
        assertThat(finalized).hasSize(300);
        assertThat(ledger.finalize(first.hash(), List.of(), 10_000).applied()).isEmpty();
        assertThat(conflicting).isEmpty();

        ledger.pool().add(transfer(1, 0, 2)); // so that the forking proposal differs
        BlockHeader kept = header(prepareOn(300, bft, false));
        BlockHeader rival = header(prepareOn(300, bft, true));
        ledger.finalize(kept.hash(), List.of(), 10_001);
        assertThat(ledger.finalize(rival.hash(), List.of(), 10_002).applied()).isEmpty();
        assertThat(conflicting).containsExactly(300L);
    }

    @Test
    void aProposalOnAPreparedBlockLeavesOutTheTransactionsItsChainHolds() {
        for (long n = 0; n < 4; n++) {
            ledger.pool().add(transfer(1, n, 2));
        }
        ledger.pool().add(transfer(2, 0, 3));
        Payload first = ledger.propose(0, Hash.ZERO, Bytes.of((byte) 7), 1000, false);
        Hash bft0 = new Block(0, Hash.ZERO, first).hash();
        ledger.prepare(first, Hash.ZERO, qc(0, bft0), 1000);
        ledger.pool().add(transfer(1, 4, 2));
        Payload second = ledger.propose(1, bft0, Bytes.of((byte) 7), 2000, false);
        assertThat(ledger.check(1, second).isValid()).isTrue();
        assertThat(ledger.itemsIn(second)).isEqualTo(1);
        assertThat(ledger.finalHeight()).isEqualTo(-1);
    }

    @Test
    void proposingOnALongPreparedChainExecutesOnlyTheNewBlockAndTheChainStillFinalizesToItsRoots() {
        Hash bft = Hash.ZERO;
        for (long h = 0; h < 6; h++) {
            ledger.pool().add(transfer(1, h, 2));
            bft = prepareOn(h, bft, false);
        }
        ledger.pool().add(transfer(1, 6, 2));
        long before = ledger.executions();
        Hash top = prepareOn(6, bft, false);
        assertThat(ledger.executions() - before).as("the six prepared blocks below are replayed from their changes")
                .isEqualTo(1);
        SpiralLedger.Finalization fin = ledger.finalize(header(top).hash(), List.of(), 3000);
        assertThat(fin.applied()).hasSize(7);
        assertThat(ledger.state().root()).isEqualTo(header(top).stateRoot());
        assertThat(ledger.state().account(accounts.get(1)).nonce()).isEqualTo(7);
    }

    @Test
    void thePipelineStopsAtItsBoundAboveTheFinalizedHeadAndResumesOnceABlockIsFinal() {
        Hash bft = Hash.ZERO;
        for (long h = 0; h < SpiralLedger.MAX_AHEAD; h++) {
            bft = prepareOn(h, bft, false);
        }
        Payload full = ledger.propose(SpiralLedger.MAX_AHEAD, bft, Bytes.of((byte) 7), 5000, false);
        assertThat(full.content().isEmpty()).isTrue();
        assertThat(ledger.emptyReason()).isEqualTo("pipelineFull");

        BlockHeader top = header(bft);
        BlockHeader beyond = new BlockHeader(top.hash(), top.height() + 1, top.shard(), top.epoch(), top.stateRoot(),
                top.transactionsRoot(), top.outgoingReceiptsRoot(), top.incomingReceiptsRoot(), top.proposerKey(),
                top.feeRecipient(), top.extensions(), Bytes.EMPTY);
        Validity v = ledger.check(SpiralLedger.MAX_AHEAD, ConsensusProof.payloadOf(beyond, 0));
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        assertThat(((Validity.Invalid) v).reason()).contains("the pipeline's bound");

        Hash first = ledger.book().view().values().stream().filter(h -> h.height() == 0).findFirst().orElseThrow()
                .hash();
        assertThat(ledger.finalize(first, List.of(), 6000).applied()).hasSize(1);
        prepareOn(SpiralLedger.MAX_AHEAD, bft, false);
    }

    @Test
    void aProposalClaimingAFalseLatestFinalizedBlockIsRejected() {
        ledger.pool().add(transfer(1, 0, 2));
        Payload p = ledger.propose(0, Hash.ZERO, Bytes.of((byte) 7), 1000, false);
        BlockHeader h = ConsensusProof.headerOf(p);
        LceFields lying = LceFields.of(h).withFinalized(Hashing.sha256(new byte[] {1}));
        BlockHeader bad = new BlockHeader(h.parentHash(), h.height(), h.shard(), h.epoch(), h.stateRoot(),
                h.transactionsRoot(), h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(),
                h.feeRecipient(), lying.into(h.extensions()), Bytes.EMPTY);
        Validity v = ledger.check(0, ConsensusProof.payloadOf(bad, p.bulkBytes()));
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        assertThat(((Validity.Invalid) v).reason()).contains("is not a finalized block of shard 0");
    }

    @Test
    void aLedgerBlockCommittedAgainOnAnotherConsensusParentCanBeBuiltOnFromEitherConsensusBlock() {
        ledger.pool().add(transfer(0, 0, 1));
        Payload p = ledger.propose(0, Hash.ZERO, Bytes.of((byte) 7), 1000, false);
        assertThat(ledger.check(0, p).isValid()).isTrue();
        Hash first = new Block(0, Hash.ZERO, p).hash();
        assertThat(ledger.prepare(p, Hash.ZERO, qc(0, first), 2000)).isInstanceOf(SpiralLedger.Preparation.Fresh.class);
        // A lagging leader re-proposes the prepared block on its own consensus head: another BFT block.
        Hash otherParent = Hashing.keccak256(new byte[] {9});
        Hash second = new Block(0, otherParent, p).hash();
        assertThat(ledger.prepare(p, otherParent, qc(0, second), 3000))
                .isInstanceOf(SpiralLedger.Preparation.Repeat.class);

        assertThat(ledger.live(second, 0)).isTrue();
        assertThat(ledger.discarded(second)).isFalse();
        ledger.pool().add(transfer(0, 1, 1));
        Payload next = ledger.propose(1, second, Bytes.of((byte) 7), 4000, false);
        assertThat(next.content().isEmpty()).as(ledger.emptyReason()).isFalse();
        assertThat(ledger.check(1, next).isValid()).isTrue();
    }

    @Test
    void aFullMemoryOfProposalsForgetsTheOldestInsteadOfRefusingToPropose() {
        ledger.pool().add(transfer(0, 0, 1));
        Payload last = null;
        for (int i = 0; i < 600; i++) {
            // Views that never decide, each led by another member: 600 different bodies at height 0.
            last = ledger.propose(0, Hash.ZERO, Bytes.of((byte) (i >> 8), (byte) i), 1000 + i, false);
            assertThat(last.content().isEmpty()).as("proposal %d: %s", i, ledger.emptyReason()).isFalse();
        }
        assertThat(ledger.check(0, last).isValid()).isTrue();
    }
}

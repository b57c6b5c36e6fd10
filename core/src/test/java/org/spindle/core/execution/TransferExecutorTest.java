package org.spindle.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spindle.core.execution.Fixtures.transfer;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.AccountProof;
import org.spindle.core.state.ReceiptProof;
import org.spindle.core.state.WorldState;

class TransferExecutorTest {
    static final int SHARDS = 4;
    final TransferExecutor exec = new TransferExecutor(Fixtures.CHAIN);
    final BlockExecutor blocks = new BlockExecutor(exec);
    final List<Address> mine = Fixtures.addressesIn(0, SHARDS, 4, 0);
    final List<Address> theirs = Fixtures.addressesIn(1, SHARDS, 2, 0);
    final Address alice = mine.get(0);
    final Address bob = mine.get(1);
    final Address proposer = mine.get(2);
    final Address stranger = mine.get(3);
    final Address carol = theirs.get(0);
    WorldState state;

    @BeforeEach
    void genesis() {
        Map<Address, BigInteger> balances = new LinkedHashMap<>();
        balances.put(alice, BigInteger.valueOf(1_000_000));
        balances.put(bob, BigInteger.valueOf(50_000));
        state = WorldState.genesis(0, SHARDS, balances);
    }

    private TxOutcome apply(Transaction tx) {
        return exec.apply(state, tx, proposer, true, 1, 0);
    }

    private void assertRejectedUnchanged(Transaction tx, Rejection reason) {
        Hash before = state.root();
        BigInteger supply = state.totalSupply();
        TxOutcome o = apply(tx);
        assertThat(o).isEqualTo(new TxOutcome.Rejected(tx, reason));
        assertThat(state.root()).isEqualTo(before);
        assertThat(state.totalSupply()).isEqualTo(supply);
    }

    @Test
    void anIntraShardTransferMovesValueBumpsTheNonceAndPaysTheFeeToTheProposer() {
        TxOutcome o = apply(transfer(alice, 0, bob, 1_000));
        assertThat(o).isInstanceOf(TxOutcome.Applied.class);
        assertThat(((TxOutcome.Applied) o).receipt()).isEmpty();
        assertThat(state.account(alice)).isEqualTo(new Account(1, BigInteger.valueOf(1_000_000 - 1_000 - 21_000)));
        assertThat(state.account(bob).balance()).isEqualTo(BigInteger.valueOf(51_000));
        assertThat(state.account(proposer).balance()).isEqualTo(BigInteger.valueOf(21_000));
        assertThat(state.totalSupply()).isEqualTo(BigInteger.valueOf(1_050_000));
    }

    @Test
    void aReplayedNonceIsRejectedAsBadNonceAndChangesNothing() {
        apply(transfer(alice, 0, bob, 1));
        assertRejectedUnchanged(transfer(alice, 0, bob, 1), Rejection.BAD_NONCE);
    }

    @Test
    void aNonceFromTheFutureIsRejectedAsTooHigh() {
        assertRejectedUnchanged(transfer(alice, 5, bob, 1), Rejection.NONCE_TOO_HIGH);
    }

    @Test
    void aTransferAboveTheBalanceIncludingTheFeeIsRejected() {
        // 30,000 + 21,000 fee > 50,000.
        assertRejectedUnchanged(transfer(bob, 0, alice, 30_000), Rejection.INSUFFICIENT_BALANCE);
        assertThat(apply(transfer(bob, 0, alice, 29_000))).isInstanceOf(TxOutcome.Applied.class);
    }

    @Test
    void aSenderOfAnotherShardIsRejectedAsWrongShard() {
        assertRejectedUnchanged(transfer(carol, 0, alice, 1), Rejection.WRONG_SHARD);
    }

    @Test
    void aGasLimitBelowTheIntrinsicGasIsRejected() {
        assertRejectedUnchanged(
                transfer(alice, 0, bob, BigInteger.ONE, 20_999, BigInteger.ONE), Rejection.INTRINSIC_GAS_TOO_LOW);
        assertThat(TransferExecutor.intrinsicGas(Bytes.of((byte) 0, (byte) 1))).isEqualTo(21_000 + 4 + 16);
    }

    @Test
    void aTransactionForAnotherChainIsRejected() {
        assertRejectedUnchanged(Fixtures.transfer(99, alice, 0, bob, BigInteger.ONE, 21_000, BigInteger.ONE),
                Rejection.WRONG_CHAIN_ID);
    }

    @Test
    void aFeeRecipientInAnotherShardMakesTheBlockApplyNothing() {
        Hash before = state.root();
        BlockResult r = blocks.execute(state, 1, carol, List.of(transfer(alice, 0, bob, 1)), List.of());
        assertThat(r.txOutcomes()).singleElement()
                .isEqualTo(new TxOutcome.Rejected(transfer(alice, 0, bob, 1), Rejection.FEE_RECIPIENT_WRONG_SHARD));
        assertThat(r.stateRoot()).isEqualTo(before);
    }

    @Test
    void aCrossShardTransferDebitsHereAndEmitsAProvableReceipt() {
        BlockResult r = blocks.execute(state, 9, proposer,
                List.of(transfer(alice, 0, bob, 5), transfer(alice, 1, carol, 700)), List.of());
        assertThat(r.allApplied()).isTrue();
        Receipt receipt = r.outgoingReceipts().get(0);
        assertThat(receipt).isEqualTo(new Receipt(ReceiptId.of(alice, 1), 0, 1, 9, 0, alice, carol,
                BigInteger.valueOf(700)));
        assertThat(state.account(carol)).isEqualTo(Account.EMPTY);
        assertThat(state.totalSupply().add(receipt.value())).isEqualTo(BigInteger.valueOf(1_050_000));

        BlockHeader source = new BlockHeader(Hash.ZERO, 9, 0, 0, r.stateRoot(), r.transactionsRoot(),
                r.outgoingReceiptsRoot(), Hash.ZERO, Bytes.EMPTY, proposer, new TreeMap<>(), Bytes.EMPTY);
        IncomingReceipt incoming = new IncomingReceipt(receipt, source.hash(),
                MerkleTree.prove(org.spindle.core.ledger.Block.encodeReceipts(r.outgoingReceipts()), 0));
        assertThat(incoming.verifyAgainst(source)).isEqualTo(IncomingReceipt.Check.VALID);
        Receipt inflated = new Receipt(receipt.id(), 0, 1, 9, 0, alice, carol, BigInteger.valueOf(701));
        assertThat(new IncomingReceipt(inflated, source.hash(), incoming.proof()).verifyAgainst(source))
                .isEqualTo(IncomingReceipt.Check.BAD_PROOF);
        assertThat(new IncomingReceipt(receipt, Hash.ZERO, incoming.proof()).verifyAgainst(source))
                .isEqualTo(IncomingReceipt.Check.HEADER_MISMATCH);
    }

    @Test
    void aReceiptIsCreditedOnceAndAReplayIsRejectedWithoutChangingTheRoot() {
        WorldState dest = WorldState.genesis(1, SHARDS, Map.of());
        Receipt r = new Receipt(ReceiptId.of(alice, 0), 0, 1, 3, 0, alice, carol, BigInteger.TEN);
        ReceiptProof before = dest.proveReceipt(r.id());
        assertThat(before.consumed()).isFalse();
        assertThat(before.verify(dest.root())).isTrue();

        assertThat(exec.applyReceipt(dest, r)).isEqualTo(new ReceiptOutcome.Credited(r));
        Hash after = dest.root();
        assertThat(dest.account(carol).balance()).isEqualTo(BigInteger.TEN);
        assertThat(dest.proveReceipt(r.id()).consumed()).isTrue();
        assertThat(dest.proveReceipt(r.id()).verify(after)).isTrue();
        assertThat(before.verify(after)).isFalse();

        assertThat(exec.applyReceipt(dest, r))
                .isEqualTo(new ReceiptOutcome.Rejected(r, Rejection.RECEIPT_ALREADY_CONSUMED));
        assertThat(dest.root()).isEqualTo(after);
        assertThat(dest.account(carol).balance()).isEqualTo(BigInteger.TEN);
    }

    @Test
    void creditsThatWouldOverflow256BitsAreRejectedWithoutAHalfAppliedTransfer() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        WorldState dest = WorldState.genesis(1, SHARDS, Map.of(theirs.get(1), max.subtract(BigInteger.valueOf(1_000_000))));
        Receipt tooMuch = new Receipt(ReceiptId.of(alice, 0), 0, 1, 3, 0, alice, theirs.get(1),
                BigInteger.valueOf(2_000_000));
        Hash before = dest.root();
        assertThat(exec.applyReceipt(dest, tooMuch))
                .isEqualTo(new ReceiptOutcome.Rejected(tooMuch, Rejection.BALANCE_OVERFLOW));
        assertThat(dest.root()).isEqualTo(before);
        assertThat(dest.isConsumed(tooMuch.id())).isFalse();

        // Supply arriving from other shards can make a local transfer overflow the recipient.
        Receipt funding = new Receipt(ReceiptId.of(alice, 1), 0, 1, 3, 1, alice, carol, BigInteger.valueOf(5_000_000));
        assertThat(exec.applyReceipt(dest, funding)).isInstanceOf(ReceiptOutcome.Credited.class);
        Hash funded = dest.root();
        Transaction over = transfer(carol, 0, theirs.get(1), 1_500_000);
        assertThat(exec.apply(dest, over, carol, true, 4, 0))
                .isEqualTo(new TxOutcome.Rejected(over, Rejection.BALANCE_OVERFLOW));
        assertThat(dest.root()).isEqualTo(funded);
        Transaction fits = transfer(carol, 0, theirs.get(1), 900_000);
        assertThat(exec.apply(dest, fits, carol, true, 4, 0)).isInstanceOf(TxOutcome.Applied.class);
        assertThat(dest.account(theirs.get(1)).balance()).isEqualTo(max.subtract(BigInteger.valueOf(100_000)));
    }

    @Test
    void aReceiptForAnotherShardIsRejected() {
        Receipt r = new Receipt(ReceiptId.of(carol, 0), 1, 2, 3, 0, carol, alice, BigInteger.TEN);
        Hash before = state.root();
        assertThat(exec.applyReceipt(state, r)).isEqualTo(new ReceiptOutcome.Rejected(r, Rejection.RECEIPT_WRONG_SHARD));
        Receipt misrouted = new Receipt(ReceiptId.of(alice, 0), 1, 0, 3, 0, carol, carol, BigInteger.TEN);
        assertThat(exec.applyReceipt(state, misrouted))
                .isEqualTo(new ReceiptOutcome.Rejected(misrouted, Rejection.RECEIPT_WRONG_SHARD));
        assertThat(state.root()).isEqualTo(before);
    }

    @Test
    void accountProofsVerifyForPresentAndAbsentAccountsAndGoStaleWhenTheAccountChanges() {
        AccountProof aliceProof = state.proveAccount(alice);
        AccountProof strangerProof = state.proveAccount(stranger);
        Hash root = state.root();
        assertThat(aliceProof.verify(root)).isTrue();
        assertThat(strangerProof.account()).isEqualTo(Account.EMPTY);
        assertThat(strangerProof.verify(root)).isTrue();
        AccountProof lie = new AccountProof(alice, new Account(0, BigInteger.valueOf(999_999_999)), aliceProof.proof());
        assertThat(lie.verify(root)).isFalse();

        apply(transfer(alice, 0, stranger, 10));
        Hash newRoot = state.root();
        assertThat(aliceProof.verify(newRoot)).isFalse();
        assertThat(strangerProof.verify(newRoot)).isFalse();
        assertThat(state.proveAccount(stranger).verify(newRoot)).isTrue();
    }

    @Test
    void genesisRefusesAnAccountOfAnotherShard() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WorldState.genesis(0, SHARDS, Map.of(carol, BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

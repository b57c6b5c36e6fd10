package org.spindle.core.execution;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;

/**
 * Applies transfers and incoming receipts to one shard's {@link WorldState}.
 *
 * <p>Rules for a transaction: the chain id must match; the sender must live in this shard; the gas
 * limit must cover the intrinsic gas (21,000 plus Ethereum's calldata cost); the nonce must equal
 * the sender's; the balance must cover {@code value + gasLimit × maxFeePerGas}. Then the sender is
 * debited that much and its nonce bumped, the whole fee is credited to the block's fee recipient
 * (no burn, so fees move supply, never destroy it), and the value is credited to the recipient if
 * it lives in this shard, or else becomes an outgoing {@link Receipt} for the recipient's shard.
 *
 * <p>Rules for a receipt: it must be addressed to this shard (and its recipient live here) and
 * not be consumed yet; then it is recorded as consumed and the recipient credited. Every check
 * happens before any write, so a rejection leaves the state untouched.
 */
public final class TransferExecutor {
    public static final long TX_GAS = 21_000;
    public static final long ZERO_BYTE_GAS = 4;
    public static final long NONZERO_BYTE_GAS = 16;

    private final long chainId;

    public TransferExecutor(long chainId) {
        this.chainId = chainId;
    }

    public long chainId() {
        return chainId;
    }

    public static long intrinsicGas(Bytes data) {
        long gas = TX_GAS;
        for (byte b : data.unsafeArray()) {
            gas += b == 0 ? ZERO_BYTE_GAS : NONZERO_BYTE_GAS;
        }
        return gas;
    }

    /**
     * Checks {@code tx} against {@code state} without changing it; empty if it would apply.
     * {@code feeRecipientOk} says whether the block's fee recipient lives in this shard.
     */
    public Optional<Rejection> check(WorldState state, Transaction tx, Address feeRecipient, boolean feeRecipientOk) {
        if (tx.chainId() != chainId) {
            return Optional.of(Rejection.WRONG_CHAIN_ID);
        }
        if (!feeRecipientOk) {
            return Optional.of(Rejection.FEE_RECIPIENT_WRONG_SHARD);
        }
        if (tx.gasLimit() < intrinsicGas(tx.data())) {
            return Optional.of(Rejection.INTRINSIC_GAS_TOO_LOW);
        }
        if (state.shardOf(tx.from()) != state.shard()) {
            return Optional.of(Rejection.WRONG_SHARD);
        }
        Account sender = state.account(tx.from());
        if (tx.nonce() < sender.nonce()) {
            return Optional.of(Rejection.BAD_NONCE);
        }
        if (tx.nonce() > sender.nonce()) {
            return Optional.of(Rejection.NONCE_TOO_HIGH);
        }
        BigInteger fee = tx.maxFee();
        BigInteger cost = tx.value().add(fee);
        if (sender.balance().compareTo(cost) < 0) {
            return Optional.of(Rejection.INSUFFICIENT_BALANCE);
        }
        if (!creditsFit(state, tx, cost, fee, feeRecipient)) {
            return Optional.of(Rejection.BALANCE_OVERFLOW);
        }
        return Optional.empty();
    }

    /** Whether the recipient's and the fee recipient's balances stay within 256 bits. */
    private static boolean creditsFit(WorldState state, Transaction tx, BigInteger cost, BigInteger fee,
            Address feeRecipient) {
        BigInteger toBalance = state.account(tx.to()).balance();
        BigInteger feeBalance = state.account(feeRecipient).balance();
        // Fast path: three terms below 2^254 cannot sum past 2^256.
        if (toBalance.bitLength() < 254 && feeBalance.bitLength() < 254 && tx.value().bitLength() < 254
                && fee.bitLength() < 254) {
            return true;
        }
        // Exact path, minding that sender, recipient and fee recipient may be the same account.
        Map<Address, BigInteger> after = new HashMap<>();
        after.merge(tx.from(), state.account(tx.from()).balance().subtract(cost), BigInteger::add);
        if (state.shardOf(tx.to()) == state.shard()) {
            after.merge(tx.to(), after.containsKey(tx.to()) ? tx.value() : toBalance.add(tx.value()), BigInteger::add);
        }
        after.merge(feeRecipient, after.containsKey(feeRecipient) ? fee : feeBalance.add(fee), BigInteger::add);
        return after.values().stream().allMatch(b -> b.bitLength() <= 256);
    }

    /**
     * Applies {@code tx} in the block at {@code height}; a receipt it emits gets position
     * {@code receiptIndex} in the block's outgoing list.
     */
    public TxOutcome apply(WorldState state, Transaction tx, Address feeRecipient, boolean feeRecipientOk,
            long height, int receiptIndex) {
        Optional<Rejection> rejection = check(state, tx, feeRecipient, feeRecipientOk);
        if (rejection.isPresent()) {
            return new TxOutcome.Rejected(tx, rejection.get());
        }
        BigInteger fee = tx.maxFee();
        Account sender = state.account(tx.from());
        state.setAccount(tx.from(), sender.debitAndBumpNonce(tx.value().add(fee)));
        int toShard = state.shardOf(tx.to());
        Optional<Receipt> receipt = Optional.empty();
        if (toShard == state.shard()) {
            state.credit(tx.to(), tx.value());
        } else {
            receipt = Optional.of(new Receipt(ReceiptId.of(tx.from(), tx.nonce()), state.shard(), toShard, height,
                    receiptIndex, tx.from(), tx.to(), tx.value()));
        }
        state.credit(feeRecipient, fee);
        return new TxOutcome.Applied(tx, fee, receipt);
    }

    public Optional<Rejection> checkReceipt(WorldState state, Receipt receipt) {
        if (receipt.destinationShard() != state.shard() || state.shardOf(receipt.to()) != state.shard()) {
            return Optional.of(Rejection.RECEIPT_WRONG_SHARD);
        }
        if (state.isConsumed(receipt.id())) {
            return Optional.of(Rejection.RECEIPT_ALREADY_CONSUMED);
        }
        if (state.account(receipt.to()).balance().add(receipt.value()).bitLength() > 256) {
            return Optional.of(Rejection.BALANCE_OVERFLOW);
        }
        return Optional.empty();
    }

    public ReceiptOutcome applyReceipt(WorldState state, Receipt receipt) {
        Optional<Rejection> rejection = checkReceipt(state, receipt);
        if (rejection.isPresent()) {
            return new ReceiptOutcome.Rejected(receipt, rejection.get());
        }
        state.markConsumed(receipt.id());
        state.credit(receipt.to(), receipt.value());
        return new ReceiptOutcome.Credited(receipt);
    }
}

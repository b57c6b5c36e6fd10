package org.spindle.core.execution;

/** Why a transaction or an incoming receipt was not applied. A rejection changes no state. */
public enum Rejection {
    /** The transaction is signed for another chain. */
    WRONG_CHAIN_ID,
    /** The sender's account lives in another shard; route the transaction there. */
    WRONG_SHARD,
    /** The block's fee recipient is not an account of this shard. */
    FEE_RECIPIENT_WRONG_SHARD,
    /** The gas limit is below the intrinsic gas of a transfer (21,000 plus calldata). */
    INTRINSIC_GAS_TOO_LOW,
    /** The nonce is below the account's: already used (a replay). */
    BAD_NONCE,
    /** The nonce is above the account's: an earlier transaction is missing. */
    NONCE_TOO_HIGH,
    /** The balance is below value + gasLimit × maxFeePerGas. */
    INSUFFICIENT_BALANCE,
    /**
     * A credit would push a balance past 2^256 - 1. Unreachable while the supply of all shards
     * together fits in 256 bits; checked so that bad input can never leave a half-applied transfer.
     */
    BALANCE_OVERFLOW,
    /** The receipt is addressed to another shard, or its recipient does not live in this one. */
    RECEIPT_WRONG_SHARD,
    /** The receipt was already credited here. */
    RECEIPT_ALREADY_CONSUMED
}

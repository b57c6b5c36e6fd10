package org.spindle.core.ledger;

/** Why {@link TransactionDecoder} refused a raw transaction. */
public enum TransactionRejection {
    /** Larger than {@link TransactionDecoder#MAX_SIZE}, or its data field larger than the codec allows. */
    OVERSIZED,
    /** Empty, truncated, trailing bytes, not canonical RLP, or the wrong fields for its type. */
    MALFORMED,
    /** A typed envelope other than EIP-1559 (0x02): access-list, blob and set-code transactions. */
    UNSUPPORTED_TYPE,
    /** A legacy transaction signed without EIP-155 replay protection (v = 27 or 28). */
    MISSING_CHAIN_ID,
    /** Signed for a chain other than the one this decoder accepts. */
    WRONG_CHAIN_ID,
    /** Unsigned, r or s out of range, a bad v, or no public key recovers from the signature. */
    INVALID_SIGNATURE,
    /** s above n/2: a malleable signature Ethereum has refused since Homestead (EIP-2). */
    HIGH_S,
    /** No recipient: Spindle carries transfers only and deploys no contracts. */
    CONTRACT_CREATION,
    /** A nonce or gas limit beyond 2^63-1, an amount beyond 256 bits, or a priority fee above the fee cap. */
    INVALID_FIELD
}

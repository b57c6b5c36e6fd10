package org.spindle.core.ledger;

/** The Ethereum transaction envelopes Spindle accepts. */
public enum TxType {
    /** Pre-EIP-2718 transaction, signed with EIP-155 replay protection. */
    LEGACY,
    /** EIP-1559 typed envelope (type 0x02). */
    EIP1559
}

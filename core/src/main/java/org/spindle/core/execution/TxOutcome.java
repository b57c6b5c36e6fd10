package org.spindle.core.execution;

import java.math.BigInteger;
import java.util.Optional;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;

/** What executing one transaction did. */
public sealed interface TxOutcome {
    Transaction tx();

    /** Applied: the sender paid {@code fee}; a cross-shard transfer produced {@code receipt}. */
    record Applied(Transaction tx, BigInteger fee, Optional<Receipt> receipt) implements TxOutcome {}

    /** Not applied; the state is as before. */
    record Rejected(Transaction tx, Rejection reason) implements TxOutcome {}
}

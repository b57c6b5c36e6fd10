package org.spindle.sim.workload;

import java.util.Objects;
import org.spindle.core.ledger.Transaction;

/** A transaction and the simulated time (µs) at which its client submits it. */
public record SubmittedTx(long atMicros, Transaction tx) {
    public SubmittedTx {
        Objects.requireNonNull(tx, "tx");
        if (atMicros < 0) {
            throw new IllegalArgumentException("negative submission time " + atMicros);
        }
    }
}

package org.spindle.sim.invariants;

import java.util.List;
import org.spindle.sim.ledger.LedgerObserver;

/**
 * One invariant, checked from ledger events as they happen. Keeps the first violation and counts
 * the rest; {@link #finish} runs the end-of-run checks (what must have happened by then).
 */
abstract class Checker implements LedgerObserver {
    private Verdict.Violation first;
    private long violations;

    /** Records a violation; only the first is kept in detail. */
    protected final void violate(long atMicros, int shard, long height, List<String> ids, String message) {
        violations++;
        if (first == null) {
            first = new Verdict.Violation(atMicros, shard, height, ids, message, 1);
        }
    }

    /** End-of-run checks at simulated time {@code endMicros}; called once. */
    void finish(long endMicros) {}

    final Verdict verdict() {
        return first == null ? Verdict.OK : first.counted(violations);
    }
}

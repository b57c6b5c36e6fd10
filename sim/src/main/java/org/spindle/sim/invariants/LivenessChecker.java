package org.spindle.sim.invariants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.sim.ledger.FinalizedBlock;

/**
 * Liveness: every submitted transaction that was not found invalid is in a final block within
 * {@code boundMicros} of its submission. At the end, transactions submitted less than the bound
 * before the end are not judged. Receipts the exactly-once check found late (past their grace,
 * still held) are counted here too ({@link #lateReceipts}).
 */
final class LivenessChecker extends Checker {
    private final long boundMicros;
    /** Submitted, not final, not invalid: hash → submission time, in submission order. */
    private final LinkedHashMap<Hash, Long> waiting = new LinkedHashMap<>();

    LivenessChecker(long boundMicros) {
        this.boundMicros = boundMicros;
    }

    @Override
    public void onSubmitted(long at, Transaction tx) {
        waiting.putIfAbsent(tx.hash(), at);
    }

    @Override
    public void onInvalid(long at, Hash txHash, String reason) {
        waiting.remove(txHash);
    }

    @Override
    public void onBlockFinal(FinalizedBlock b) {
        for (Transaction tx : b.transactions()) {
            Long submitted = waiting.remove(tx.hash());
            if (submitted != null && b.finalAtMicros() - submitted > boundMicros) {
                violate(b.finalAtMicros(), b.shard(), b.height(), List.of(tx.hash().toHex()), "transaction final "
                        + (b.finalAtMicros() - submitted) + " µs after submission, bound " + boundMicros + " µs");
            }
        }
    }

    @Override
    void finish(long endMicros) {
        for (Map.Entry<Hash, Long> e : waiting.entrySet()) {
            if (e.getValue() + boundMicros <= endMicros) {
                violate(endMicros, -1, -1, List.of(e.getKey().toHex()), "transaction submitted at " + e.getValue()
                        + " µs not final by the end at " + endMicros + " µs (bound " + boundMicros + " µs)");
            }
        }
    }

    /** Each receipt still held uncredited beyond its grace is a liveness violation at the end. */
    void lateReceipts(long endMicros, long graceMicros, List<ExactlyOnceChecker.Late> late) {
        for (ExactlyOnceChecker.Late l : late) {
            Receipt r = l.receipt();
            violate(endMicros, r.destinationShard(), -1, List.of(r.id().toString(), l.sourceBlock()), "receipt not "
                    + "credited by the end at " + endMicros + " µs, its source block (shard " + r.sourceShard()
                    + " height " + r.sourceHeight() + ") final at " + l.finalAt() + " µs (grace " + graceMicros
                    + " µs); still " + l.where());
        }
    }

    int waiting() {
        return waiting.size();
    }
}

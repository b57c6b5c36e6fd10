package org.spindle.sim.invariants;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.ledger.LedgerObserver;

/**
 * The four ledger invariants of DESIGN.md (safety, conservation, exactly once, liveness), fed by
 * the simulation as events happen and reported at the end ({@link #report}).
 *
 * <p>A final block reported again (same shard, height and hash, e.g. once per node) is passed to
 * the safety checker only, so the other checkers count each block once. A different block at the
 * same (shard, height) reaches every checker: it is a safety violation, and what it moves counts.
 */
public final class LedgerInvariants implements LedgerObserver {
    private record Seen(int shard, long height, Hash hash) {}

    private final SafetyChecker safety = new SafetyChecker();
    private final ConservationChecker conservation;
    private final ExactlyOnceChecker exactlyOnce;
    private final LivenessChecker liveness;
    private final long receiptGraceMicros;
    private final List<Checker> all;
    private final Set<Seen> seen = new HashSet<>();
    private InvariantReport report;

    /**
     * @param genesisBalanceByShard each shard's genesis balance total, by shard index
     * @param receiptGraceMicros how long after its source block is final a receipt must be credited
     * @param livenessBoundMicros how long after submission a transaction must be final
     */
    public LedgerInvariants(List<BigInteger> genesisBalanceByShard, long receiptGraceMicros, long livenessBoundMicros) {
        this(genesisBalanceByShard, receiptGraceMicros, livenessBoundMicros, ReceiptWhereabouts.NOWHERE);
    }

    /**
     * As above, with where the protocol still holds uncredited receipts at the end: a receipt past
     * its grace that is still held is reported late (liveness), one held nowhere lost (exactly once).
     */
    public LedgerInvariants(List<BigInteger> genesisBalanceByShard, long receiptGraceMicros, long livenessBoundMicros,
            ReceiptWhereabouts whereabouts) {
        if (genesisBalanceByShard.isEmpty() || receiptGraceMicros < 0 || livenessBoundMicros < 0) {
            throw new IllegalArgumentException("need at least one shard and non-negative bounds");
        }
        conservation = new ConservationChecker(genesisBalanceByShard);
        exactlyOnce = new ExactlyOnceChecker(receiptGraceMicros, whereabouts);
        liveness = new LivenessChecker(livenessBoundMicros);
        this.receiptGraceMicros = receiptGraceMicros;
        all = List.of(safety, conservation, exactlyOnce, liveness);
    }

    @Override
    public void onSubmitted(long atMicros, Transaction tx) {
        liveness.onSubmitted(atMicros, tx);
    }

    @Override
    public void onInvalid(long atMicros, Hash txHash, String reason) {
        liveness.onInvalid(atMicros, txHash, reason);
    }

    @Override
    public void onReceiptApplied(long atMicros, int shard, long height, Receipt receipt) {
        exactlyOnce.onReceiptApplied(atMicros, shard, height, receipt);
    }

    @Override
    public void onBlockFinal(FinalizedBlock block) {
        safety.onBlockFinal(block);
        if (seen.add(new Seen(block.shard(), block.height(), block.hash()))) {
            conservation.onBlockFinal(block);
            exactlyOnce.onBlockFinal(block);
            liveness.onBlockFinal(block);
        }
    }

    /** Runs the end-of-run checks at {@code endMicros} (once) and returns the verdicts. */
    public InvariantReport report(long endMicros) {
        if (report == null) {
            all.forEach(c -> c.finish(endMicros));
            liveness.lateReceipts(endMicros, receiptGraceMicros, exactlyOnce.late());
            report = new InvariantReport(safety.verdict(), conservation.verdict(), exactlyOnce.verdict(),
                    liveness.verdict());
        }
        return report;
    }

    /** Consistent cuts at which conservation was checked so far. */
    public long conservationChecks() {
        return conservation.checks();
    }

    /** Receipts of final blocks not credited yet. */
    public int uncreditedReceipts() {
        return exactlyOnce.uncredited();
    }

    /** Submitted transactions neither final nor invalid yet. */
    public int waitingTransactions() {
        return liveness.waiting();
    }
}

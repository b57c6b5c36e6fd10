package org.spindle.sim.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An offered load: transfers from a {@link TransferSource}, submitted at the times of an
 * {@link Arrivals} process, made into transactions (with per-sender nonces) by a
 * {@link TxFactory}. It ends when the source runs dry, at {@code stopMicros} (exclusive), or after
 * {@code maxTransactions}, whichever comes first. Deterministic: the same seed and configuration
 * give the same transactions at the same times.
 *
 * <p>The simulator drives it with {@link #peekTime()} and {@link #next()} (one event per
 * submission) or {@link #until(long)} (a batch per tick).
 */
public final class Workload {
    public static final long NO_MORE = Long.MAX_VALUE;

    private final Arrivals arrivals;
    private final TransferSource source;
    private final TxFactory factory;
    private final long stopMicros;
    private final long maxTransactions;
    private long produced;
    private SubmittedTx pending;
    private boolean exhausted;

    public Workload(Arrivals arrivals, TransferSource source, TxFactory factory, long stopMicros,
            long maxTransactions) {
        if (maxTransactions < 0) {
            throw new IllegalArgumentException("maxTransactions must not be negative");
        }
        this.arrivals = arrivals;
        this.source = source;
        this.factory = factory;
        this.stopMicros = stopMicros;
        this.maxTransactions = maxTransactions;
    }

    /** The offered load in transactions per second. */
    public double offeredRate() {
        return arrivals.ratePerSecond();
    }

    public TxFactory factory() {
        return factory;
    }

    public TransferSource source() {
        return source;
    }

    /** The submission time of the next transaction, or {@link #NO_MORE}. */
    public long peekTime() {
        fill();
        return pending == null ? NO_MORE : pending.atMicros();
    }

    public boolean hasNext() {
        return peekTime() != NO_MORE;
    }

    public SubmittedTx next() {
        fill();
        if (pending == null) {
            throw new NoSuchElementException("the workload has ended");
        }
        SubmittedTx out = pending;
        pending = null;
        return out;
    }

    /** Every transaction submitted at or before {@code micros}, in order. */
    public List<SubmittedTx> until(long micros) {
        List<SubmittedTx> out = new ArrayList<>();
        while (hasNext() && peekTime() <= micros) {
            out.add(next());
        }
        return out;
    }

    public long produced() {
        return produced;
    }

    private void fill() {
        if (pending != null || exhausted) {
            return;
        }
        if (produced >= maxTransactions) {
            exhausted = true;
            return;
        }
        long at = arrivals.next();
        if (at >= stopMicros) {
            exhausted = true;
            return;
        }
        Transfer t = source.next();
        if (t == null) {
            exhausted = true;
            return;
        }
        produced++;
        pending = new SubmittedTx(at, factory.make(t));
    }
}

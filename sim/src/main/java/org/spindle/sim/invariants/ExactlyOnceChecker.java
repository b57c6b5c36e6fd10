package org.spindle.sim.invariants;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.sim.ledger.FinalizedBlock;

/**
 * Exactly once: every receipt of a final source block is credited in a final block of its
 * destination shard once, never twice, never before its source block is final, never in another
 * shard or with other contents than emitted, and never lost: at the end, a receipt whose source
 * has been final for at least {@code graceMicros} must have been credited, or else still be held
 * by the sharding protocol ({@link ReceiptWhereabouts}). A held one is late, not lost: under a load
 * beyond capacity receipts queue for longer than any fixed grace, and that is a liveness matter
 * ({@link #late()}), while a receipt held nowhere can never be credited.
 */
final class ExactlyOnceChecker extends Checker {
    private record Emitted(Receipt receipt, long finalAt, String sourceBlock) {}

    private record Credit(int shard, long height, long at) {}

    /** A receipt past its grace, uncredited but still held at {@code where}. */
    record Late(Receipt receipt, long finalAt, String sourceBlock, String where) {}

    private final long graceMicros;
    private final ReceiptWhereabouts whereabouts;
    private final List<Late> late = new ArrayList<>();
    /** Receipts of final source blocks, in finality order. */
    private final LinkedHashMap<ReceiptId, Emitted> emitted = new LinkedHashMap<>();
    private final Map<ReceiptId, Credit> credited = new HashMap<>();

    ExactlyOnceChecker(long graceMicros, ReceiptWhereabouts whereabouts) {
        this.graceMicros = graceMicros;
        this.whereabouts = whereabouts;
    }

    @Override
    public void onReceiptApplied(long at, int shard, long height, Receipt r) {
        if (!emitted.containsKey(r.id())) {
            violate(at, shard, height, List.of(r.id().toString()), "receipt credited at shard " + shard + " height "
                    + height + " before its source block (shard " + r.sourceShard() + " height " + r.sourceHeight()
                    + ") was final");
        }
    }

    @Override
    public void onBlockFinal(FinalizedBlock b) {
        for (Receipt r : b.emitted()) {
            emitted.putIfAbsent(r.id(), new Emitted(r, b.finalAtMicros(), b.hash().toHex()));
        }
        for (Receipt r : b.credited()) {
            List<String> ids = List.of(r.id().toString(), b.hash().toHex());
            Emitted e = emitted.get(r.id());
            Credit before = credited.putIfAbsent(r.id(), new Credit(b.shard(), b.height(), b.finalAtMicros()));
            if (before != null) {
                violate(b.finalAtMicros(), b.shard(), b.height(), ids, "receipt credited twice: at shard "
                        + before.shard() + " height " + before.height() + " and again at shard " + b.shard()
                        + " height " + b.height());
            } else if (e == null) {
                violate(b.finalAtMicros(), b.shard(), b.height(), ids, "final block credits a receipt whose source "
                        + "block (shard " + r.sourceShard() + " height " + r.sourceHeight() + ") is not final");
            } else if (!e.receipt().equals(r)) {
                violate(b.finalAtMicros(), b.shard(), b.height(), ids, "credited receipt differs from the one emitted: "
                        + r + " vs " + e.receipt());
            } else if (r.destinationShard() != b.shard()) {
                violate(b.finalAtMicros(), b.shard(), b.height(), ids, "receipt for shard " + r.destinationShard()
                        + " credited in shard " + b.shard());
            }
        }
    }

    @Override
    void finish(long endMicros) {
        for (Map.Entry<ReceiptId, Emitted> en : emitted.entrySet()) {
            Emitted e = en.getValue();
            if (!credited.containsKey(en.getKey()) && e.finalAt() + graceMicros <= endMicros) {
                Receipt r = e.receipt();
                String where = whereabouts.where(r, endMicros);
                if (where != null) {
                    late.add(new Late(r, e.finalAt(), e.sourceBlock(), where));
                    continue;
                }
                violate(endMicros, r.destinationShard(), -1, List.of(r.id().toString(), e.sourceBlock()),
                        "receipt lost: source block (shard " + r.sourceShard() + " height " + r.sourceHeight()
                                + ") final at " + e.finalAt() + " µs, never credited in shard "
                                + r.destinationShard() + " by the end at " + endMicros + " µs, and held nowhere");
            }
        }
    }

    /** After {@link #finish}: receipts past their grace that are still held, in finality order. */
    List<Late> late() {
        return List.copyOf(late);
    }

    int uncredited() {
        int n = 0;
        for (ReceiptId id : emitted.keySet()) {
            if (!credited.containsKey(id)) {
                n++;
            }
        }
        return n;
    }
}

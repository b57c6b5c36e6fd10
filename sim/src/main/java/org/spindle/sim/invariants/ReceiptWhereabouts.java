package org.spindle.sim.invariants;

import java.util.function.IntFunction;
import org.spindle.core.ledger.Receipt;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;

/**
 * Where the sharding protocol still holds an uncredited receipt at the end of a run, so the
 * exactly-once check can tell a receipt that is late from one that is lost.
 */
@FunctionalInterface
public interface ReceiptWhereabouts {
    /** Nothing is held anywhere: every uncredited receipt past its grace counts as lost. */
    ReceiptWhereabouts NOWHERE = (r, now) -> null;

    /** A short description of where {@code receipt} is held at {@code nowMicros}, or null when nowhere. */
    String where(Receipt receipt, long nowMicros);

    /**
     * Held when queued in the destination shard's inbox (it waits for a block there), or when the
     * source shard's relay still has it unacknowledged and relayed it within {@code activeMicros},
     * the source's longest wait between re-relays (in flight, sent to members that dropped it and due
     * again, or credited in a destination block not final yet). A receipt the source stopped relaying
     * for longer is held nowhere: nothing will ever deliver it. Inboxes and relays are looked up by shard index when asked, so a world may
     * pass them before its ledgers exist.
     */
    static ReceiptWhereabouts of(IntFunction<ReceiptInbox> inboxes, IntFunction<ReceiptRelay> relays,
            long activeMicros) {
        return (r, now) -> {
            if (inboxes.apply(r.destinationShard()).isQueued(r.id())) {
                return "queued in shard " + r.destinationShard() + "'s inbox";
            }
            long relayed = relays.apply(r.sourceShard()).lastRelayedAt(r.id());
            if (relayed >= 0 && now - relayed <= activeMicros) {
                return "unacknowledged at source shard " + r.sourceShard() + ", last relayed at " + relayed + " µs";
            }
            return null;
        };
    }
}

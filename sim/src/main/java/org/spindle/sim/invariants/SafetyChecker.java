package org.spindle.sim.invariants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Hash;
import org.spindle.sim.ledger.FinalizedBlock;

/** Safety: no two different blocks are final at the same (shard, height). */
final class SafetyChecker extends Checker {
    private record Slot(int shard, long height) {}

    private final Map<Slot, Hash> finalBlocks = new HashMap<>();

    @Override
    public void onBlockFinal(FinalizedBlock b) {
        Hash previous = finalBlocks.putIfAbsent(new Slot(b.shard(), b.height()), b.hash());
        if (previous != null && !previous.equals(b.hash())) {
            violate(b.finalAtMicros(), b.shard(), b.height(), List.of(previous.toHex(), b.hash().toHex()),
                    "two different blocks final at shard " + b.shard() + " height " + b.height());
        }
    }
}

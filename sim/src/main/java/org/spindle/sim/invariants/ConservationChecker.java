package org.spindle.sim.invariants;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.sim.ledger.FinalizedBlock;

/**
 * Conservation: the balances of every shard's latest final state plus the receipts in flight
 * equal the genesis supply plus everything minted.
 *
 * <p>In flight = values of the distinct receipts emitted by final blocks and not yet credited by
 * a final block. A receipt credited twice is subtracted once, so the money the second credit
 * created shows; one credited before its source block is final is never in flight, so the
 * source's not-yet-final debit shows as money created until that block is final. The cut is consistent
 * whatever the shards' heights: a shard's final state includes exactly the debits of its final
 * blocks' receipts and the credits of its final blocks' incoming ones. The check runs whenever
 * every shard's latest final block came with its balance (shards with no final block yet count
 * their genesis balance).
 */
final class ConservationChecker extends Checker {
    private final BigInteger genesisSupply;
    private final BigInteger[] balance;
    /** Per shard: height of the latest final block, and whether its balance is known. */
    private final long[] latestHeight;
    private final boolean[] balanceCurrent;
    /** Receipts in flight: emitted by a final block, not credited by one; id → value. */
    private final Map<ReceiptId, BigInteger> pending = new HashMap<>();
    private final Set<ReceiptId> credited = new HashSet<>();
    private BigInteger inFlight = BigInteger.ZERO;
    private BigInteger minted = BigInteger.ZERO;
    private long checks;

    ConservationChecker(List<BigInteger> genesisBalanceByShard) {
        int n = genesisBalanceByShard.size();
        balance = genesisBalanceByShard.toArray(BigInteger[]::new);
        genesisSupply = genesisBalanceByShard.stream().reduce(BigInteger.ZERO, BigInteger::add);
        latestHeight = new long[n];
        balanceCurrent = new boolean[n];
        java.util.Arrays.fill(latestHeight, -1);
        java.util.Arrays.fill(balanceCurrent, true);
    }

    @Override
    public void onBlockFinal(FinalizedBlock b) {
        if (b.shard() >= balance.length) {
            violate(b.finalAtMicros(), b.shard(), b.height(), List.of(b.hash().toHex()),
                    "final block of shard " + b.shard() + " in a network of " + balance.length + " shards");
            return;
        }
        for (Receipt r : b.emitted()) {
            if (!credited.contains(r.id()) && pending.putIfAbsent(r.id(), r.value()) == null) {
                inFlight = inFlight.add(r.value());
            }
        }
        for (Receipt r : b.credited()) {
            BigInteger v = pending.remove(r.id());
            if (v != null) {
                inFlight = inFlight.subtract(v);
            }
            credited.add(r.id());
        }
        minted = minted.add(b.minted());
        if (b.height() >= latestHeight[b.shard()]) {
            latestHeight[b.shard()] = b.height();
            balanceCurrent[b.shard()] = b.shardBalance().isPresent();
            b.shardBalance().ifPresent(v -> balance[b.shard()] = v);
        }
        for (boolean c : balanceCurrent) {
            if (!c) {
                return;
            }
        }
        checks++;
        BigInteger total = inFlight;
        for (BigInteger v : balance) {
            total = total.add(v);
        }
        BigInteger expected = genesisSupply.add(minted);
        if (!total.equals(expected)) {
            violate(b.finalAtMicros(), b.shard(), b.height(), List.of(b.hash().toHex()),
                    "final balances plus in-flight receipts " + inFlight + " total " + total + ", expected genesis "
                            + genesisSupply + " + minted " + minted + " = " + expected + " (difference "
                            + total.subtract(expected) + ")");
        }
    }

    /** How many consistent cuts were checked; a run with none did not exercise this invariant. */
    long checks() {
        return checks;
    }
}

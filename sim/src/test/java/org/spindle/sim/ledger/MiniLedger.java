package org.spindle.sim.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.execution.TxOutcome;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.sim.workload.SubmittedTx;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * A stand-in for the sharded ledger without consensus, to run the workload, relay, inbox,
 * invariants and metrics together: every {@code blockMicros} each shard executes a block of its
 * pending transactions and queued receipts; a block becomes final {@code finalityMicros} later;
 * relayed receipts arrive one block interval after their source is final. Fault switches make it
 * misbehave the ways the checkers must catch.
 */
final class MiniLedger {
    /** Switches for deliberately broken behaviour. */
    record Faults(boolean relayBeforeFinality, long dropRelaysToLastShardUntilMicros, boolean reRelay) {
        static final Faults NONE = new Faults(false, 0, true);
    }

    private record Due(long at, int shard, Block block, FinalizedBlock report) {}

    private record InFlight(long at, int shard, RelayReceipts message) {}

    final int shards;
    final List<WorldState> states = new ArrayList<>();
    final List<ReceiptRelay> relays = new ArrayList<>();
    final List<ReceiptInbox> inboxes = new ArrayList<>();
    final List<List<Transaction>> pools = new ArrayList<>();
    final List<Address> feeRecipients = new ArrayList<>();
    final KnownFinalHeaders finalHeaders = new KnownFinalHeaders(100_000);
    final BlockExecutor executor = new BlockExecutor(new TransferExecutor(1));
    final WorkloadSpec.Built workload;
    final LedgerObserver observer;
    final long blockMicros;
    final long finalityMicros;
    final Faults faults;
    final List<BigInteger> genesisByShard = new ArrayList<>();
    private final List<Due> due = new ArrayList<>();
    private final List<InFlight> inFlight = new ArrayList<>();
    private final long[] heights;
    private long now;

    MiniLedger(WorkloadSpec spec, long seed, int shards, long blockMicros, long finalityMicros, Faults faults,
            java.util.function.Function<List<BigInteger>, LedgerObserver> observerFactory) throws Exception {
        this.shards = shards;
        this.blockMicros = blockMicros;
        this.finalityMicros = finalityMicros;
        this.faults = faults;
        this.workload = spec.build(seed, shards);
        heights = new long[shards];
        FinalityVerifier verifier = faults.relayBeforeFinality() ? h -> org.spindle.protocol.crosshard.FinalityCheck.FINAL
                : finalHeaders;
        for (int s = 0; s < shards; s++) {
            Map<Address, BigInteger> g = new HashMap<>();
            final int shard = s;
            workload.genesis().forEach((a, v) -> {
                if (ShardMath.shardOf(a, shards) == shard) {
                    g.put(a, v);
                }
            });
            WorldState st = WorldState.genesis(s, shards, g);
            states.add(st);
            genesisByShard.add(st.totalSupply());
            relays.add(new ReceiptRelay(s, 1_000_000));
            inboxes.add(new ReceiptInbox(s, verifier, 1_000_000, 100_000));
            pools.add(new ArrayList<>());
            feeRecipients.add(g.keySet().stream().sorted().findFirst().orElseThrow());
        }
        this.observer = observerFactory.apply(genesisByShard);
    }

    /** Runs block rounds until {@code endMicros}. */
    void runUntil(long endMicros) {
        while (now + blockMicros <= endMicros) {
            now += blockMicros;
            for (SubmittedTx t : workload.workload().until(now)) {
                observer.onSubmitted(t.atMicros(), t.tx());
                pools.get(ShardMath.shardOf(t.tx().from(), shards)).add(t.tx());
            }
            deliverRelays();
            finalizeDue();
            for (int s = 0; s < shards; s++) {
                produce(s);
            }
        }
    }

    long now() {
        return now;
    }

    private void produce(int s) {
        WorldState st = states.get(s);
        List<IncomingReceipt> incoming = inboxes.get(s).nextBatch(10_000, st);
        List<Transaction> txs = List.copyOf(pools.get(s));
        pools.get(s).clear();
        long height = ++heights[s];
        BlockResult r = executor.execute(st, height, feeRecipients.get(s), txs,
                incoming.stream().map(IncomingReceipt::receipt).toList());
        for (TxOutcome o : r.txOutcomes()) {
            if (o instanceof TxOutcome.Rejected x) {
                observer.onInvalid(now, x.tx().hash(), x.reason().name());
            }
        }
        for (ReceiptOutcome o : r.receiptOutcomes()) {
            if (o instanceof ReceiptOutcome.Credited c) {
                observer.onReceiptApplied(now, s, height, c.receipt());
            }
        }
        java.util.Set<org.spindle.core.ledger.Receipt> ok = new java.util.HashSet<>();
        r.receiptOutcomes().forEach(o -> {
            if (o instanceof ReceiptOutcome.Credited c) {
                ok.add(c.receipt());
            }
        });
        List<IncomingReceipt> credited = incoming.stream().filter(i -> ok.contains(i.receipt())).toList();
        BlockHeader h = new BlockHeader(Hash.ZERO, height, s, now / 1_000_000, r.stateRoot(), r.transactionsRoot(),
                r.outgoingReceiptsRoot(), Block.incomingReceiptsRoot(credited), Bytes.EMPTY, feeRecipients.get(s),
                new TreeMap<>(), Bytes.EMPTY);
        Block block = new Block(h, r.applied(), credited);
        relays.get(s).track(h, r.outgoingReceipts(), now);
        if (faults.relayBeforeFinality()) {
            send(relays.get(s).onFinal(h, now));
        }
        // The balance is summed now, right after execution, when the state is this block's.
        due.add(new Due(now + finalityMicros, s, block, FinalizedBlock.of(block, r, now, now, BigInteger.ZERO, st)));
    }

    private void finalizeDue() {
        List<Due> ready = due.stream().filter(d -> d.at() <= now).toList();
        due.removeAll(ready);
        for (Due d : ready) {
            observer.onBlockFinal(d.report().finalAt(d.at()));
            finalHeaders.markFinal(d.block().header());
            for (IncomingReceipt in : d.block().incomingReceipts()) {
                relays.get(in.receipt().sourceShard()).markCredited(in.receipt().id());
            }
            if (!faults.relayBeforeFinality()) {
                send(relays.get(d.shard()).onFinal(d.block().header(), now));
            }
        }
        if (faults.reRelay()) {
            for (ReceiptRelay r : relays) {
                send(r.reRelay(now, 4 * blockMicros));
            }
        }
    }

    private void send(List<ReceiptRelay.Outbound> out) {
        for (ReceiptRelay.Outbound o : out) {
            if (now < faults.dropRelaysToLastShardUntilMicros() && o.destinationShard() == shards - 1) {
                continue;
            }
            inFlight.add(new InFlight(now + blockMicros, o.destinationShard(), o.message()));
        }
    }

    private void deliverRelays() {
        List<InFlight> ready = inFlight.stream().filter(f -> f.at() <= now).toList();
        inFlight.removeAll(ready);
        for (InFlight f : ready) {
            inboxes.get(f.shard()).offer(f.message(), states.get(f.shard()));
        }
    }
}

package org.spindle.sim.reticulum;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.TxPool;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.sharding.ledger.CrossShardDuties;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.protocol.sharding.reticulum.ControlChain;
import org.spindle.protocol.sharding.reticulum.LedgerProcessBlocks;
import org.spindle.protocol.sharding.reticulum.ReticulumFinality;
import org.spindle.protocol.sharding.reticulum.ReticulumSharding;
import org.spindle.sim.baseline.BaselineWorld;
import org.spindle.sim.baseline.ClientFeed;
import org.spindle.sim.baseline.ObserverBridge;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.invariants.LedgerInvariants;
import org.spindle.sim.invariants.ReceiptWhereabouts;
import org.spindle.sim.ledger.LedgerObservers;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.LedgerMetrics;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * The ledger behind Reticulum's process shards in a run, built as the baseline's is: the
 * workload's genesis balances split by account shard over the process shards, one
 * {@link ShardLedger} per process shard shared by its members, the clients, and the same ledger
 * metrics and invariant checkers (safety, conservation, exactly-once, liveness), which see a
 * process block when the control block covering it is accepted, the moment it is final. Its
 * receipts are relayed only then, and a destination checks the relayed header against the
 * accepted control blocks ({@link ReticulumFinality}).
 */
final class ReticulumLedgers {
    private final List<ShardLedger> ledgers = new ArrayList<>();
    private final ClientFeed clients;
    private final LedgerMetrics metrics;
    private final LedgerInvariants invariants;
    private final LedgerProcessBlocks blocks;
    private final ObserverBridge bridge;
    private final ShardValidator.Settings settings = new ShardValidator.Settings(3, 1_000_000, 8_000_000, 50);

    ReticulumLedgers(ReticulumConfig config, Membership membership, long seed) throws Exception {
        int shards = membership.shardCount();
        WorkloadSpec.Built built = config.workload().build(seed, shards);
        TreeMap<org.spindle.core.bytes.Address, BigInteger> accounts = new TreeMap<>(built.genesis());
        List<BigInteger> genesisByShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            genesisByShard.add(WorldState.genesisOfShard(s, shards, accounts).totalSupply());
        }
        metrics = new LedgerMetrics(new MetricsRecorder(() -> 0L));
        long bound = config.durationMicros() / 3;
        invariants = new LedgerInvariants(genesisByShard, bound, bound,
                ReceiptWhereabouts.of(s -> ledgers.get(s).inbox(), s -> ledgers.get(s).relay(),
                settings.reRelayDueMicros()));
        LedgerObservers observers = new LedgerObservers(List.of(invariants, metrics));
        bridge = new ObserverBridge(observers);
        clients = new ClientFeed(built.workload(), config.clientLatencyMicros(), shards);
        ReticulumSharding protocol = new ReticulumSharding(config.params());
        List<TxPool> pools = new ArrayList<>();
        ShardLedger.Limits limits = new ShardLedger.Limits(config.txPerBlock(), config.txPerBlock(),
                config.txBytes());
        for (int s = 0; s < shards; s++) {
            KnownFinalHeaders known = new KnownFinalHeaders(100_000);
            TxPool pool = new TxPool(200_000);
            pools.add(pool);
            ledgers.add(new ShardLedger(s, protocol, membership, WorldState.genesisOfShard(s, shards, accounts),
                    new BlockExecutor(new TransferExecutor(config.workload().chainId())), pool,
                    new ReceiptInbox(s, known, 1_000_000, 100_000), new ReceiptRelay(s, 10_000_000), known,
                    BaselineWorld.feeRecipient(s, shards), limits, clients, bridge));
        }
        clients.attach(pools, observers);
        blocks = new LedgerProcessBlocks(ledgers, ReticulumLedgers::proposerKey, new ControlChain(1 << 16));
    }

    /** A member's cross-shard duties over its process shard's ledger, with control-block finality. */
    CrossShardDuties duties(NodeContext ctx, int shard) {
        return new CrossShardDuties(ctx, ledgers.get(shard), settings, bridge, new ReticulumFinality(blocks.chain()));
    }

    static Bytes proposerKey(NodeId id) {
        return Hashing.keccak256(("spindle/sim/validator/" + id.index()).getBytes(StandardCharsets.US_ASCII)).bytes();
    }

    LedgerProcessBlocks blocks() {
        return blocks;
    }

    List<ShardLedger> ledgers() {
        return ledgers;
    }

    LedgerMetrics metrics() {
        return metrics;
    }

    InvariantReport report(long endMicros) {
        return invariants.report(endMicros);
    }

    double offeredTps() {
        return clients.offeredTps();
    }
}

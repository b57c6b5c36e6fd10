package org.spindle.sim.baseline;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.beacon.Genesis;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.MembershipConfig;
import org.spindle.protocol.beacon.ProtocolParameters;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.sharding.baseline.BaselineSharding;
import org.spindle.protocol.sharding.ledger.CommitteeFinality;
import org.spindle.protocol.sharding.ledger.EpochSchedule;
import org.spindle.protocol.sharding.ledger.EpochValidator;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.protocol.sharding.ledger.TxPool;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.BftAdversaries;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.invariants.LedgerInvariants;
import org.spindle.sim.invariants.ReceiptWhereabouts;
import org.spindle.sim.ledger.LedgerObserver;
import org.spindle.sim.ledger.LedgerObservers;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.LedgerMetrics;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * One simulated baseline network, built from a {@link BaselineConfig}: the genesis (validators and
 * the workload's balances), the beacon's epoch-0 randomness and shard assignment, one
 * {@link ShardLedger} per shard shared by its honest members, the clients, and the checkers and
 * metrics listening to it all. {@link #factory()} makes each node's {@link ShardValidator}.
 */
public final class BaselineWorld {
    private final BaselineConfig config;
    private final Genesis genesis;
    private final Membership membership;
    private final List<BftConfig> bft = new ArrayList<>();
    private final List<ShardLedger> ledgers = new ArrayList<>();
    private final List<BigInteger> genesisByShard = new ArrayList<>();
    private final ClientFeed clients;
    private final Bytes[] keys;
    private final Assignment[] behaviours;
    private final LedgerMetrics metrics;
    private final LedgerInvariants invariants;
    private final LedgerObserver observers;
    private final ObserverBridge bridge;
    /** The beacon's epochs, or null when the run has one epoch. */
    private final BaselineEpochs epochs;

    public BaselineWorld(BaselineConfig config, long seed) throws Exception {
        this.config = config;
        int n = config.nodes();
        WorkloadSpec.Built built = config.workload().build(seed, config.shards());
        List<Validator> validators = new ArrayList<>(n);
        keys = new Bytes[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Hashing.keccak256(("spindle/sim/validator/" + i).getBytes(StandardCharsets.US_ASCII)).bytes();
            validators.add(new Validator(NodeId.of(i), keys[i], 1, ValidatorStatus.ACTIVE));
        }
        genesis = new Genesis(config.workload().chainId(), validators, new TreeMap<>(built.genesis()),
                new ProtocolParameters(new MembershipConfig.Baseline(new ShardCount.Fixed(config.shards())),
                        config.reconfiguration().enabled() ? config.reconfiguration().epochMicros()
                                : Math.max(1, config.durationMicros()),
                        config.reconfiguration().fraction(), Math.min(n, 16)));
        membership = genesis.initialMembership();
        behaviours = new Assignment[n];
        Arrays.fill(behaviours, Assignment.HONEST);
        SplittableRandom placement = new SplittableRandom(seed ^ 0xba5e11e5L);
        for (BaselineConfig.Adversaries a : config.adversaries()) {
            a.nodes().forEach(i -> behaviours[i] = a.assignment());
            for (List<NodeId> members : membership.shards()) {
                members.stream().limit(a.perShard()).forEach(m -> behaviours[m.index()] = a.assignment());
            }
            placeAtRandom(placement, (int) Math.floor(a.fraction() * n), a.assignment());
        }
        BaselineSharding protocol = new BaselineSharding(new ShardCount.Fixed(config.shards()));
        clients = new ClientFeed(built.workload(), config.clientLatencyMicros(), config.shards());
        List<TxPool> pools = new ArrayList<>();
        for (int s = 0; s < config.shards(); s++) {
            genesisByShard.add(WorldState.genesisOfShard(s, config.shards(), genesis.accounts()).totalSupply());
        }
        // Ledger metrics keep their own recorder; the run's engine counters are added in the summary.
        metrics = new LedgerMetrics(new MetricsRecorder(() -> 0L));
        invariants = new LedgerInvariants(genesisByShard, config.receiptGraceMicros(), config.livenessBoundMicros(),
                ReceiptWhereabouts.of(s -> ledgers.get(s).inbox(), s -> ledgers.get(s).relay(),
                        config.settings().reRelayDueMicros()));
        observers = new LedgerObservers(List.of(invariants, metrics));
        bridge = new ObserverBridge(observers);
        for (int s = 0; s < config.shards(); s++) {
            BftConfig std = BftConfig.standard(membership.members(s), config.baseTimeoutMicros());
            bft.add(new BftConfig(std.members(), std.quorum(), config.baseTimeoutMicros(), config.maxDoublings(),
                    std.viewWindow(), std.futureHeights(), std.futureBuffer(), std.maxBlockBytes()));
            WorldState state = WorldState.genesisOfShard(s, config.shards(), genesis.accounts());
            KnownFinalHeaders known = new KnownFinalHeaders(100_000);
            TxPool pool = new TxPool(config.poolCapacity());
            pools.add(pool);
            ledgers.add(new ShardLedger(s, protocol, membership, state,
                    new BlockExecutor(new TransferExecutor(genesis.chainId())), pool,
                    new ReceiptInbox(s, known, 1_000_000, 100_000), new ReceiptRelay(s, 10_000_000), known,
                    feeRecipient(s, config.shards()), config.limits(), clients, bridge));
        }
        clients.attach(pools, observers);
        epochs = config.reconfiguration().enabled()
                ? new BaselineEpochs(genesis, ledgers, behaviours, config.reconfiguration().epochMicros()) : null;
    }

    /** A deterministic fee account living in {@code shard}. */
    public static Address feeRecipient(int shard, int shards) {
        for (int i = 0; ; i++) {
            byte[] h = Hashing.keccak256(("spindle/sim/fees/" + shard + "/" + i).getBytes(StandardCharsets.US_ASCII))
                    .bytes().unsafeArray();
            Address a = Address.wrap(Arrays.copyOf(h, Address.SIZE));
            if (ShardMath.shardOf(a, shards) == shard) {
                return a;
            }
        }
    }

    /** {@code count} nodes still honest, picked at random (a seeded shuffle), take {@code assignment}. */
    private void placeAtRandom(SplittableRandom random, int count, Assignment assignment) {
        List<Integer> honest = new ArrayList<>();
        for (int i = 0; i < behaviours.length; i++) {
            if (behaviours[i].behaviour().honest()) {
                honest.add(i);
            }
        }
        for (int i = 0; i < Math.min(count, honest.size()); i++) {
            int j = i + random.nextInt(honest.size() - i);
            int picked = honest.get(j);
            honest.set(j, honest.get(i));
            behaviours[picked] = assignment;
        }
    }

    public ProtocolFactory factory() {
        return this::create;
    }

    private Protocol create(NodeContext ctx) {
        if (epochs != null) {
            return createReconfiguring(ctx);
        }
        NodeId id = ctx.self();
        int shard = membership.shardOf(id).orElseThrow();
        Assignment a = behaviours[id.index()];
        BftConfig cfg = bft.get(shard);
        return new ShardValidator(ctx, ledgers.get(shard), keys[id.index()], config.settings(), bridge,
                a.behaviour().honest(), (c, rules, l) -> BftAdversaries.create(a, c, cfg, rules, l));
    }

    private Protocol createReconfiguring(NodeContext ctx) {
        NodeId id = ctx.self();
        Assignment a = behaviours[id.index()];
        BaselineSharding protocol = (BaselineSharding) ledgers.get(0).protocol();
        CommitteeFinality finality = new CommitteeFinality(protocol,
                epoch -> epochs.known(epoch).map(EpochSchedule.Epoch::membership), ctx.crypto(), 4096);
        return new EpochValidator(ctx, epochs, keys[id.index()], config.settings(),
                new EpochValidator.Settings(config.reconfiguration().syncRetryMicros()), bridge,
                a.behaviour().honest(), (c, cfg, rules, l) -> BftAdversaries.create(a, c, cfg, rules, l),
                this::bftConfig, finality);
    }

    private BftConfig bftConfig(List<NodeId> members) {
        BftConfig std = BftConfig.standard(members, config.baseTimeoutMicros());
        return new BftConfig(std.members(), std.quorum(), config.baseTimeoutMicros(), config.maxDoublings(),
                std.viewWindow(), std.futureHeights(), std.futureBuffer(), std.maxBlockBytes());
    }

    /** The beacon's epochs when the run reconfigures ({@code epochMs}). */
    public Optional<BaselineEpochs> epochs() {
        return Optional.ofNullable(epochs);
    }

    public Genesis genesis() {
        return genesis;
    }

    public Membership membership() {
        return membership;
    }

    public List<ShardLedger> ledgers() {
        return ledgers;
    }

    public LedgerMetrics metrics() {
        return metrics;
    }

    public InvariantReport report(long endMicros) {
        return invariants.report(endMicros);
    }

    public LedgerInvariants invariants() {
        return invariants;
    }

    public double offeredTps() {
        return clients.offeredTps();
    }

    /**
     * Breaks the relay on purpose, for tests of the checkers: every proposed block's receipts are
     * released at once, before the block is final, and the destination shards take its header as
     * final. The exactly-once checker must catch the early credits.
     */
    public void breakRelayBeforeFinality() {
        for (ShardLedger source : ledgers) {
            source.tapProposals((header, outgoing, now) -> {
                if (!(source.relay().track(header, outgoing, now) instanceof ReceiptRelay.Track.Tracked)) {
                    return;
                }
                for (ReceiptRelay.Outbound o : source.relay().onFinal(header, now)) {
                    ShardLedger dest = ledgers.get(o.destinationShard());
                    dest.finalHeaders().markFinal(header);
                    dest.inbox().offer(o.message(), dest.state());
                }
            });
        }
    }

    /**
     * Breaks the inbox on purpose, for tests of the checkers: it forgets that it credited a
     * receipt, so the next block of the destination shard pays every receipt of the block before it
     * again (outside execution, which would refuse a consumed receipt). The exactly-once checker
     * must report the second credit.
     */
    public void breakInboxCreditingTwice() {
        Map<Integer, List<Receipt>> last = new HashMap<>();
        bridge.tapCredits(a -> {
            List<Receipt> again = last.getOrDefault(a.shard(), List.of());
            WorldState state = ledgers.get(a.shard()).state();
            again.forEach(r -> state.credit(r.to(), r.value()));
            last.put(a.shard(), a.result().receiptOutcomes().stream()
                    .filter(o -> o instanceof ReceiptOutcome.Credited)
                    .map(ReceiptOutcome::receipt).toList());
            return again;
        });
    }

    /** Each node's behaviour, by index. */
    public List<Assignment> behaviours() {
        return List.of(behaviours);
    }

    public BaselineConfig config() {
        return config;
    }
}

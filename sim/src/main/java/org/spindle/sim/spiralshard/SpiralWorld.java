package org.spindle.sim.spiralshard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.TransferExecutor;
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
import org.spindle.protocol.sharding.ledger.TxPool;
import org.spindle.protocol.sharding.spiralshard.SpiralLedger;
import org.spindle.protocol.sharding.spiralshard.SpiralShardSharding;
import org.spindle.protocol.sharding.spiralshard.SpiralValidator;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.adversary.BftAdversaries;
import org.spindle.sim.baseline.BaselineWorld;
import org.spindle.sim.baseline.ClientFeed;
import org.spindle.sim.baseline.ObserverBridge;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.invariants.LedgerInvariants;
import org.spindle.sim.invariants.ReceiptWhereabouts;
import org.spindle.sim.ledger.LedgerObserver;
import org.spindle.sim.ledger.LedgerObservers;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.LedgerMetrics;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * One simulated SpiralShard network, built from a {@link SpiralConfig}: the genesis, the beacon's
 * epoch-0 assignment into shards and endorsement groups, the malicious nodes (random fractions and
 * forced per-shard counts), one {@link SpiralLedger} per shard shared by its honest members, the
 * clients, and the checkers and metrics listening to it all. Malicious members run their
 * adversarial consensus (forking whenever they lead) with forking endorsement choices, and no LCE
 * duties (they forward nothing).
 */
public final class SpiralWorld {
    public static final String SERIES_FILE = "lce-finalized.csv";

    private final SpiralConfig config;
    private final Membership membership;
    private final List<BftConfig> bft = new ArrayList<>();
    private final List<SpiralLedger> ledgers = new ArrayList<>();
    private final ClientFeed clients;
    private final Bytes[] keys;
    private final Assignment[] behaviours;
    private final LedgerMetrics metrics;
    private final LedgerInvariants invariants;
    private final LceMetrics lce;
    private final ObserverBridge bridge;

    public SpiralWorld(SpiralConfig config, long seed) throws Exception {
        this.config = config;
        int n = config.nodes();
        int shards = config.shards();
        WorkloadSpec.Built built = config.workload().build(seed, shards);
        List<Validator> validators = new ArrayList<>(n);
        keys = new Bytes[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Hashing.keccak256(("spindle/sim/validator/" + i).getBytes(StandardCharsets.US_ASCII)).bytes();
            validators.add(new Validator(NodeId.of(i), keys[i], 1, ValidatorStatus.ACTIVE));
        }
        Genesis genesis = new Genesis(config.workload().chainId(), validators, new TreeMap<>(built.genesis()),
                new ProtocolParameters(new MembershipConfig.SpiralShard(new ShardCount.Fixed(shards),
                        config.groupSize()), Math.max(1, config.durationMicros()), 0.0, Math.min(n, 16)));
        membership = genesis.initialMembership();
        behaviours = new Assignment[n];
        Arrays.fill(behaviours, Assignment.HONEST);
        place(seed);
        SpiralShardSharding protocol = new SpiralShardSharding(shards, config.groupSize());
        clients = new ClientFeed(built.workload(), config.clientLatencyMicros(), shards);
        List<BigInteger> genesisByShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            genesisByShard.add(WorldState.genesisOfShard(s, shards, genesis.accounts()).totalSupply());
        }
        metrics = new LedgerMetrics(new MetricsRecorder(() -> 0L));
        invariants = new LedgerInvariants(genesisByShard, config.receiptGraceMicros(), config.livenessBoundMicros(),
                ReceiptWhereabouts.of(s -> ledgers.get(s).inbox(), s -> ledgers.get(s).relay(),
                        config.settings().reRelayDueMicros()));
        LedgerObserver observers = new LedgerObservers(List.of(invariants, metrics));
        bridge = new ObserverBridge(observers);
        lce = new LceMetrics(protocol.groups(), invariants, config.seriesBucketMicros());
        List<TxPool> pools = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            BftConfig std = BftConfig.standard(membership.members(s), config.baseTimeoutMicros());
            bft.add(new BftConfig(std.members(), std.quorum(), config.baseTimeoutMicros(), config.maxDoublings(),
                    std.viewWindow(), std.futureHeights(), std.futureBuffer(), std.maxBlockBytes()));
            KnownFinalHeaders known = new KnownFinalHeaders(100_000);
            TxPool pool = new TxPool(config.poolCapacity());
            pools.add(pool);
            ledgers.add(new SpiralLedger(s, protocol, membership,
                    WorldState.genesisOfShard(s, shards, genesis.accounts()),
                    new BlockExecutor(new TransferExecutor(genesis.chainId())), pool,
                    new ReceiptInbox(s, known, 1_000_000, 100_000), new ReceiptRelay(s, 10_000_000), known,
                    BaselineWorld.feeRecipient(s, shards), config.limits(), clients, bridge, lce,
                    config.headerMemory()));
        }
        clients.attach(pools, observers);
    }

    /** Byzantine and alive-but-corrupt nodes: forced counts per shard first, then the fractions at random. */
    private void place(long seed) {
        Assignment byz = Assignment.of(config.byzantine());
        Assignment abc = Assignment.of(Behaviour.ALIVE_BUT_CORRUPT);
        for (SpiralConfig.CorruptShard c : config.corruptShards()) {
            List<NodeId> members = membership.members(c.shard());
            for (int i = 0; i < c.byzantine() + c.aliveButCorrupt(); i++) {
                behaviours[members.get(i).index()] = i < c.byzantine() ? byz : abc;
            }
        }
        int n = config.nodes();
        int wantB = (int) Math.floor(config.byzantineFraction() * n);
        int wantA = (int) Math.floor(config.aliveButCorruptFraction() * n);
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (behaviours[i].behaviour().honest()) {
                free.add(i);
            }
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5911a15ba7L);
        for (int i = free.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = free.get(i);
            free.set(i, free.get(j));
            free.set(j, t);
        }
        for (int i = 0; i < Math.min(free.size(), wantB + wantA); i++) {
            behaviours[free.get(i)] = i < wantB ? byz : abc;
        }
    }

    public ProtocolFactory factory() {
        return this::create;
    }

    private final java.util.Map<Integer, SpiralValidator> validators = new java.util.TreeMap<>();

    /** The validator object each node runs now (the latest, after restarts), by node index: for tests. */
    public java.util.Map<Integer, SpiralValidator> validators() {
        return validators;
    }

    private Protocol create(NodeContext ctx) {
        SpiralConfig.Silence silence = config.silence();
        boolean silenced = silence.shard() >= 0 && membership.shardOf(ctx.self()).orElse(-1) == silence.shard();
        Set<NodeId> inside = silenced ? Set.copyOf(membership.members(silence.shard())) : Set.of();
        NodeContext c = silenced ? new Silenced(ctx, inside, silence) : ctx;
        SpiralValidator v = build(c);
        validators.put(ctx.self().index(), v);
        if (!silenced) {
            return v;
        }
        return new Protocol() {
            @Override
            public void onStart() {
                v.onStart();
            }

            @Override
            public void onMessage(NodeId from, org.spindle.protocol.runtime.Message m) {
                if (inside.contains(from) || !silence.covers(ctx.now())) {
                    v.onMessage(from, m);
                }
            }

            @Override
            public void onTimer(Object event) {
                v.onTimer(event);
            }
        };
    }

    /** The silent shard's view of the network: nothing leaves the shard while the silence lasts. */
    private static final class Silenced extends org.spindle.sim.adversary.ForwardingContext {
        private final Set<NodeId> inside;
        private final SpiralConfig.Silence silence;

        Silenced(NodeContext real, Set<NodeId> inside, SpiralConfig.Silence silence) {
            super(real);
            this.inside = inside;
            this.silence = silence;
        }

        @Override
        public void send(NodeId to, org.spindle.protocol.runtime.Message m) {
            if (inside.contains(to) || !silence.covers(real.now())) {
                real.send(to, m);
            }
        }

        @Override
        public void multicast(java.util.Collection<NodeId> to, org.spindle.protocol.runtime.Message m) {
            if (!silence.covers(real.now())) {
                real.multicast(to, m);
                return;
            }
            List<NodeId> in = to.stream().filter(inside::contains).toList();
            if (!in.isEmpty()) {
                real.multicast(in, m);
            }
        }
    }

    private SpiralValidator build(NodeContext ctx) {
        NodeId id = ctx.self();
        int shard = membership.shardOf(id).orElseThrow();
        Assignment a = behaviours[id.index()];
        BftConfig cfg = bft.get(shard);
        boolean honest = a.behaviour().honest();
        if (honest) {
            return new SpiralValidator(ctx, ledgers.get(shard), keys[id.index()], config.settings(), bridge, true,
                    false, (c, rules, l) -> BftAdversaries.create(a, c, cfg, rules, l));
        }
        Set<NodeId> colluders = new HashSet<>();
        for (NodeId m : membership.members(shard)) {
            if (!behaviours[m.index()].behaviour().honest()) {
                colluders.add(m);
            }
        }
        boolean byz = a.behaviour().byzantine();
        return new SpiralValidator(ctx, ledgers.get(shard), keys[id.index()], config.settings(), bridge, false, true,
                (c, rules, l) -> new ColludingForker(c, cfg, rules, colluders, byz));
    }


    public Membership membership() {
        return membership;
    }

    public List<SpiralLedger> ledgers() {
        return ledgers;
    }

    public LedgerMetrics metrics() {
        return metrics;
    }

    LceMetrics lce() {
        return lce;
    }

    public long finalizedBlocks() {
        return lce.finalizedBlocks();
    }

    public long discardedBlocks() {
        return lce.discardedBlocks();
    }

    public InvariantReport report(long endMicros) {
        return invariants.report(endMicros);
    }

    public double offeredTps() {
        return clients.offeredTps();
    }

    public SpiralConfig config() {
        return config;
    }

    public List<Assignment> behaviours() {
        return List.of(behaviours);
    }

    public long byzantineCount() {
        return Arrays.stream(behaviours).filter(a -> a.behaviour().byzantine()).count();
    }

    public long aliveButCorruptCount() {
        return Arrays.stream(behaviours).filter(a -> a.behaviour() == Behaviour.ALIVE_BUT_CORRUPT).count();
    }

    /** Per shard, its Byzantine and alive-but-corrupt member counts, as "byzantine+aliveButCorrupt". */
    public List<String> maliciousPerShard() {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < membership.shardCount(); s++) {
            List<NodeId> m = membership.members(s);
            long byz = m.stream().filter(x -> behaviours[x.index()].behaviour().byzantine()).count();
            long abc = m.stream().filter(x -> behaviours[x.index()].behaviour() == Behaviour.ALIVE_BUT_CORRUPT).count();
            out.add(byz + "+" + abc);
        }
        return out;
    }

    /** Shards with at least a third of malicious members (corrupted in the paper's terms). */
    public List<Integer> corruptedShards() {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < membership.shardCount(); s++) {
            List<NodeId> m = membership.members(s);
            long bad = m.stream().filter(x -> !behaviours[x.index()].behaviour().honest()).count();
            if (3 * bad >= m.size()) {
                out.add(s);
            }
        }
        return out;
    }
}

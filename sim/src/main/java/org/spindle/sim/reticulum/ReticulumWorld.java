package org.spindle.sim.reticulum;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.RegistrySnapshot;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorRegistry;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.sharding.reticulum.ControlEntry;
import org.spindle.protocol.sharding.reticulum.ControlShard;
import org.spindle.protocol.sharding.reticulum.NodeConduct;
import org.spindle.protocol.sharding.reticulum.ProcessBlocks;
import org.spindle.protocol.sharding.reticulum.ReticulumListener;
import org.spindle.protocol.sharding.reticulum.ReticulumNode;
import org.spindle.protocol.sharding.reticulum.ReticulumSharding;

/**
 * One Reticulum network for a run: the membership from the genesis randomness (Algorithm 1), the
 * beacon registry, the adversaries and their attack, and what the control shards decided, per
 * control shard and epoch (the first member's report; every other honest member's block hash is
 * compared with it, and a difference is counted as a disagreement).
 */
public final class ReticulumWorld {
    /** One control shard's accepted epoch. */
    /**
     * One control shard's accepted epoch. {@code storedBytes} is Eq. (8)'s network-wide storage for the
     * epoch's blocks without the state term: a block that passed is kept by its process shard's voters,
     * a failed one (forwarded to the control shard) by every control member.
     */
    public record EpochRecord(int controlShard, long epoch, long startMicros, long endMicros, int passed,
            int failedAccepted, int rejected, int voters, int silent, int expelled, long storedBytes, Hash block) {}

    private final ReticulumConfig config;
    private final Membership membership;
    private final ValidatorRegistry registry;
    private final List<NodeId> adversaries;
    private final Map<NodeId, NodeConduct> conduct;
    private final TreeMap<String, EpochRecord> epochs = new TreeMap<>();
    private long disagreements;
    private long reProposals;

    private final ReticulumLedgers ledgers;

    public ReticulumWorld(ReticulumConfig config, long seed) throws Exception {
        this.config = config;
        List<NodeId> ids = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            ids.add(NodeId.of(i));
            // Registry keys only identify validators here; signatures are the simulator's modelled ones.
            Bytes key = Hashing.sha256(new Encoder(8).varint(i).toBytes()).bytes();
            validators.add(new Validator(NodeId.of(i), key, config.stake(), ValidatorStatus.ACTIVE));
        }
        this.registry = new ValidatorRegistry(RegistrySnapshot.genesis(validators));
        Hash randomness = Hashing.sha256(new Encoder(16).u8(0x47).i64(seed).toBytes());
        this.membership = new ReticulumSharding(config.params()).membership().assign(randomness, ids, 0);
        List<NodeId> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(seed ^ 0x5EEDL).nextLong()));
        int count = (int) Math.floor(config.adversaryRatio() * config.nodes());
        this.adversaries = List.copyOf(new TreeSet<>(shuffled.subList(0, count)));
        this.conduct = new HashMap<>(config.attack().policies(membership, adversaries, config.params().tau(), seed));
        this.ledgers = config.workload() == null ? null : new ReticulumLedgers(config, membership, seed);
    }

    /** The ledger behind the process shards, when the scenario has a workload. */
    java.util.Optional<ReticulumLedgers> ledgers() {
        return java.util.Optional.ofNullable(ledgers);
    }

    public ProtocolFactory factory() {
        ProcessBlocks blocks = ledgers != null ? ledgers.blocks()
                : new ProcessBlocks.Synthetic(config.txPerBlock(), config.txPerBlock() * config.txBytes());
        ReticulumNode.Timing timing = config.timing();
        ReticulumListener listener = new ReticulumListener() {
            @Override
            public void epochAccepted(NodeId node, int cs, ControlShard.Accepted a, long start, long end) {
                record(cs, a, start, end);
            }

            @Override
            public void controlRejected(NodeId node, int cs, long epoch, int attempt, long now) {
                reProposals++;
            }
        };
        return ctx -> {
            ReticulumNode node = new ReticulumNode(ctx, config.params(), timing, membership, blocks, registry,
                    conduct.getOrDefault(ctx.self(), NodeConduct.HONEST), listener,
                    s -> Hashing.sha256(new Encoder(8).u8(0x53).varint(s).toBytes()));
            if (ledgers != null) {
                node.withCrossShard(ledgers.duties(ctx, membership.shardOf(ctx.self()).orElseThrow()));
            }
            return node;
        };
    }

    private void record(int cs, ControlShard.Accepted a, long start, long end) {
        String key = String.format(Locale.ROOT, "%06d/%04d", a.block().epoch(), cs);
        EpochRecord known = epochs.get(key);
        if (known != null) {
            if (!known.block().equals(a.block().hash())) {
                disagreements++;
            }
            return;
        }
        int passed = 0;
        int failedAccepted = 0;
        int rejected = 0;
        int voters = 0;
        int silent = 0;
        long blockBytes = (long) config.txPerBlock() * config.txBytes();
        int controlMembers = 0;
        for (ControlEntry e : a.block().entries()) {
            controlMembers += switch (e) {
                case ControlEntry.Passed p -> p.signatures().size();
                case ControlEntry.Failed f -> f.ballots().size() + f.silent().size();
            };
        }
        long stored = 0;
        for (ControlEntry e : a.block().entries()) {
            switch (e) {
                case ControlEntry.Passed p -> {
                    passed++;
                    voters += p.signatures().size();
                    stored += blockBytes * p.signatures().size();
                }
                case ControlEntry.Failed f -> {
                    if (f.accepted()) {
                        failedAccepted++;
                    } else {
                        rejected++;
                    }
                    voters += f.ballots().size() + f.silent().size();
                    silent += f.silent().size();
                    if (!f.block().isZero()) {
                        stored += blockBytes * controlMembers;
                    }
                }
            }
        }
        epochs.put(key, new EpochRecord(cs, a.block().epoch(), start, end, passed, failedAccepted, rejected, voters,
                silent, a.block().expelled().size(), stored, a.block().hash()));
    }

    public Membership membership() {
        return membership;
    }

    public ValidatorRegistry registry() {
        return registry;
    }

    public List<NodeId> adversaries() {
        return adversaries;
    }

    public ReticulumConfig config() {
        return config;
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs.values());
    }

    /** Honest members whose accepted control block differed from the first one reported. */
    public long disagreements() {
        return disagreements;
    }

    public long reProposals() {
        return reProposals;
    }

    /** Expelled validators that are not adversaries: must stay empty. */
    public List<NodeId> honestExpelled() {
        return registry.pending().penalties().stream().map(p -> p.validator())
                .filter(v -> !adversaries.contains(v)).distinct().toList();
    }

    public static final String CSV_NAME = "reticulum-epochs.csv";

    /**
     * Per epoch, over all control shards: process blocks passed in phase 1, failed but accepted,
     * rejected; the silent-node ratio (missing votes / votes due); expulsions; the mean epoch length;
     * throughput as the paper computes it (each control shard's logged transactions over its epoch
     * time, summed over control shards); and network-wide storage per logged transaction in KB.
     */
    public void writeCsv(Writer w) throws IOException {
        w.write("epoch,controlShards,passed,failedAccepted,rejected,silentRatio,expelled,meanEpochSeconds,txPerSecond,"
                + "storageKbPerTx\n");
        TreeMap<Long, List<EpochRecord>> byEpoch = new TreeMap<>();
        for (EpochRecord r : epochs.values()) {
            byEpoch.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Long, List<EpochRecord>> e : byEpoch.entrySet()) {
            int passed = 0;
            int failed = 0;
            int rejected = 0;
            int voters = 0;
            int silent = 0;
            int expelled = 0;
            double seconds = 0;
            double tps = 0;
            long stored = 0;
            for (EpochRecord r : e.getValue()) {
                stored += r.storedBytes();
                passed += r.passed();
                failed += r.failedAccepted();
                rejected += r.rejected();
                voters += r.voters();
                silent += r.silent();
                expelled += r.expelled();
                double s = (r.endMicros() - r.startMicros()) / 1e6;
                seconds += s;
                tps += (double) (r.passed() + r.failedAccepted()) * config.txPerBlock() / s;
            }
            int n = e.getValue().size();
            long logged = (long) (passed + failed) * config.txPerBlock();
            w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%.4f,%d,%.3f,%.2f,%.3f%n", e.getKey(), n, passed, failed,
                    rejected, voters == 0 ? 0.0 : (double) silent / voters, expelled, seconds / n, tps,
                    logged == 0 ? 0.0 : stored / 1024.0 / logged));
        }
    }
}

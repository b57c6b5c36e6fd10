package org.spindle.sim.spiralshard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.sharding.spiralshard.SpiralLedger;
import org.spindle.protocol.sharding.spiralshard.SpiralPayloads;
import org.spindle.protocol.sizing.SpiralShardSizing;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.EpochCsv;
import org.spindle.sim.report.LedgerSummary;
import org.spindle.sim.scenario.ProtocolSetup;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.LedgerKeys;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * {@code protocol: {name: spiralshard, ...}}: SpiralShard with Linked Cross-shard Endorsement over
 * the sharded ledger (see {@code scenarios/README.md} for every key). Shards of {@code shardSize}
 * in endorsement groups of {@code groupSize} (by default the configuration
 * {@link SpiralShardSizing#search} picks for f = 1/4, f_B = 1/8 and 2^-17), BFT per shard over
 * ledger blocks, malicious nodes as fractions or forced per shard. The summary holds the baseline's
 * ledger metrics and invariants plus LCE's (prepared, discarded, endorsement lag); {@code --out}
 * also writes {@value EpochCsv#FILE_NAME} and {@value SpiralWorld#SERIES_FILE}.
 */
public final class SpiralShardSetup implements ProtocolSetup {
    record CorruptSection(Integer shard, Integer byzantine, Integer aliveButCorrupt) {}

    record SilenceSection(Integer shard, Double atMs, Double forMs) {}

    record Params(Integer shardSize, Integer groupSize, Integer txPerBlock, Integer txBytes, Integer receiptsPerBlock,
            Double baseTimeoutMs, Integer maxDoublings, Integer poolCapacity, Double clientLatencyMs,
            Long itemCpuMicros, Integer relayFanout, Double tickMs, Double reRelayMs, Double livenessBoundMs,
            Double receiptGraceMs, Double byzantineFraction, Double aliveButCorruptFraction, String byzantineBehaviour,
            List<CorruptSection> corruptShards, Integer headerMemory, Double seriesBucketMs, SilenceSection silentShard, JsonNode workload) implements LedgerKeys.Raw {}

    @Override
    public String name() {
        return "spiralshard";
    }

    /** Reads and checks the section; every bad value names its key and the file. */
    public static SpiralConfig config(JsonNode params, Scenario s) throws ScenarioException {
        Params p;
        try {
            p = ScenarioLoader.mapper().treeToValue(params, Params.class);
        } catch (JacksonException e) {
            throw ScenarioLoader.bind(s.source(), "protocol", e);
        }
        ScenarioLoader.Check c = new ScenarioLoader.Check(s.source());
        int n = s.nodes();
        int shardSize;
        int groupSize;
        if (p.shardSize() == null && p.groupSize() == null) {
            var found = SpiralShardSizing.search(new SpiralShardSizing.Network(n, 0.25, 0.125),
                    SpiralShardSizing.NEGLIGIBLE_BOUND, 16);
            if (found.isEmpty()) {
                throw c.fail("protocol.shardSize", "no configuration of " + n + " nodes meets 2^-17 with f = 1/4; give "
                        + "shardSize and groupSize");
            }
            shardSize = found.get().shardSize();
            groupSize = found.get().groupSize();
        } else {
            shardSize = c.positive("protocol.shardSize", c.required("protocol.shardSize", p.shardSize()));
            if (shardSize < 4 || shardSize > n) {
                throw c.fail("protocol.shardSize", "must be in 4.." + n + ", got " + shardSize);
            }
            groupSize = p.groupSize() != null ? c.positive("protocol.groupSize", p.groupSize())
                    : defaultGroup(c, n, shardSize);
            if (groupSize > n / shardSize) {
                throw c.fail("protocol.groupSize", "must be at most the " + n / shardSize + " shards, got " + groupSize);
            }
        }
        LedgerKeys keys = LedgerKeys.read(p, c, s);
        double fb = fraction(c, "protocol.byzantineFraction", p.byzantineFraction());
        double fa = fraction(c, "protocol.aliveButCorruptFraction", p.aliveButCorruptFraction());
        if (fb + fa >= 1) {
            throw c.fail("protocol.aliveButCorruptFraction", "the malicious fractions must sum below 1");
        }
        Behaviour byz;
        try {
            byz = Behaviour.parse(p.byzantineBehaviour() == null ? "equivocating-leader" : p.byzantineBehaviour());
        } catch (IllegalArgumentException e) {
            throw c.fail("protocol.byzantineBehaviour", "must be one of " + Arrays.stream(Behaviour.values())
                    .map(Behaviour::yamlName).toList() + ", got '" + p.byzantineBehaviour() + "'");
        }
        if (!byz.byzantine()) {
            throw c.fail("protocol.byzantineBehaviour", "must be a Byzantine behaviour, got " + byz.yamlName());
        }
        int shards = n / shardSize;
        List<SpiralConfig.CorruptShard> corrupt = new ArrayList<>();
        List<CorruptSection> cs = p.corruptShards() == null ? List.of() : p.corruptShards();
        for (int i = 0; i < cs.size(); i++) {
            String k = "protocol.corruptShards[" + i + "].";
            CorruptSection x = cs.get(i);
            int shard = (int) c.nonNegative(k + "shard", (long) c.required(k + "shard", x.shard()));
            if (shard >= shards) {
                throw c.fail(k + "shard", "names shard " + shard + ", outside 0.." + (shards - 1));
            }
            int b = x.byzantine() == null ? 0 : (int) c.nonNegative(k + "byzantine", (long) x.byzantine());
            int a = x.aliveButCorrupt() == null ? 0
                    : (int) c.nonNegative(k + "aliveButCorrupt", (long) x.aliveButCorrupt());
            if (a + b > shardSize) {
                throw c.fail(k + "aliveButCorrupt", "more malicious members than the shard's " + shardSize);
            }
            corrupt.add(new SpiralConfig.CorruptShard(shard, b, a));
        }
        int memory = p.headerMemory() == null ? 4096 : c.positive("protocol.headerMemory", p.headerMemory());
        long bucket = c.micros("protocol.seriesBucketMs", p.seriesBucketMs() == null ? 1000.0
                : c.positive("protocol.seriesBucketMs", p.seriesBucketMs()));
        SpiralConfig.Silence silence = SpiralConfig.Silence.NONE;
        if (p.silentShard() != null) {
            SilenceSection x = p.silentShard();
            int shard = (int) c.nonNegative("protocol.silentShard.shard",
                    (long) c.required("protocol.silentShard.shard", x.shard()));
            if (shard >= shards) {
                throw c.fail("protocol.silentShard.shard", "names shard " + shard + ", outside 0.." + (shards - 1));
            }
            long at = c.micros("protocol.silentShard.atMs", c.nonNegative("protocol.silentShard.atMs",
                    c.required("protocol.silentShard.atMs", x.atMs())));
            long len = c.micros("protocol.silentShard.forMs", c.positive("protocol.silentShard.forMs",
                    c.required("protocol.silentShard.forMs", x.forMs())));
            silence = new SpiralConfig.Silence(shard, at, len);
        }
        try {
            return new SpiralConfig(n, shardSize, groupSize, s.durationMicros(), keys.workload(),
                    keys.limits(), keys.baseTimeoutMicros(), keys.maxDoublings(), keys.poolCapacity(),
                    keys.clientLatencyMicros(), keys.validator(), keys.livenessBoundMicros(), keys.receiptGraceMicros(), fb, fa, byz, corrupt,
                    memory, bucket, silence);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.source() + ": bad spiralshard parameter under key 'protocol': "
                    + e.getMessage());
        }
    }

    private static int defaultGroup(ScenarioLoader.Check c, int n, int shardSize) throws ScenarioException {
        long shards = n / shardSize;
        for (int g = 1; g <= Math.min(shards, 16); g++) {
            if (shards % g == 0 && SpiralShardSizing.bounds(new SpiralShardSizing.Network(n, 0.25, 0.125), shardSize, g,
                    SpiralShardSizing.NEGLIGIBLE_BOUND).meetsTarget()) {
                return g;
            }
        }
        throw c.fail("protocol.groupSize", "no group size meets 2^-17 for shards of " + shardSize + "; give groupSize");
    }

    private static double fraction(ScenarioLoader.Check c, String key, Double v) throws ScenarioException {
        if (v == null) {
            return 0;
        }
        double x = c.nonNegative(key, v);
        if (x >= 1) {
            throw c.fail(key, "must be below 1, got " + x);
        }
        return x;
    }


    @Override
    public Deployment deploy(JsonNode params, Scenario s) throws ScenarioException {
        SpiralConfig config = config(params, s);
        SpiralWorld world;
        try {
            world = new SpiralWorld(config, s.seed());
        } catch (Exception e) {
            throw new ScenarioException(s.source() + ": cannot build the SpiralShard network: " + e.getMessage(), e);
        }
        return new Deployment() {
            @Override
            public ProtocolFactory factory() {
                return world.factory();
            }

            @Override
            public Map<String, Object> summarize(MetricsRecorder metrics) {
                return summary(world, metrics, s.durationMicros());
            }

            @Override
            public Map<String, String> files() {
                Map<String, String> out = new LinkedHashMap<>();
                StringWriter epochs = new StringWriter();
                try {
                    EpochCsv.write(world.metrics().epochs(), epochs);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing to a string cannot fail", e);
                }
                out.put(EpochCsv.FILE_NAME, epochs.toString());
                out.put(SpiralWorld.SERIES_FILE, world.lce().seriesCsv(s.durationMicros()));
                return out;
            }
        };
    }

    /** Consensus counters that tell why a shard's views fail or recover (see BftNode). */
    private static final java.util.Set<String> DIAGNOSIS_BFT = java.util.Set.of("bft.leaderEquivocations",
            "bft.helpedBehind", "bft.votesAgain");

    static Map<String, Object> summary(SpiralWorld world, MetricsRecorder m, long durationMicros) {
        SpiralConfig c = world.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shards", c.shards());
        out.put("shardSize", c.shardSize());
        out.put("groupSize", c.groupSize());
        out.put("groups", (c.shards() + c.groupSize() - 1) / c.groupSize());
        out.put("shardSizes", world.membership().shards().stream().map(List::size).toList());
        out.put("byzantineNodes", world.byzantineCount());
        out.put("aliveButCorruptNodes", world.aliveButCorruptCount());
        out.put("corruptedShards", world.corruptedShards());
        out.put("maliciousPerShard", world.maliciousPerShard());
        Map<String, Object> ledger = LedgerSummary.of(world.metrics(), world.report(durationMicros), durationMicros,
                c.nodes(), world.offeredTps());
        ledger.put("bytesSentPerNode", m.counterValue("net.bytes") / (double) c.nodes());
        ledger.put("viewChanges", m.counterValue("bft.viewChanges"));
        Map<String, Long> invalid = new java.util.TreeMap<>();
        m.counters().forEach((k, v) -> {
            if (k.startsWith(SpiralPayloads.INVALID_PREFIX) && v > 0) {
                invalid.put(k.substring(SpiralPayloads.INVALID_PREFIX.length()), v);
            }
        });
        ledger.put("refusedVotesByReason", invalid);
        Map<String, Long> bft = new java.util.TreeMap<>();
        m.counters().forEach((k, v) -> {
            if ((k.startsWith("bft.rejected.") || k.startsWith("lce.") || DIAGNOSIS_BFT.contains(k))
                    && !k.startsWith(SpiralPayloads.INVALID_PREFIX) && v > 0) {
                bft.put(k, v);
            }
        });
        ledger.put("counters", bft);
        out.putAll(ledger);
        out.putAll(world.lce().summary());
        long pendingFinal = 0;
        long queued = 0;
        for (SpiralLedger l : world.ledgers()) {
            pendingFinal += l.relay().pendingFinalCount();
            queued += l.inbox().queued();
        }
        out.put("heights", world.ledgers().stream().map(l -> l.tip().nextHeight()).toList());
        out.put("finalHeights", world.ledgers().stream().map(l -> l.finalHeight() + 1).toList());
        out.put("receiptsPendingAtSource", pendingFinal);
        out.put("receiptsQueuedAtDestination", queued);
        return out;
    }
}

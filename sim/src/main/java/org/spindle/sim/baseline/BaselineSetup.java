package org.spindle.sim.baseline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.sim.adversary.Assignment;
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
 * {@code protocol: {name: baseline, ...}}: the single-layer sharded ledger (see
 * {@code scenarios/README.md} for every key). The beacon assigns the scenario's nodes to
 * {@code shards} uniform random shards from the genesis randomness; each shard runs BFT over ledger
 * blocks; cross-shard transfers travel as relayed receipts once their source block is committed;
 * the {@code workload} loads it. The summary holds the ledger metrics and the four invariants, and
 * {@code --out} also writes {@value EpochCsv#FILE_NAME}.
 */
public final class BaselineSetup implements ProtocolSetup {
    record AdversarySection(List<Integer> nodes, Integer perShard, Double fraction, String kind, Double atMs,
            Double delayMs) {}

    record Params(Integer shards, Integer txPerBlock, Integer txBytes, Integer receiptsPerBlock, Double baseTimeoutMs,
            Integer maxDoublings, Integer poolCapacity, Double clientLatencyMs, Long itemCpuMicros,
            Integer relayFanout, Double tickMs, Double reRelayMs, Double livenessBoundMs, Double receiptGraceMs,
            List<AdversarySection> adversaries, JsonNode workload, Double epochMs, Double reconfigurationFraction,
            Double syncRetryMs) implements LedgerKeys.Raw {}

    @Override
    public String name() {
        return "baseline";
    }

    /** Reads and checks the section; every bad value names its key and the file. */
    public static BaselineConfig config(JsonNode params, Scenario s) throws ScenarioException {
        Params p;
        try {
            p = ScenarioLoader.mapper().treeToValue(params, Params.class);
        } catch (JacksonException e) {
            throw ScenarioLoader.bind(s.source(), "protocol", e);
        }
        ScenarioLoader.Check c = new ScenarioLoader.Check(s.source());
        int n = s.nodes();
        int shards = c.positive("protocol.shards", c.required("protocol.shards", p.shards()));
        if (shards > n / 4) {
            throw c.fail("protocol.shards", "must leave at least 4 members per shard: " + n + " nodes, " + shards
                    + " shards");
        }
        LedgerKeys keys = LedgerKeys.read(p, c, s);
        List<BaselineConfig.Adversaries> advs = new ArrayList<>();
        List<AdversarySection> list = p.adversaries() == null ? List.of() : p.adversaries();
        for (int i = 0; i < list.size(); i++) {
            advs.add(adversary(c, "protocol.adversaries[" + i + "].", list.get(i), n));
        }
        BaselineConfig.Reconfig reconfig = BaselineConfig.Reconfig.NONE;
        if (p.epochMs() != null) {
            long epoch = c.micros("protocol.epochMs", c.positive("protocol.epochMs", p.epochMs()));
            double fraction = p.reconfigurationFraction() == null ? 0.2
                    : c.nonNegative("protocol.reconfigurationFraction", p.reconfigurationFraction());
            if (fraction > 1) {
                throw c.fail("protocol.reconfigurationFraction", "must be at most 1, got " + fraction);
            }
            long retry = c.micros("protocol.syncRetryMs", p.syncRetryMs() == null ? 2 * keys.baseTimeoutMicros() / 1000.0
                    : c.positive("protocol.syncRetryMs", p.syncRetryMs()));
            reconfig = new BaselineConfig.Reconfig(epoch, fraction, retry);
        } else if (p.reconfigurationFraction() != null || p.syncRetryMs() != null) {
            throw c.fail("protocol.epochMs", "is needed for reconfigurationFraction and syncRetryMs");
        }
        try {
            return new BaselineConfig(n, shards, s.durationMicros(), keys.workload(),
                    keys.limits(), keys.baseTimeoutMicros(), keys.maxDoublings(), keys.poolCapacity(),
                    keys.clientLatencyMicros(), keys.validator(), keys.livenessBoundMicros(), keys.receiptGraceMicros(), advs, reconfig);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.source() + ": bad baseline parameter under key 'protocol': " + e.getMessage());
        }
    }


    private static BaselineConfig.Adversaries adversary(ScenarioLoader.Check c, String k, AdversarySection a, int n)
            throws ScenarioException {
        Behaviour b;
        try {
            b = Behaviour.parse(c.required(k + "kind", a.kind()));
        } catch (IllegalArgumentException e) {
            throw c.fail(k + "kind", "must be one of " + Arrays.stream(Behaviour.values()).map(Behaviour::yamlName)
                    .toList() + ", got '" + a.kind() + "'");
        }
        long at = a.atMs() == null ? 0 : c.micros(k + "atMs", c.nonNegative(k + "atMs", a.atMs()));
        long delay = a.delayMs() == null ? Assignment.of(b).delayMicros()
                : c.micros(k + "delayMs", c.nonNegative(k + "delayMs", a.delayMs()));
        int given = (a.nodes() == null ? 0 : 1) + (a.perShard() == null ? 0 : 1) + (a.fraction() == null ? 0 : 1);
        if (given != 1) {
            throw c.fail(k + "nodes", "give exactly one of 'nodes', 'perShard' and 'fraction'");
        }
        List<Integer> nodes = a.nodes() == null ? List.of() : a.nodes();
        for (Integer node : nodes) {
            if (node == null || node < 0 || node >= n) {
                throw c.fail(k + "nodes", "names node " + node + ", outside 0.." + (n - 1));
            }
        }
        int perShard = a.perShard() == null ? 0 : (int) c.nonNegative(k + "perShard", (long) a.perShard());
        double fraction = a.fraction() == null ? 0 : c.nonNegative(k + "fraction", a.fraction());
        if (fraction > 1) {
            throw c.fail(k + "fraction", "must be at most 1, got " + fraction);
        }
        return new BaselineConfig.Adversaries(nodes, perShard, fraction, new Assignment(b, at, delay));
    }

    @Override
    public Deployment deploy(JsonNode params, Scenario s) throws ScenarioException {
        BaselineConfig config = config(params, s);
        BaselineWorld world;
        try {
            world = new BaselineWorld(config, s.seed());
        } catch (ScenarioException e) {
            throw e;
        } catch (Exception e) {
            throw new ScenarioException(s.source() + ": cannot build the baseline network: " + e.getMessage(), e);
        }
        return Deployment.of(world.factory(), m -> summary(world, m, s.durationMicros()), EpochCsv.FILE_NAME,
                out -> EpochCsv.write(world.metrics().epochs(), out));
    }

    static Map<String, Object> summary(BaselineWorld world, MetricsRecorder m, long durationMicros) {
        BaselineConfig c = world.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shards", c.shards());
        out.put("shardSizes", world.membership().shards().stream().map(List::size).toList());
        Map<String, Object> ledger = LedgerSummary.of(world.metrics(), world.report(durationMicros), durationMicros,
                c.nodes(), world.offeredTps());
        // The engine counts bytes and view changes in the run's recorder.
        ledger.put("bytesSentPerNode", m.counterValue("net.bytes") / (double) c.nodes());
        ledger.put("viewChanges", m.counterValue("bft.viewChanges"));
        out.putAll(ledger);
        long pendingFinal = 0;
        long queued = 0;
        for (ShardLedger l : world.ledgers()) {
            pendingFinal += l.relay().pendingFinalCount();
            queued += l.inbox().queued();
        }
        out.put("heights", world.ledgers().stream().map(ShardLedger::nextHeight).toList());
        out.put("receiptsPendingAtSource", pendingFinal);
        out.put("receiptsQueuedAtDestination", queued);
        world.epochs().ifPresent(e -> {
            out.put("epochsAnnounced", e.latest());
            out.put("validatorsMoved", e.moved());
            out.put("stateSyncs", m.counterValue("epoch.syncs"));
            out.put("stateSyncBytes", m.counterValue("epoch.syncBytes"));
            out.put("committeeHandovers", m.counterValue("epoch.transitions"));
        });
        return out;
    }
}

package org.spindle.sim.reticulum;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spindle.protocol.consensus.syncvote.Broadcast;
import org.spindle.protocol.sharding.reticulum.ReticulumParams;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.LedgerSummary;
import org.spindle.sim.workload.WorkloadSpec;
import org.spindle.sim.scenario.ProtocolSetup;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * {@code protocol: {name: reticulum, ...}}: Reticulum's two-layer epochs (see
 * {@code scenarios/README.md} for the keys). Process blocks are modelled ({@code txPerBlock}
 * transactions of {@code txBytes} each, committed to the shard's latest state); the summary holds
 * the epochs completed, throughput, silent-node ratio, expulsions and the agreement checks, and
 * {@code --out} also writes {@value ReticulumWorld#CSV_NAME}.
 */
public final class ReticulumSetup implements ProtocolSetup {
    record Params(Integer processShardSize, Integer controlShardSize, Double t1Ms, Double lambdaMs, Integer tau,
            Double deltaMs, Long epochs, Integer txPerBlock, Integer txBytes, Long stake, Double adversaryRatio,
            String attack, Double clientLatencyMs, JsonNode workload, String broadcast) {}

    @Override
    public String name() {
        return "reticulum";
    }

    public static ReticulumConfig config(JsonNode params, Scenario s) throws ScenarioException {
        Params p = ScenarioLoader.bindParams(params, Params.class, s.source(), "protocol");
        ScenarioLoader.Check c = new ScenarioLoader.Check(s.source());
        int np = c.positive("protocol.processShardSize", c.required("protocol.processShardSize", p.processShardSize()));
        int nc = c.positive("protocol.controlShardSize", c.required("protocol.controlShardSize", p.controlShardSize()));
        long t1 = c.micros("protocol.t1Ms", c.positive("protocol.t1Ms", c.required("protocol.t1Ms", p.t1Ms())));
        long lambda = c.micros("protocol.lambdaMs", c.positive("protocol.lambdaMs",
                c.required("protocol.lambdaMs", p.lambdaMs())));
        int tau = c.positive("protocol.tau", c.required("protocol.tau", p.tau()));
        long delta = c.micros("protocol.deltaMs", c.positive("protocol.deltaMs", c.required("protocol.deltaMs",
                p.deltaMs())));
        long epochs = c.nonNegative("protocol.epochs", c.required("protocol.epochs", p.epochs()));
        int tx = p.txPerBlock() == null ? 4096 : (int) c.nonNegative("protocol.txPerBlock", (long) p.txPerBlock());
        int txBytes = p.txBytes() == null ? 512 : (int) c.nonNegative("protocol.txBytes", (long) p.txBytes());
        long stake = p.stake() == null ? 100 : c.nonNegative("protocol.stake", p.stake());
        double ratio = p.adversaryRatio() == null ? 0 : c.nonNegative("protocol.adversaryRatio", p.adversaryRatio());
        AttackStrategy attack;
        try {
            attack = p.attack() == null ? AttackStrategy.NONE
                    : AttackStrategy.valueOf(p.attack().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw c.fail("protocol.attack", "must be one of " + Arrays.stream(AttackStrategy.values())
                    .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ", got '" + p.attack() + "'");
        }
        Broadcast broadcast = switch (p.broadcast() == null ? "bb" : p.broadcast()) {
            case "bb" -> Broadcast.BB;
            case "echo" -> Broadcast.ECHO;
            case "dolev-strong" -> Broadcast.DOLEV_STRONG;
            default -> throw c.fail("protocol.broadcast", "must be one of [bb, echo, dolev-strong], got '"
                    + p.broadcast() + "'");
        };
        WorkloadSpec workload = p.workload() == null ? null : WorkloadSpec.fromJson(p.workload(), s.source(),
                "protocol.workload", baseDir(s.source()));
        long clientLatency = c.micros("protocol.clientLatencyMs", p.clientLatencyMs() == null ? 50.0
                : c.nonNegative("protocol.clientLatencyMs", p.clientLatencyMs()));
        try {
            return new ReticulumConfig(s.nodes(), new ReticulumParams(np, nc, t1, lambda, tau), delta, epochs, tx,
                    txBytes, stake, ratio, attack, workload, clientLatency, s.durationMicros(), broadcast);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.source() + ": bad reticulum parameter under key 'protocol': " + e.getMessage());
        }
    }

    private static java.nio.file.Path baseDir(String source) {
        java.nio.file.Path parent = java.nio.file.Path.of(source).toAbsolutePath().getParent();
        return parent == null ? java.nio.file.Path.of(".") : parent;
    }

    @Override
    public Deployment deploy(JsonNode params, Scenario s) throws ScenarioException {
        ReticulumConfig config = config(params, s);
        ReticulumWorld world;
        try {
            world = new ReticulumWorld(config, s.seed());
        } catch (ScenarioException e) {
            throw e;
        } catch (Exception e) {
            throw new ScenarioException(s.source() + ": cannot build the reticulum network: " + e.getMessage(), e);
        }
        return Deployment.of(world.factory(), m -> summary(world, m, s.durationMicros()), ReticulumWorld.CSV_NAME,
                out -> world.writeCsv(out));
    }

    static Map<String, Object> summary(ReticulumWorld world, MetricsRecorder m, long durationMicros) {
        Map<String, Object> out = new LinkedHashMap<>();
        var membership = world.membership();
        out.put("processShards", membership.shardCount());
        out.put("controlShards", membership.groupings().getFirst().groupCount());
        out.put("adversaries", world.adversaries().size());
        out.put("attack", world.config().attack().name());
        out.put("broadcast", world.config().broadcast().name());
        List<ReticulumWorld.EpochRecord> epochs = world.epochs();
        long controlShards = membership.groupings().getFirst().groupCount();
        long lastEpoch = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::epoch).max().orElse(-1);
        long complete = 0;
        for (long e = 0; e <= lastEpoch; e++) {
            long ee = e;
            if (epochs.stream().filter(r -> r.epoch() == ee).count() == controlShards) {
                complete++;
            }
        }
        out.put("epochsCompleted", complete);
        long blocks = epochs.stream().mapToLong(r -> r.passed() + r.failedAccepted()).sum();
        long passed = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::passed).sum();
        long rejected = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::rejected).sum();
        out.put("processBlocksAccepted", blocks);
        out.put("processBlocksPassedInPhaseOne", passed);
        out.put("processBlocksRejected", rejected);
        double tps = 0;
        for (int cs = 0; cs < controlShards; cs++) {
            int c0 = cs;
            var mine = epochs.stream().filter(r -> r.controlShard() == c0).toList();
            if (!mine.isEmpty()) {
                long span = mine.getLast().endMicros() - mine.getFirst().startMicros();
                long tx = mine.stream().mapToLong(r -> (long) (r.passed() + r.failedAccepted())
                        * world.config().txPerBlock()).sum();
                tps += span > 0 ? tx / (span / 1e6) : 0;
            }
        }
        out.put("txPerSecond", Math.round(tps * 100) / 100.0);
        long voters = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::voters).sum();
        long silent = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::silent).sum();
        long storedBytes = epochs.stream().mapToLong(ReticulumWorld.EpochRecord::storedBytes).sum();
        out.put("storagePerTxKb", blocks == 0 ? 0.0
                : Math.round(1000.0 * storedBytes / 1024.0 / (blocks * (double) world.config().txPerBlock())) / 1000.0);
        out.put("silentRatio", voters == 0 ? 0.0 : Math.round(10000.0 * silent / voters) / 10000.0);
        out.put("expelled", world.registry().pending().penalties().size());
        out.put("honestExpelled", world.honestExpelled().size());
        out.put("controlDisagreements", world.disagreements());
        out.put("controlReProposals", world.reProposals());
        // Votes or proposals that missed their synchronous round: Δ is too short for this network
        // (bandwidth included), so the synchrony the protocol assumes does not hold.
        out.put("lateVoteMessages", m.counterValue("syncvote.refused.TOO_LATE"));
        out.put("voteRelays", m.counterValue("syncvote.relayed"));
        out.put("bytesSentPerNode", m.counterValue("net.bytes") / (double) world.config().nodes());
        world.ledgers().ifPresent(l -> {
            Map<String, Object> ledger = LedgerSummary.of(l.metrics(), l.report(durationMicros), durationMicros,
                    world.config().nodes(), l.offeredTps());
            out.put("ledger", ledger);
        });
        return out;
    }
}

package org.spindle.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * The {@code protocol} keys every sharded-ledger protocol shares: block limits, BFT timeouts, the
 * pool, client latency, relaying, the invariants' bounds and the workload. Baseline and SpiralShard
 * read them here so the same key means the same thing, with the same default and the same error,
 * in both.
 */
public record LedgerKeys(ShardLedger.Limits limits, long baseTimeoutMicros, int maxDoublings, int poolCapacity,
        long clientLatencyMicros, ShardValidator.Settings validator, long livenessBoundMicros, long receiptGraceMicros,
        WorkloadSpec workload) {

    /** The shared keys as bound from a protocol section: a protocol's own {@code Params} record implements this. */
    public interface Raw {
        Integer txPerBlock();

        Integer txBytes();

        Integer receiptsPerBlock();

        Double baseTimeoutMs();

        Integer maxDoublings();

        Integer poolCapacity();

        Double clientLatencyMs();

        Long itemCpuMicros();

        Integer relayFanout();

        Double tickMs();

        Double reRelayMs();

        Double livenessBoundMs();

        Double receiptGraceMs();

        JsonNode workload();
    }

    /** Reads and checks the shared keys; every bad value names its key and the file. */
    public static LedgerKeys read(Raw p, ScenarioLoader.Check c, Scenario s) throws ScenarioException {
        int tx = p.txPerBlock() == null ? 4096 : (int) c.nonNegative("protocol.txPerBlock", (long) p.txPerBlock());
        int txBytes = p.txBytes() == null ? 512 : (int) c.nonNegative("protocol.txBytes", (long) p.txBytes());
        int receipts = p.receiptsPerBlock() == null ? tx
                : (int) c.nonNegative("protocol.receiptsPerBlock", (long) p.receiptsPerBlock());
        long timeout = c.micros("protocol.baseTimeoutMs", p.baseTimeoutMs() == null ? 2000.0
                : c.positive("protocol.baseTimeoutMs", p.baseTimeoutMs()));
        int doublings = p.maxDoublings() == null ? 6 : (int) c.nonNegative("protocol.maxDoublings",
                (long) p.maxDoublings());
        if (doublings > 20) {
            throw c.fail("protocol.maxDoublings", "must be at most 20, got " + doublings);
        }
        int pool = p.poolCapacity() == null ? 200_000 : c.positive("protocol.poolCapacity", p.poolCapacity());
        long clientLatency = ms(c, "protocol.clientLatencyMs", p.clientLatencyMs(), 50);
        long cpu = p.itemCpuMicros() == null ? 50 : c.nonNegative("protocol.itemCpuMicros", p.itemCpuMicros());
        int fanout = p.relayFanout() == null ? 3 : c.positive("protocol.relayFanout", p.relayFanout());
        long tick = c.micros("protocol.tickMs", p.tickMs() == null ? 1000.0 : c.positive("protocol.tickMs", p.tickMs()));
        long reRelay = c.micros("protocol.reRelayMs", p.reRelayMs() == null ? 4 * timeout / 1000.0
                : c.positive("protocol.reRelayMs", p.reRelayMs()));
        long liveness = ms(c, "protocol.livenessBoundMs", p.livenessBoundMs(), s.durationMicros() / 3000.0);
        long grace = ms(c, "protocol.receiptGraceMs", p.receiptGraceMs(), s.durationMicros() / 3000.0);
        WorkloadSpec workload = WorkloadSpec.fromJson(c.required("protocol.workload", p.workload()), s.source(),
                "protocol.workload", baseDir(s.source()));
        return new LedgerKeys(new ShardLedger.Limits(tx, receipts, txBytes), timeout, doublings, pool, clientLatency,
                new ShardValidator.Settings(fanout, tick, reRelay, cpu), liveness, grace, workload);
    }

    private static long ms(ScenarioLoader.Check c, String key, Double v, double dflt) throws ScenarioException {
        return c.micros(key, v == null ? dflt : c.nonNegative(key, v));
    }

    /** Workload files are found beside the scenario file. */
    private static Path baseDir(String source) {
        Path parent = Path.of(source).toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}

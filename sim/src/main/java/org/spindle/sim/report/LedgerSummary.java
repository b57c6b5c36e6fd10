package org.spindle.sim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spindle.sim.invariants.InvariantReport;

/**
 * What a sharded-ledger run adds to the simulator's results: the ledger metrics and
 * {@code invariants: {safety, conservation, exactlyOnce, liveness}} in the summary (a protocol
 * setup returns this map from its {@code summarize}), and {@value EpochCsv#FILE_NAME} in the
 * output directory.
 */
public final class LedgerSummary {
    private LedgerSummary() {}

    public static Map<String, Object> of(LedgerMetrics metrics, InvariantReport invariants, long durationMicros,
            int nodes, double offeredTps) {
        Map<String, Object> m = new LinkedHashMap<>(metrics.summary(durationMicros, nodes, offeredTps));
        m.put("invariants", invariants.summary());
        return m;
    }

    /** Writes the per-epoch CSV into {@code dir}. */
    public static void write(LedgerMetrics metrics, Path dir) throws IOException {
        EpochCsv.write(metrics.epochs(), dir.resolve(EpochCsv.FILE_NAME));
    }
}

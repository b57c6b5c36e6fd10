package org.spindle.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.core.crypto.Hashing;
import org.spindle.sim.invariants.LedgerInvariants;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.ledger.LedgerObservers;
import org.spindle.sim.metrics.MetricsRecorder;

class LedgerSummaryTest {
    @Test
    void theSummaryCarriesMetricsAndInvariantsAsJsonAndTheEpochCsvIsWritten(@TempDir Path dir) throws Exception {
        LedgerMetrics metrics = new LedgerMetrics(new MetricsRecorder(() -> 0L));
        LedgerInvariants invariants = new LedgerInvariants(List.of(BigInteger.TEN), 1_000, 1_000);
        LedgerObservers both = new LedgerObservers(List.of(metrics, invariants));
        FinalizedBlock b = new FinalizedBlock(2_000, 1_000, 0, 1, 3, Hashing.sha256(new byte[] {1}), List.of(),
                List.of(), List.of(), BigInteger.ZERO, Optional.of(BigInteger.TEN));
        both.onBlockFinal(b);
        FinalizedBlock conflicting = new FinalizedBlock(2_500, 1_000, 0, 1, 3, Hashing.sha256(new byte[] {2}),
                List.of(), List.of(), List.of(), BigInteger.ZERO, Optional.of(BigInteger.TEN));
        both.onBlockFinal(conflicting);
        Map<String, Object> s = LedgerSummary.of(metrics, invariants.report(10_000), 10_000, 4, 100);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(s));
        assertThat(json.get("blocks").asLong()).isEqualTo(2);
        assertThat(json.at("/invariants/conservation").asText()).isEqualTo("ok");
        assertThat(json.at("/invariants/safety/violation").asText()).isEqualTo("two different blocks final at shard 0 height 1");
        assertThat(json.at("/invariants/safety/atMicros").asLong()).isEqualTo(2_500);
        assertThat(json.at("/invariants/safety/ids")).hasSize(2);
        LedgerSummary.write(metrics, dir);
        assertThat(Files.readAllLines(dir.resolve("epochs.csv"))).hasSize(2).element(1).asString().startsWith("3,0.00,");
    }
}

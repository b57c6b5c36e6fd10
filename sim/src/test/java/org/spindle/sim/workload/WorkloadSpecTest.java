package org.spindle.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

class WorkloadSpecTest {
    private static WorkloadSpec read(String yaml) throws Exception {
        JsonNode n = ScenarioLoader.mapper().readTree(yaml);
        return WorkloadSpec.fromJson(n, "s.yaml", "protocol.workload", Path.of("/data"));
    }

    @Test
    void aZipfWorkloadReadsItsKeysAndFillsDefaults() throws Exception {
        WorkloadSpec s = read("{kind: zipf, rateTps: 250, crossShardRatio: 0.3, stopMs: 1500, arrivals: constant}");
        assertThat(s.kind()).isEqualTo(WorkloadSpec.Kind.ZIPF);
        assertThat(s.zipfExponent()).isEqualTo(1.0);
        assertThat(s.accounts()).isEqualTo(10_000);
        assertThat(s.poisson()).isFalse();
        assertThat(s.stopMicros()).isEqualTo(Time.millis(1500));
        WorkloadSpec.Built b = s.build(3, 4);
        assertThat(b.genesis()).hasSize(10_000);
        assertThat(b.workload().until(Long.MAX_VALUE - 1)).hasSize(375);
    }

    @Test
    void aCsvWorkloadResolvesItsFileAgainstTheScenarioDirectory() throws Exception {
        WorkloadSpec s = read("{kind: csv, file: workloads/x.csv, rateTps: 10, loop: true}");
        assertThat(s.file()).isEqualTo(Path.of("/data/workloads/x.csv"));
        assertThat(s.loop()).isTrue();
    }

    @Test
    void badKeysAndValuesAreRejectedNamingTheKey() {
        expect("{kind: pareto, rateTps: 1}", "key 'protocol.workload.kind' must be one of uniform, zipf, csv");
        expect("{kind: zipf}", "missing key 'protocol.workload.rateTps'");
        expect("{kind: zipf, rateTps: 0}", "key 'protocol.workload.rateTps' must be positive");
        expect("{kind: zipf, rateTps: 1, crossShardRatio: 1.5}", "protocol.workload.crossShardRatio' must be at most 1");
        expect("{kind: csv, rateTps: 1}", "missing key 'protocol.workload.file'");
        expect("{kind: csv, file: a.csv, rateTps: 1, crossShardRatio: 0.2}", "does not apply to kind csv");
        expect("{kind: zipf, rateTps: 1, rate: 3}", "unknown key 'protocol.workload.rate'");
        expect("{kind: zipf, rateTps: 1, minValue: 5, maxValue: 2}", "'protocol.workload.maxValue' must be at least");
        expect("{kind: zipf, rateTps: 1, gasLimit: 100}", "must cover a transfer's 21000 gas");
        expect("{kind: zipf, rateTps: 1, genesisBalance: lots}", "must be a decimal integer");
        expect("[1, 2]", "key 'protocol.workload' must be a mapping");
        expect("{kind: csv, file: a.csv, rateTps: 1, accounts: 5}", "'protocol.workload.accounts' does not apply to kind csv");
        expect("{kind: uniform, rateTps: 1, zipfExponent: 2}", "'protocol.workload.zipfExponent' only applies to kind zipf");
        expect("{kind: zipf, rateTps: 1, loop: true}", "'protocol.workload.loop' only applies to kind csv");
        expect("{kind: csv, file: a.csv, rateTps: 1, maxValue: 5}", "'protocol.workload.maxValue' does not apply");
    }

    private static void expect(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ScenarioException.class).hasMessageContaining(message)
                .hasMessageStartingWith("s.yaml: ");
    }
}

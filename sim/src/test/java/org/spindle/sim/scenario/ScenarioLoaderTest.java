package org.spindle.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.sim.LatencyModel;

class ScenarioLoaderTest {
    private static final String GOOD = """
            name: t
            nodes: 20
            durationSeconds: 5
            network:
              uplinkMbps: 50
              downlinkMbps: 25
              latency: {distribution: uniform, minMs: 10, maxMs: 30}
            protocol:
              name: gossip
              degree: 4
              messages: 3
            """;

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void wellFormedScenarioLoadsWithItsValuesInMicrosecondsAndBitsPerSecond() throws Exception {
        Scenario s = new ScenarioLoader().load(write("good.yaml", GOOD));
        assertThat(s.nodes()).isEqualTo(20);
        assertThat(s.durationMicros()).isEqualTo(5_000_000);
        assertThat(s.network().downlinkBitsPerSecond()).isEqualTo(25_000_000);
        assertThat(s.network().latency()).isEqualTo(new LatencyModel.Uniform(10_000, 30_000));
        assertThat(s.protocol()).isEqualTo("gossip");
    }

    @Test
    void unknownCryptoModeIsRejectedNamingTheKeyAndTheChoices() throws Exception {
        Path f = write("crypto.yaml", GOOD + "crypto: rsa\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("crypto.yaml").hasMessageContaining("'crypto'")
                .hasMessageContaining("modelled").hasMessageContaining("real");
    }

    @Test
    void realCryptoScenarioRunsWithEd25519AndDeliversLikeModelledCrypto() throws Exception {
        String signed = GOOD.replace("messages: 3", "messages: 3\n  signed: true");
        ScenarioLoader loader = new ScenarioLoader();
        RunResult modelled = new ScenarioRunner(loader).run(loader.load(write("m.yaml", signed)), null);
        RunResult real = new ScenarioRunner(loader).run(loader.load(write("r.yaml", signed + "crypto: real\n")), null);
        assertThat(real.protocol().get("coverage")).isEqualTo(1.0);
        assertThat(real.protocol().get("coverage")).isEqualTo(modelled.protocol().get("coverage"));
        assertThat(real.deliveries()).isEqualTo(modelled.deliveries());
    }

    @Test
    void unknownTopLevelKeyIsRejectedNamingTheKeyAndTheFile() throws Exception {
        Path f = write("typo.yaml", GOOD.replace("nodes: 20", "nodez: 20"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("unknown key 'nodez'");
    }

    @Test
    void unknownNestedKeyIsRejectedWithItsDottedPath() throws Exception {
        Path f = write("nested.yaml", GOOD.replace("uplinkMbps: 50", "uplinkMbs: 50"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("nested.yaml").hasMessageContaining("'network.uplinkMbs'");
    }

    @Test
    void unknownProtocolParameterIsRejectedWithItsDottedPath() throws Exception {
        Path f = write("param.yaml", GOOD.replace("degree: 4", "degre: 4"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("param.yaml").hasMessageContaining("'protocol.degre'");
    }

    @Test
    void negativeRateIsRejectedNamingTheKeyAndTheFile() throws Exception {
        Path f = write("negative.yaml", GOOD.replace("uplinkMbps: 50", "uplinkMbps: -5"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("negative.yaml").hasMessageContaining("'network.uplinkMbps'")
                .hasMessageContaining("must be positive");
    }

    @Test
    void negativeLatencyIsRejectedNamingTheKey() throws Exception {
        Path f = write("latency.yaml", GOOD.replace("minMs: 10", "minMs: -10"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("latency.yaml").hasMessageContaining("'network.latency.minMs'");
    }

    @Test
    void missingProtocolIsRejectedNamingTheKeyAndTheFile() throws Exception {
        Path f = write("noproto.yaml", GOOD.substring(0, GOOD.indexOf("protocol:")));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("noproto.yaml").hasMessageContaining("missing key 'protocol'");
    }

    @Test
    void unknownProtocolNameIsRejectedListingTheKnownOnes() throws Exception {
        Path f = write("unknown.yaml", GOOD.replace("name: gossip", "name: paxos"));
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("unknown.yaml").hasMessageContaining("'protocol.name'")
                .hasMessageContaining("gossip");
    }

    @Test
    void faultNamingANodeOutsideTheNetworkIsRejected() throws Exception {
        Path f = write("fault.yaml", GOOD + "faults:\n  - {atMs: 1, kind: crash, nodes: [20]}\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("fault.yaml").hasMessageContaining("'faults[0].nodes'");
    }

    @Test
    void missingFileIsReportedWithItsName() {
        Path f = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("absent.yaml");
    }
}

package org.spindle.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keys every sharded-ledger protocol shares are read once, so each protocol refuses a bad one alike. */
class LedgerKeysTest {
    private static final String WORKLOAD = "workload: {kind: uniform, accounts: 50, rateTps: 10}";

    private static String scenario(String protocol, String keys) {
        String own = protocol.equals("baseline") ? "shards: 2" : "shardSize: 8\ngroupSize: 2";
        return """
                nodes: 16
                durationSeconds: 5
                protocol:
                  name: %s
                %s
                """.formatted(protocol, (own + "\n" + keys).indent(2).stripTrailing());
    }

    private static Throwable refusal(String protocol, String keys) {
        try {
            new ScenarioLoader().parse(scenario(protocol, keys), "shared-keys.yaml");
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError(protocol + " accepted " + keys);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxDoublings: 21", "txBytes: -1", "baseTimeoutMs: 0", "relayFanout: 0", "tickMs: -5"})
    void aBadSharedKeyIsRefusedWithTheSameMessageByEveryLedgerProtocol(String bad) {
        Throwable baseline = refusal("baseline", bad + "\n" + WORKLOAD);
        Throwable spiral = refusal("spiralshard", bad + "\n" + WORKLOAD);
        String key = "protocol." + bad.substring(0, bad.indexOf(':'));
        assertThat(baseline).hasMessageContaining(key).hasMessageContaining("shared-keys.yaml");
        assertThat(spiral.getMessage()).isEqualTo(baseline.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "spiralshard"})
    void theWorkloadIsRequiredByEveryLedgerProtocol(String protocol) {
        assertThatThrownBy(() -> new ScenarioLoader().parse(scenario(protocol, "txPerBlock: 10"), "shared-keys.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("protocol.workload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "spiralshard"})
    void sharedKeysWithinRangeAreAccepted(String protocol) throws Exception {
        Scenario s = new ScenarioLoader().parse(scenario(protocol,
                "maxDoublings: 20\ntxBytes: 0\nbaseTimeoutMs: 1\n" + WORKLOAD), "shared-keys.yaml");
        assertThat(s.nodes()).isEqualTo(16);
    }
}

package org.spindle.sim.sweep;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.sim.scenario.ScenarioLoader;

class SweepPlanErrorsTest {
    private static final String GOSSIP = Path.of("..", "scenarios", "gossip-small.yaml").toString();
    private static final String BASELINE = Path.of("..", "scenarios", "baseline-small.yaml").toString();
    private final ScenarioLoader loader = new ScenarioLoader();

    private SweepPlan plan(List<String> inputs, String vary, String xKey) throws SweepException {
        return SweepPlan.build(inputs, vary == null ? List.of() : ScenarioOverride.parseValues("--vary", vary),
                List.of(), xKey, null, loader);
    }

    @Test
    void aVaryWithoutValuesNamesTheOption() {
        assertThatThrownBy(() -> ScenarioOverride.parseValues("--vary", "protocol.shards"))
                .isInstanceOf(SweepException.class).hasMessageContaining("--vary expects KEY=V1,V2");
        assertThatThrownBy(() -> ScenarioOverride.parseValues("--vary", "protocol.shards=2,,4"))
                .hasMessageContaining("--vary protocol.shards has an empty value");
        assertThatThrownBy(() -> ScenarioOverride.parse("--set", "=3")).hasMessageContaining("--set has a bad key ''");
        assertThatThrownBy(() -> ScenarioOverride.parse("--set", "seed=")).hasMessageContaining("--set seed has no value");
    }

    @Test
    void anUnknownVariedKeyIsReportedByTheLoaderWithTheOverride() {
        assertThatThrownBy(() -> plan(List.of(BASELINE), "protocol.shardz=2", null))
                .isInstanceOf(SweepException.class)
                .hasMessageContaining("unknown key 'protocol.shardz'")
                .hasMessageContaining("(with protocol.shardz=2)");
    }

    @Test
    void aBadVariedValueFailsBeforeAnyRun() {
        assertThatThrownBy(() -> plan(List.of(BASELINE), "nodes=64,-3", null))
                .hasMessageContaining("key 'nodes' must be positive").hasMessageContaining("(with nodes=-3)");
    }

    @Test
    void anXKeyThatIsMissingOrNotANumberIsRefused() {
        assertThatThrownBy(() -> plan(List.of(GOSSIP), null, "protocol.shards"))
                .hasMessageContaining("--x protocol.shards").hasMessageContaining("does not set that key");
        assertThatThrownBy(() -> plan(List.of(GOSSIP), null, "protocol.topic"))
                .hasMessageContaining("--x protocol.topic").hasMessageContaining("'blocks'");
        assertThatThrownBy(() -> plan(List.of(GOSSIP), null, "1bad"))
                .hasMessageContaining("--x has a bad key '1bad'");
    }

    @Test
    void missingScenariosAndEmptyPatternsAreNamed() {
        assertThatThrownBy(() -> plan(List.of("no/such.yaml"), null, null))
                .hasMessageContaining("scenario 'no/such.yaml' does not exist");
        assertThatThrownBy(() -> plan(List.of(Path.of("..", "scenarios", "zz-*.yaml").toString()), null, null))
                .hasMessageContaining("matches no file");
        assertThatThrownBy(() -> plan(List.of(), null, null)).hasMessageContaining("no scenario given");
    }

    @Test
    void settingAKeyBelowAScalarNamesIt() {
        assertThatThrownBy(() -> plan(List.of(GOSSIP), "nodes.count=3", null))
                .hasMessageContaining("key 'nodes' of").hasMessageContaining("is not a mapping");
    }

    @Test
    void tooManyRunsAreRefused() {
        String values = String.join(",", java.util.Collections.nCopies(SweepPlan.MAX_RUNS + 1, "8"));
        assertThatThrownBy(() -> plan(List.of(GOSSIP), "protocol.degree=" + values, null))
                .hasMessageContaining("at most " + SweepPlan.MAX_RUNS);
    }
}

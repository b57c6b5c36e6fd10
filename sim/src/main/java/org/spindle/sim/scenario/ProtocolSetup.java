package org.spindle.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.sim.metrics.MetricsRecorder;

/** How a scenario's {@code protocol:} section becomes protocol objects for every node. */
public interface ProtocolSetup {
    /** The value of {@code protocol.name} that selects this setup. */
    String name();

    /**
     * Reads this protocol's parameters (everything in the section but {@code name}) and prepares a
     * deployment; a bad parameter is a {@link ScenarioException} naming {@code protocol.<key>}.
     */
    Deployment deploy(JsonNode params, Scenario scenario) throws ScenarioException;

    interface Deployment {
        ProtocolFactory factory();

        /** The protocol's headline results, in a stable order, for the summary and JSON. */
        Map<String, Object> summarize(MetricsRecorder metrics);

        /** Extra result files for {@code --out}: name → content, written after the run. */
        default Map<String, String> files() {
            return Map.of();
        }
    }
}

package org.spindle.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.function.Function;
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

        /** A deployment with one extra result file, rendered by {@code file} when asked for. */
        static Deployment of(ProtocolFactory factory, Function<MetricsRecorder, Map<String, Object>> summary,
                String fileName, TextFile file) {
            return new Deployment() {
                @Override
                public ProtocolFactory factory() {
                    return factory;
                }

                @Override
                public Map<String, Object> summarize(MetricsRecorder metrics) {
                    return summary.apply(metrics);
                }

                @Override
                public Map<String, String> files() {
                    StringWriter w = new StringWriter();
                    try {
                        file.write(w);
                    } catch (IOException e) {
                        throw new UncheckedIOException("writing to a string cannot fail", e);
                    }
                    return Map.of(fileName, w.toString());
                }
            };
        }
    }

    /** Writes one result file's text. */
    @FunctionalInterface
    interface TextFile {
        void write(Writer out) throws IOException;
    }
}

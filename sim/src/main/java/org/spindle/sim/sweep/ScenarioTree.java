package org.spindle.sim.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * A scenario file as a YAML tree, so a sweep can set dotted keys before the scenario loader checks
 * it: the result goes through the same {@link ScenarioLoader#parse} as any file, with the same
 * errors for unknown keys and bad values.
 */
final class ScenarioTree {
    private final Path file;
    private final ObjectNode root;

    private ScenarioTree(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static ScenarioTree read(Path file) throws SweepException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SweepException("cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = ScenarioLoader.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new SweepException(file + ": not a YAML scenario: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw new SweepException(file + ": a scenario file must be a YAML mapping");
        }
        if (!o.has("name")) {
            // the loader names a scenario after its file; keep that name once the text is regenerated
            o.put("name", file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        }
        return new ScenarioTree(file, o);
    }

    /** Sets {@code o.key()} (dotted) to its value read as a YAML scalar, creating mappings on the way. */
    void set(String option, ScenarioOverride o) throws SweepException {
        String[] parts = o.key().split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || next.isNull()) {
                at = at.putObject(parts[i]);
            } else if (next instanceof ObjectNode n) {
                at = n;
            } else {
                throw new SweepException(option + " " + o + ": key '" + String.join(".", java.util.Arrays.copyOf(parts,
                        i + 1)) + "' of " + file + " is not a mapping");
            }
        }
        JsonNode value;
        try {
            value = ScenarioLoader.mapper().readTree(o.value());
        } catch (JacksonException e) {
            throw new SweepException(option + " " + o + ": the value is not YAML: " + e.getOriginalMessage(), e);
        }
        if (value == null || value.isMissingNode()) {
            throw new SweepException(option + " " + o + ": empty value");
        }
        at.set(parts[parts.length - 1], value);
    }

    /** The value at a dotted key, or null when the file does not set it. */
    JsonNode get(String key) {
        JsonNode at = root;
        for (String part : key.split("\\.")) {
            at = at == null ? null : at.get(part);
        }
        return at;
    }

    String yaml() {
        try {
            return ScenarioLoader.mapper().writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree read from YAML always writes back", e);
        }
    }

    Path file() {
        return file;
    }
}

package org.spindle.sim.sweep;

import java.nio.file.Path;
import java.util.List;
import org.spindle.sim.scenario.Scenario;

/**
 * One planned run of a sweep: which file, with which keys overridden, the checked scenario, and
 * its value of the sweep's x parameter.
 */
public record SweepRun(int index, Path file, List<ScenarioOverride> overrides, Scenario scenario, String xKey,
        double x) {
    public SweepRun {
        overrides = List.copyOf(overrides);
    }

    /** The overrides as the command line spells them, e.g. {@code protocol.shards=4 seed=2}. */
    public String overridesText() {
        return String.join(" ", overrides.stream().map(ScenarioOverride::toString).toList());
    }
}

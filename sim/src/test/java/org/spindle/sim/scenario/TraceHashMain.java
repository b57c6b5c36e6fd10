package org.spindle.sim.scenario;

import java.nio.file.Path;

/** Runs a scenario with a seed and prints its trace hash: the other process of the determinism test. */
public final class TraceHashMain {
    private TraceHashMain() {}

    public static void main(String[] args) throws Exception {
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = loader.load(Path.of(args[0])).withSeed(Long.parseLong(args[1]));
        System.out.println(new ScenarioRunner(loader).run(s, null).traceHash());
    }
}

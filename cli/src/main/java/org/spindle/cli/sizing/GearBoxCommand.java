package org.spindle.cli.sizing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spindle.protocol.sizing.GearBoxSizing;
import org.spindle.protocol.sizing.GearBoxSizing.Gear;
import org.spindle.protocol.sizing.GearBoxSizing.Settling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spindle sizing gearbox}: gear sizes and the gear-settling simulation. */
@Command(name = "gearbox", mixinStandardHelpOptions = true,
        description = "GearBox gear sizes (binomial tail) and the gear-settling simulation of the authors' notebook.")
final class GearBoxCommand extends SizingSubcommand {
    static final int MAX_RUNS = 100_000;

    @Option(names = "--nodes", defaultValue = "5000", description = "Network size N. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--adversary", required = true, description = "Adversarial fraction in the run, in [0,1).")
    double adversary;

    @Option(names = "--runs", defaultValue = "1000", description = "Repetitions (1.." + MAX_RUNS + "). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--gear-adversary", defaultValue = "0.33", description = "Pa the gears are sized for. Default: ${DEFAULT-VALUE}.")
    double gearAdversary;

    @Option(names = "--gear-target", defaultValue = "1e-9", description = "Per-gear failure target. Default: ${DEFAULT-VALUE}.")
    double gearTarget;

    @Option(names = "--largest-gear", description = "Override the last gear's size (the Fig. 7/9 captions use 329; computed default 293).")
    Integer largestGear;

    @Override
    void run() {
        requireAtLeast("--nodes", nodes, 1);
        requireFraction("--adversary", adversary);
        requireFraction("--gear-adversary", gearAdversary);
        requireProbability("--gear-target", gearTarget);
        requireAtLeast("--runs", runs, 1);
        if (runs > MAX_RUNS) {
            throw usage("--runs must be at most " + MAX_RUNS + ", got " + runs);
        }
        for (double l : GearBoxSizing.LIVENESS_THRESHOLDS) {
            if (gearAdversary >= 1 - l) {
                throw usage("--gear-adversary must be below " + (1 - l) + " so that every gear can be sized, got " + gearAdversary);
            }
        }
        List<Gear> gears = GearBoxSizing.gearSizes(gearAdversary, gearTarget, GearBoxSizing.LIVENESS_THRESHOLDS);
        List<Integer> sizes = new ArrayList<>(gears.stream().map(Gear::size).toList());
        if (largestGear != null) {
            requireAtLeast("--largest-gear", largestGear, 1);
            sizes.set(sizes.size() - 1, largestGear);
        }
        int biggest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (biggest > nodes) {
            throw usage("--nodes (" + nodes + ") must be at least the largest gear (" + biggest + ")");
        }
        var setup = new GearBoxSizing.Setup(nodes, adversary, sizes, GearBoxSizing.LIVENESS_THRESHOLDS);
        Settling s = GearBoxSizing.settle(setup, runs, seed);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("nodes", nodes);
        f.put("adversary", adversary);
        f.put("runs", runs);
        f.put("seed", seed);
        f.put("shards", setup.shards());
        f.put("gearSizes", sizes);
        f.put("livenessThresholds", GearBoxSizing.LIVENESS_THRESHOLDS);
        f.put("gearFailure", gears.stream().map(Gear::failure).toList());
        f.put("gearShare", s.gearShare());
        f.put("expectedGearShare", s.expectedGearShare());
        f.put("meanSize", s.meanSize());
        f.put("expectedMeanSize", s.expectedMeanSize());
        f.put("overlap", s.overlap());
        f.put("largestGearUsed", s.largestGearUsed());
        f.put("maxTimeBound", s.maxTimeBound());
        f.put("throughput", s.throughput());
        if (json) {
            printJson(f);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            rows.add(List.of(String.valueOf(sizes.get(i)), num(GearBoxSizing.LIVENESS_THRESHOLDS.get(i)), num(gears.get(i).failure()),
                    num(GearBoxSizing.timeBound(sizes.get(i))),
                    String.format(Locale.ROOT, "%.2f", 100 * s.gearShare().get(i)),
                    String.format(Locale.ROOT, "%.2f", 100 * s.expectedGearShare().get(i))));
        }
        printTable("GearBox gears (sized for Pa=" + num(gearAdversary) + " at " + num(gearTarget) + ") and where "
                        + setup.shards() + " shards settled over " + runs + " runs (seed " + seed + ", adversary " + num(adversary) + ")",
                List.of("size", "L", "P_fail", "time bound (s)", "share %", "expected %"), rows);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("meanSize", s.meanSize());
        summary.put("expectedMeanSize", s.expectedMeanSize());
        summary.put("overlap", s.overlap());
        summary.put("largestGearUsed", s.largestGearUsed());
        summary.put("throughput", s.throughput());
        printFields("Summary (throughput = (N/26)*4096/T_max/overlap tx/s)", summary);
    }
}

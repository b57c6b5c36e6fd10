package org.spindle.sim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * The runs of a sweep, all checked before the first one starts: every scenario file (files,
 * directories of {@code *.yaml}, or glob patterns), each once per value of the varied key, with the
 * fixed overrides applied first. A bad file, key or value fails here, naming it.
 */
public record SweepPlan(List<SweepRun> runs) {
    /** An upper bound on one sweep, so a typo in a value list cannot start days of runs. */
    public static final int MAX_RUNS = 1000;

    public SweepPlan {
        runs = List.copyOf(runs);
    }

    /**
     * @param inputs scenario files, directories or glob patterns, in order
     * @param varied one override per value of the varied key, or empty to run each file once
     * @param fixed overrides applied to every run (before the varied one)
     * @param xKey the dotted key plotted on the x axis; null means the varied key, else {@code nodes}
     * @param seed overrides every scenario's seed when non-null
     */
    public static SweepPlan build(List<String> inputs, List<ScenarioOverride> varied, List<ScenarioOverride> fixed,
            String xKey, Long seed, ScenarioLoader loader) throws SweepException {
        List<Path> files = expand(inputs);
        String x = xKey != null ? ScenarioOverride.key("--x", xKey)
                : varied.isEmpty() ? "nodes" : varied.getFirst().key();
        long total = (long) files.size() * Math.max(1, varied.size());
        if (total > MAX_RUNS) {
            throw new SweepException("the sweep would make " + total + " runs; at most " + MAX_RUNS + " are allowed");
        }
        List<SweepRun> runs = new ArrayList<>();
        for (Path file : files) {
            for (int v = 0; v < Math.max(1, varied.size()); v++) {
                ScenarioTree tree = ScenarioTree.read(file);
                List<ScenarioOverride> applied = new ArrayList<>();
                for (ScenarioOverride o : fixed) {
                    tree.set("--set", o);
                    applied.add(o);
                }
                if (!varied.isEmpty()) {
                    tree.set("--vary", varied.get(v));
                    applied.add(varied.get(v));
                }
                Scenario s = parse(tree, file, applied, loader);
                if (seed != null) {
                    s = s.withSeed(seed);
                }
                runs.add(new SweepRun(runs.size() + 1, file, applied, s, x, xValue(tree, x, file)));
            }
        }
        return new SweepPlan(runs);
    }

    /** Reads {@code file} with {@code overrides} (from {@code --set}) applied in order. */
    public static Scenario load(Path file, List<ScenarioOverride> overrides, ScenarioLoader loader)
            throws SweepException {
        ScenarioTree tree = ScenarioTree.read(file);
        for (ScenarioOverride o : overrides) {
            tree.set("--set", o);
        }
        return parse(tree, file, overrides, loader);
    }

    private static Scenario parse(ScenarioTree tree, Path file, List<ScenarioOverride> applied, ScenarioLoader loader)
            throws SweepException {
        try {
            return loader.parse(tree.yaml(), file.toString());
        } catch (ScenarioException e) {
            throw new SweepException(e.getMessage() + (applied.isEmpty() ? ""
                    : " (with " + String.join(" ", applied.stream().map(ScenarioOverride::toString).toList()) + ")"),
                    e);
        }
    }

    private static double xValue(ScenarioTree tree, String key, Path file) throws SweepException {
        JsonNode n = tree.get(key);
        if (n == null || n.isNull()) {
            throw new SweepException("--x " + key + ": scenario " + file + " does not set that key (set it in the "
                    + "file, with --set, or vary it with --vary)");
        }
        if (!n.isNumber()) {
            throw new SweepException("--x " + key + ": scenario " + file + " has '" + n.asText()
                    + "' there, not a number");
        }
        return n.asDouble();
    }

    /** Files as given; a directory gives its {@code *.yaml} and {@code *.yml} files in name order. */
    static List<Path> expand(List<String> inputs) throws SweepException {
        if (inputs.isEmpty()) {
            throw new SweepException("no scenario given: name scenario files, directories or glob patterns");
        }
        List<Path> out = new ArrayList<>();
        for (String in : inputs) {
            if (in.indexOf('*') >= 0 || in.indexOf('?') >= 0) {
                List<Path> matched = glob(in);
                if (matched.isEmpty()) {
                    throw new SweepException("scenario pattern '" + in + "' matches no file");
                }
                out.addAll(matched);
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                List<Path> yaml = list(p, FileSystems.getDefault().getPathMatcher("glob:*.{yaml,yml}"));
                if (yaml.isEmpty()) {
                    throw new SweepException("scenario directory '" + in + "' holds no .yaml file");
                }
                out.addAll(yaml);
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new SweepException("scenario '" + in + "' does not exist");
            }
        }
        return out;
    }

    private static List<Path> glob(String pattern) throws SweepException {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        if (dir.toString().indexOf('*') >= 0 || dir.toString().indexOf('?') >= 0) {
            throw new SweepException("scenario pattern '" + pattern + "': only the file name may hold * or ?");
        }
        if (!Files.isDirectory(dir)) {
            throw new SweepException("scenario pattern '" + pattern + "': directory " + dir + " does not exist");
        }
        return list(dir, FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName()));
    }

    private static List<Path> list(Path dir, PathMatcher names) throws SweepException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> names.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new SweepException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}

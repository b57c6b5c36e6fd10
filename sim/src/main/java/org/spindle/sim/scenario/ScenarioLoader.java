package org.spindle.sim.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.sim.CpuCosts;
import org.spindle.sim.baseline.BaselineSetup;
import org.spindle.sim.Fault;
import org.spindle.sim.LatencyModel;
import org.spindle.sim.NetworkConfig;
import org.spindle.sim.consensus.BftSetup;
import org.spindle.sim.gossip.GossipSetup;
import org.spindle.sim.reticulum.ReticulumSetup;

/**
 * Reads scenario YAML. Unknown keys, missing required keys, negative or zero rates and unknown
 * protocols are rejected with a message that names the file and the key (as a dotted path).
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Map<String, ProtocolSetup> protocols = new TreeMap<>();

    public ScenarioLoader() {
        register(new GossipSetup());
        register(new BftSetup());
        register(new BaselineSetup());
        register(new ReticulumSetup());
        register(new org.spindle.sim.spiralshard.SpiralShardSetup());
    }

    public ScenarioLoader register(ProtocolSetup setup) {
        protocols.put(setup.name(), setup);
        return this;
    }

    public ProtocolSetup protocol(String name) {
        return protocols.get(name);
    }

    /** The mapper protocol setups use to bind their parameters, strict about unknown keys. */
    public static ObjectMapper mapper() {
        return YAML;
    }

    public Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public Scenario parse(String yaml, String source) throws ScenarioException {
        ScenarioFile f;
        try {
            f = YAML.readValue(yaml, ScenarioFile.class);
        } catch (JacksonException e) {
            throw bind(source, "", e);
        }
        if (f == null) {
            throw new ScenarioException(source + ": the scenario file is empty");
        }
        Check c = new Check(source);
        String name = f.name() != null ? f.name() : Path.of(source).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        long seed = f.seed() != null ? f.seed() : 1L;
        int nodes = c.positive("nodes", c.required("nodes", f.nodes()));
        long duration = c.micros("durationSeconds", c.positive("durationSeconds", c.required("durationSeconds",
                f.durationSeconds())) * 1000.0);
        long sample = f.sampleIntervalMs() == null ? 0 : c.micros("sampleIntervalMs",
                c.nonNegative("sampleIntervalMs", f.sampleIntervalMs()));
        NetworkConfig network = network(c, f.network());
        CpuCosts cpu = cpu(c, f.cpu());
        String crypto = f.crypto() == null ? "modelled" : f.crypto();
        if (!crypto.equals("modelled") && !crypto.equals("real")) {
            throw new ScenarioException(source + ": key 'crypto' must be 'modelled' (unforgeable in-simulation "
                    + "signatures checked in O(1)) or 'real' (Ed25519 signatures), got '" + crypto + "'");
        }
        List<Scenario.TimedFault> faults = faults(c, f.faults(), nodes);
        if (f.protocol() == null || f.protocol().isNull()) {
            throw new ScenarioException(source + ": missing key 'protocol' (one of " + protocols.keySet() + ")");
        }
        if (!f.protocol().isObject()) {
            throw new ScenarioException(source + ": key 'protocol' must be a mapping with a 'name'");
        }
        JsonNode pname = f.protocol().get("name");
        if (pname == null || !pname.isTextual()) {
            throw new ScenarioException(source + ": missing key 'protocol.name' (one of " + protocols.keySet() + ")");
        }
        ProtocolSetup setup = protocols.get(pname.asText());
        if (setup == null) {
            throw new ScenarioException(source + ": unknown protocol '" + pname.asText() + "' at key 'protocol.name'"
                    + " (known: " + protocols.keySet() + ")");
        }
        ObjectNode params = ((ObjectNode) f.protocol()).deepCopy();
        params.remove("name");
        Scenario s = new Scenario(name, source, seed, nodes, duration, sample, network, cpu, crypto, faults,
                setup.name(), params);
        setup.deploy(params, s); // checks the parameters now, not when the run starts
        return s;
    }

    /**
     * Binds the mapping at dotted key {@code key} of scenario file {@code source} to a record of
     * optional values; an unknown or mistyped key fails naming the file and the dotted key.
     */
    public static <T> T bindParams(JsonNode node, Class<T> type, String source, String key)
            throws ScenarioException {
        try {
            return mapper().treeToValue(node, type);
        } catch (JacksonException e) {
            throw bind(source, key, e);
        }
    }

    /** Turns a Jackson binding error into one that names the file and the dotted key. */
    public static ScenarioException bind(String source, String prefix, JacksonException e) {
        String path = prefix;
        if (e instanceof JsonMappingException m) {
            StringBuilder b = new StringBuilder(prefix);
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                }
            }
            path = b.toString();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new ScenarioException(source + ": unknown key '" + path + "' (allowed here: "
                    + u.getKnownPropertyIds() + ")", e);
        }
        return new ScenarioException(source + ": bad value at key '" + path + "': " + e.getOriginalMessage(), e);
    }

    private static NetworkConfig network(Check c, ScenarioFile.NetworkSection n) throws ScenarioException {
        if (n == null) {
            return NetworkConfig.DEFAULTS;
        }
        double up = n.uplinkMbps() == null ? 50 : c.positive("network.uplinkMbps", n.uplinkMbps());
        double down = n.downlinkMbps() == null ? 50 : c.positive("network.downlinkMbps", n.downlinkMbps());
        LatencyModel latency = n.latency() == null ? NetworkConfig.DEFAULTS.latency() : latency(c, n.latency());
        return new NetworkConfig(Math.round(up * NetworkConfig.MBPS), Math.round(down * NetworkConfig.MBPS), latency);
    }

    private static LatencyModel latency(Check c, ScenarioFile.LatencySection l) throws ScenarioException {
        String d = c.required("network.latency.distribution", l.distribution());
        String k = "network.latency.";
        return switch (d) {
            case "fixed" -> new LatencyModel.Fixed(c.micros(k + "ms", c.nonNegative(k + "ms", c.required(k + "ms", l.ms()))));
            case "uniform" -> {
                long min = c.micros(k + "minMs", c.nonNegative(k + "minMs", c.required(k + "minMs", l.minMs())));
                long max = c.micros(k + "maxMs", c.nonNegative(k + "maxMs", c.required(k + "maxMs", l.maxMs())));
                if (max < min) {
                    throw c.fail(k + "maxMs", "must be at least minMs");
                }
                yield new LatencyModel.Uniform(min, max);
            }
            case "normal" -> new LatencyModel.Normal(
                    c.nonNegative(k + "meanMs", c.required(k + "meanMs", l.meanMs())) * 1000.0,
                    c.nonNegative(k + "stddevMs", c.required(k + "stddevMs", l.stddevMs())) * 1000.0);
            case "lognormal" -> new LatencyModel.LogNormal(
                    c.positive(k + "medianMs", c.required(k + "medianMs", l.medianMs())) * 1000.0,
                    c.nonNegative(k + "sigma", c.required(k + "sigma", l.sigma())));
            default -> throw c.fail(k + "distribution", "must be one of fixed, uniform, normal, lognormal, got '"
                    + d + "'");
        };
    }

    private static CpuCosts cpu(Check c, ScenarioFile.CpuSection s) throws ScenarioException {
        if (s == null) {
            return CpuCosts.DEFAULTS;
        }
        CpuCosts d = CpuCosts.DEFAULTS;
        return new CpuCosts(
                s.verifyMicros() == null ? d.verifyMicros() : c.nonNegative("cpu.verifyMicros", s.verifyMicros()),
                s.signMicros() == null ? d.signMicros() : c.nonNegative("cpu.signMicros", s.signMicros()),
                s.hashMicros() == null ? d.hashMicros() : c.nonNegative("cpu.hashMicros", s.hashMicros()),
                s.perMessageMicros() == null ? d.perMessageMicros()
                        : c.nonNegative("cpu.perMessageMicros", s.perMessageMicros()));
    }

    private static List<Scenario.TimedFault> faults(Check c, List<ScenarioFile.FaultSection> list, int nodes)
            throws ScenarioException {
        List<Scenario.TimedFault> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            ScenarioFile.FaultSection f = list.get(i);
            String k = "faults[" + i + "].";
            long at = c.micros(k + "atMs", c.nonNegative(k + "atMs", c.required(k + "atMs", f.atMs())));
            String kind = c.required(k + "kind", f.kind());
            Fault fault = switch (kind) {
                case "crash" -> new Fault.Crash(c.nodes(k + "nodes", c.required(k + "nodes", f.nodes()), nodes));
                case "restart" -> new Fault.Restart(c.nodes(k + "nodes", c.required(k + "nodes", f.nodes()), nodes));
                case "partition" -> new Fault.Partition(c.groups(k + "groups", c.required(k + "groups", f.groups()),
                        nodes, false));
                case "heal" -> new Fault.Heal();
                case "cut" -> new Fault.Cut(c.groups(k + "links", c.required(k + "links", f.links()), nodes, true));
                case "restore" -> new Fault.Restore(c.groups(k + "links", c.required(k + "links", f.links()), nodes,
                        true));
                default -> throw c.fail(k + "kind", "must be one of crash, restart, partition, heal, cut, restore, got '"
                        + kind + "'");
            };
            out.add(new Scenario.TimedFault(at, fault));
        }
        return List.copyOf(out);
    }

    /** Value checks that name the file and key. */
    public record Check(String source) {
        public ScenarioException fail(String key, String why) {
            return new ScenarioException(source + ": key '" + key + "' " + why);
        }

        public <T> T required(String key, T value) throws ScenarioException {
            if (value == null) {
                throw new ScenarioException(source + ": missing key '" + key + "'");
            }
            return value;
        }

        public double positive(String key, double v) throws ScenarioException {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw fail(key, "must be positive, got " + v);
            }
            return v;
        }

        public int positive(String key, int v) throws ScenarioException {
            if (v <= 0) {
                throw fail(key, "must be positive, got " + v);
            }
            return v;
        }

        public double nonNegative(String key, double v) throws ScenarioException {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw fail(key, "must not be negative, got " + v);
            }
            return v;
        }

        public long nonNegative(String key, long v) throws ScenarioException {
            if (v < 0) {
                throw fail(key, "must not be negative, got " + v);
            }
            return v;
        }

        /** Milliseconds to whole microseconds. */
        public long micros(String key, double ms) throws ScenarioException {
            double us = ms * 1000.0;
            if (us > Long.MAX_VALUE / 4.0) {
                throw fail(key, "is too large");
            }
            return Math.round(us);
        }

        List<Integer> nodes(String key, List<Integer> list, int n) throws ScenarioException {
            for (Integer i : list) {
                if (i == null || i < 0 || i >= n) {
                    throw fail(key, "names node " + i + ", outside 0.." + (n - 1));
                }
            }
            return List.copyOf(list);
        }

        List<List<Integer>> groups(String key, List<List<Integer>> groups, int n, boolean pairs)
                throws ScenarioException {
            List<List<Integer>> out = new ArrayList<>();
            for (List<Integer> g : groups) {
                if (pairs && g.size() != 2) {
                    throw fail(key, "entries must be pairs of nodes, got " + g);
                }
                out.add(nodes(key, g, n));
            }
            return List.copyOf(out);
        }
    }
}

package org.spindle.sim.gossip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.gossip.RandomOverlay;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.sim.metrics.HistogramSummary;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.scenario.ProtocolSetup;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * {@code protocol: {name: gossip, ...}}: every node subscribes to one topic over a random overlay of
 * fixed degree; {@code messages} items of {@code messageBytes} are published from random nodes,
 * one every {@code intervalMs} from {@code startMs}. Reports coverage, duplicate ratio and
 * propagation latency percentiles.
 */
public final class GossipSetup implements ProtocolSetup {
    /** The {@code protocol:} keys of a gossip scenario; absent ones take the defaults below. */
    record Params(Integer degree, Integer messages, Integer messageBytes, Double intervalMs, Double startMs,
            String topic, Integer seenCapacity, Boolean signed) {}

    @Override
    public String name() {
        return "gossip";
    }

    @Override
    public Deployment deploy(JsonNode params, Scenario s) throws ScenarioException {
        Params p = ScenarioLoader.bindParams(params, Params.class, s.source(), "protocol");
        ScenarioLoader.Check c = new ScenarioLoader.Check(s.source());
        int degree = p.degree() == null ? 8 : c.positive("protocol.degree", p.degree());
        if ((degree & 1) != 0 || degree >= s.nodes()) {
            throw c.fail("protocol.degree", "must be even and below the node count " + s.nodes() + ", got " + degree);
        }
        int messages = p.messages() == null ? 10 : (int) c.nonNegative("protocol.messages", (long) p.messages());
        int bytes = p.messageBytes() == null ? 1024 : (int) c.nonNegative("protocol.messageBytes", (long) p.messageBytes());
        long interval = c.micros("protocol.intervalMs", p.intervalMs() == null ? 10.0
                : c.nonNegative("protocol.intervalMs", p.intervalMs()));
        long start = c.micros("protocol.startMs", p.startMs() == null ? 500.0
                : c.nonNegative("protocol.startMs", p.startMs()));
        int seen = p.seenCapacity() == null ? 512 : c.positive("protocol.seenCapacity", p.seenCapacity());
        String topic = p.topic() == null ? "blocks" : p.topic();
        GossipConfig config;
        try {
            config = new GossipConfig(List.of(topic), Math.max(2, seen), p.signed() != null && p.signed());
            new Publication(0, topic, bytes);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.source() + ": bad gossip parameter under key 'protocol': " + e.getMessage());
        }
        int n = s.nodes();
        int[][] overlay = RandomOverlay.build(n, degree, s.seed() ^ 0x6F7665726C6179L);
        NodeId[] ids = new NodeId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = NodeId.of(i);
        }
        NodeId[][] neighbours = new NodeId[n][];
        for (int i = 0; i < n; i++) {
            neighbours[i] = new NodeId[degree];
            for (int k = 0; k < degree; k++) {
                neighbours[i][k] = ids[overlay[i][k]];
            }
        }
        List<List<Publication>> byNode = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byNode.add(new ArrayList<>());
        }
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0x7075626C697368L);
        for (int k = 0; k < messages; k++) {
            byNode.get(rnd.nextInt(n)).add(new Publication(start + k * interval, topic, bytes));
        }
        ProtocolFactory factory = ctx -> {
            int i = ctx.self().index();
            return new TopicGossip(ctx, neighbours[i], config, byNode.get(i));
        };
        return new Deployment() {
            @Override
            public ProtocolFactory factory() {
                return factory;
            }

            @Override
            public Map<String, Object> summarize(MetricsRecorder m) {
                return summary(m, n);
            }
        };
    }

    static Map<String, Object> summary(MetricsRecorder m, int nodes) {
        long published = m.counterValue("gossip.published");
        long delivered = m.counterValue("gossip.delivered");
        long duplicates = m.counterValue("gossip.duplicates");
        long expected = published * (nodes - 1L);
        HistogramSummary lat = m.summary("gossip.latencyMicros");
        HistogramSummary hops = m.summary("gossip.hops");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("published", published);
        out.put("delivered", delivered);
        out.put("coverage", expected == 0 ? 0.0 : delivered / (double) expected);
        out.put("duplicates", duplicates);
        out.put("duplicateRatio", delivered + duplicates == 0 ? 0.0 : duplicates / (double) (delivered + duplicates));
        out.put("rejected", m.counterValue("gossip.rejected"));
        out.put("latencyP50Ms", lat.p50() / 1000.0);
        out.put("latencyP90Ms", lat.p90() / 1000.0);
        out.put("latencyP99Ms", lat.p99() / 1000.0);
        out.put("latencyMaxMs", lat.max() / 1000.0);
        out.put("hopsMean", hops.mean());
        out.put("hopsMax", hops.max());
        return out;
    }
}

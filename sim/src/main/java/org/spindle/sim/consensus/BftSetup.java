package org.spindle.sim.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.metrics.HistogramSummary;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.scenario.ProtocolSetup;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * {@code protocol: {name: bft, ...}}: every node is a member of one BFT shard. Blocks carry
 * {@code txPerBlock} synthetic transactions of {@code txBytes}; view 0 times out after
 * {@code baseTimeoutMs}, doubling per failed view up to {@code maxDoublings} times. {@code quorum}
 * overrides 2f+1 (only to show what breaks). {@code adversaries} lists {@code {nodes, kind, atMs,
 * delayMs}} with kind one of crash, silent, delayed, equivocating-leader, double-voting,
 * invalid-proposal, alive-but-corrupt.
 *
 * <p>Reports blocks committed (the longest honest chain), blocks per second over the run, commit
 * latency percentiles (proposal to commit at each node), view changes, rejected messages and safety
 * violations.
 */
public final class BftSetup implements ProtocolSetup {
    record AdversarySection(List<Integer> nodes, String kind, Double atMs, Double delayMs) {}

    record Params(Integer txPerBlock, Integer txBytes, Double baseTimeoutMs, Integer maxDoublings, Integer quorum,
            List<AdversarySection> adversaries) {}

    @Override
    public String name() {
        return "bft";
    }

    @Override
    public Deployment deploy(JsonNode params, Scenario s) throws ScenarioException {
        Params p = ScenarioLoader.bindParams(params, Params.class, s.source(), "protocol");
        ScenarioLoader.Check c = new ScenarioLoader.Check(s.source());
        int n = s.nodes();
        int tx = p.txPerBlock() == null ? 4096 : (int) c.nonNegative("protocol.txPerBlock", (long) p.txPerBlock());
        int txBytes = p.txBytes() == null ? 512 : (int) c.nonNegative("protocol.txBytes", (long) p.txBytes());
        long timeout = c.micros("protocol.baseTimeoutMs", p.baseTimeoutMs() == null ? 2000.0
                : c.positive("protocol.baseTimeoutMs", p.baseTimeoutMs()));
        int doublings = p.maxDoublings() == null ? 6 : (int) c.nonNegative("protocol.maxDoublings",
                (long) p.maxDoublings());
        SyntheticPayloads rules;
        BftConfig config;
        try {
            rules = new SyntheticPayloads(tx, txBytes, false);
            BftConfig std = BftConfig.standard(BftCluster.members(n), timeout);
            config = new BftConfig(std.members(), p.quorum() == null ? std.quorum() : p.quorum(), timeout, doublings,
                    std.viewWindow(), std.futureHeights(), std.futureBuffer(), std.maxBlockBytes());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.source() + ": bad bft parameter under key 'protocol': " + e.getMessage());
        }
        Assignment[] behaviours = new Assignment[n];
        Arrays.fill(behaviours, Assignment.HONEST);
        List<AdversarySection> advs = p.adversaries() == null ? List.of() : p.adversaries();
        for (int i = 0; i < advs.size(); i++) {
            AdversarySection a = advs.get(i);
            String k = "protocol.adversaries[" + i + "].";
            Behaviour b;
            try {
                b = Behaviour.parse(c.required(k + "kind", a.kind()));
            } catch (IllegalArgumentException e) {
                throw c.fail(k + "kind", "must be one of " + Arrays.stream(Behaviour.values())
                        .map(Behaviour::yamlName).toList() + ", got '" + a.kind() + "'");
            }
            long at = a.atMs() == null ? 0 : c.micros(k + "atMs", c.nonNegative(k + "atMs", a.atMs()));
            long delay = a.delayMs() == null ? Assignment.of(b).delayMicros()
                    : c.micros(k + "delayMs", c.nonNegative(k + "delayMs", a.delayMs()));
            for (Integer node : c.required(k + "nodes", a.nodes())) {
                if (node == null || node < 0 || node >= n) {
                    throw c.fail(k + "nodes", "names node " + node + ", outside 0.." + (n - 1));
                }
                behaviours[node] = new Assignment(b, at, delay);
            }
        }
        BftCluster cluster = new BftCluster(config, rules, List.of(behaviours), new SafetyChecker());
        ProtocolFactory factory = cluster.factory();
        double seconds = s.durationMicros() / 1e6;
        return new Deployment() {
            @Override
            public ProtocolFactory factory() {
                return factory;
            }

            @Override
            public Map<String, Object> summarize(MetricsRecorder m) {
                return summary(m, cluster, seconds);
            }
        };
    }

    static Map<String, Object> summary(MetricsRecorder m, BftCluster cluster, double seconds) {
        SafetyChecker checker = cluster.checker();
        int blocks = checker.longestChain();
        HistogramSummary lat = m.summary("bft.commitLatencyMicros");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", cluster.config().members().size());
        out.put("quorum", cluster.config().quorum());
        out.put("honest", cluster.honest().size());
        out.put("blocksCommitted", blocks);
        out.put("slowestHonestChain", checker.shortestChain(cluster.honest()));
        out.put("blocksPerSecond", seconds <= 0 ? 0.0 : blocks / seconds);
        out.put("commitLatencyP50Ms", lat.p50() / 1000.0);
        out.put("commitLatencyP99Ms", lat.p99() / 1000.0);
        out.put("commitLatencyMaxMs", lat.max() / 1000.0);
        out.put("lastCommitSeconds", checker.lastCommitMicros() / 1e6);
        out.put("proposals", m.counterValue("bft.proposals"));
        out.put("viewChanges", m.counterValue("bft.viewChanges"));
        out.put("syncAdopted", m.counterValue("bft.syncAdopted"));
        out.put("lockRefusals", m.counterValue("bft.lockRefusals"));
        out.put("rejected", m.counterValue("bft.rejected"));
        List<String> violations = new ArrayList<>();
        checker.violations().forEach(v -> violations.add(v.what()));
        out.put("safetyViolations", violations.size());
        out.put("safe", checker.safe());
        return out;
    }
}

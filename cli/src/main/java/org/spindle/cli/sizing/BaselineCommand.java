package org.spindle.cli.sizing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spindle.protocol.sizing.BaselineSizing;
import org.spindle.protocol.sizing.BaselineSizing.Model;
import org.spindle.protocol.sizing.ThresholdRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spindle sizing baseline}: RapidChain/Harmony-style single-layer shard size. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Smallest single-layer shard whose failure probability is below --target (hypergeometric, N fixed).")
final class BaselineCommand extends SizingSubcommand {
    @Option(names = "--nodes", required = true, description = "Network size N.")
    long nodes;

    @Option(names = "--adversary", required = true, description = "Adversarial fraction f in [0,1); K = floor(f*N).")
    double adversary;

    @Option(names = "--model", defaultValue = "sync", description = "sync (threshold 1/2) or psync (threshold 1/3). Default: ${DEFAULT-VALUE}.")
    Model model;

    @Option(names = "--target", required = true, description = "Failure probability to stay below, in (0,1).")
    double target;

    @Option(names = "--tie-rule", defaultValue = "TIE_FAILS",
            description = "TIE_FAILS (x >= ceil(m/d), default) or STRICTLY_MORE (x >= floor(m/d)+1).")
    ThresholdRule rule;

    @Option(names = "--union-bound", description = "Require (N/m)*P_fail(m) < target over all shards instead of per shard.")
    boolean unionBound;

    @Override
    void run() {
        requireAtLeast("--nodes", nodes, 1);
        requireFraction("--adversary", adversary);
        requireProbability("--target", target);
        var r = BaselineSizing.size(new BaselineSizing.Query(nodes, adversary, model, rule, target, unionBound));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("nodes", nodes);
        fields.put("adversary", adversary);
        fields.put("adversarialNodes", r.adversarialNodes());
        fields.put("model", model.name().toLowerCase(java.util.Locale.ROOT));
        fields.put("threshold", "1/" + model.divisor());
        fields.put("tieRule", rule.name());
        fields.put("target", target);
        fields.put("unionBound", unionBound);
        fields.put("shardSize", r.shardSize().isPresent() ? r.shardSize().getAsLong() : null);
        fields.put("shards", r.shards());
        fields.put("shardFailure", r.shardSize().isPresent() ? r.shardFailure() : null);
        fields.put("systemFailure", r.shardSize().isPresent() ? r.systemFailure() : null);
        fields.put("binomialShardSize", r.binomialShardSize().isPresent() ? r.binomialShardSize().getAsLong() : null);
        if (json) {
            printJson(fields);
        } else {
            printFields("Baseline shard size (hypergeometric; binomial for comparison)", fields);
        }
    }
}

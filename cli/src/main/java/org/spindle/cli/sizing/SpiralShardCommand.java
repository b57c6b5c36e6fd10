package org.spindle.cli.sizing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spindle.protocol.sizing.SpiralShardSizing;
import org.spindle.protocol.sizing.SpiralShardSizing.Bounds;
import org.spindle.protocol.sizing.SpiralShardSizing.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spindle sizing spiralshard}: per-case and system failure bounds, or a search for the most shards. */
@Command(name = "spiralshard", mixinStandardHelpOptions = true,
        description = "SpiralShard failure bounds for N, n, g, f, f_B; --search finds the configuration with the most shards under --target.")
final class SpiralShardCommand extends SizingSubcommand {
    @Option(names = "--nodes", required = true, description = "Network size N.")
    long nodes;

    @Option(names = "--shard-size", description = "Shard size n (not with --search).")
    Integer shardSize;

    @Option(names = "--group-size", description = "Endorsement group size g, in shards (not with --search).")
    Integer groupSize;

    @Option(names = "--malicious", required = true, description = "Malicious fraction f in [0,1) (Byzantine + alive-but-corrupt).")
    double malicious;

    @Option(names = "--byzantine", required = true, description = "Byzantine fraction f_B in [0,1), at most --malicious.")
    double byzantine;

    @Option(names = "--target", description = "Per-epoch system bound to meet, in (0,1). Default: 2^-17.")
    Double target;

    @Option(names = "--search", description = "Search for the configuration with the most shards meeting --target.")
    boolean search;

    @Option(names = "--max-group-size", description = "With --search: largest group size to consider (default: no limit).")
    Integer maxGroupSize;

    @Override
    void run() {
        requireAtLeast("--nodes", nodes, 1);
        requireFraction("--malicious", malicious);
        requireFraction("--byzantine", byzantine);
        if (byzantine > malicious) {
            throw usage("--byzantine (" + byzantine + ") must not exceed --malicious (" + malicious + ")");
        }
        double goal = target == null ? SpiralShardSizing.NEGLIGIBLE_BOUND : target;
        requireProbability("--target", goal);
        Network net = new Network(nodes, malicious, byzantine);
        Map<String, Object> f = new LinkedHashMap<>();
        String title;
        if (search) {
            if (shardSize != null || groupSize != null) {
                throw usage("--search chooses --shard-size and --group-size itself; do not give them");
            }
            if (maxGroupSize != null) {
                requireAtLeast("--max-group-size", maxGroupSize, 1);
            }
            long start = System.nanoTime();
            var best = SpiralShardSizing.search(net, goal, maxGroupSize == null ? Integer.MAX_VALUE : maxGroupSize);
            long micros = (System.nanoTime() - start) / 1000;
            f.put("search", true);
            f.put("found", best.isPresent());
            best.ifPresent(b -> put(f, b));
            if (best.isEmpty()) {
                f.put("target", goal);
            }
            f.put("searchMillis", micros / 1000.0);
            title = "SpiralShard: configuration with the most shards under the target (group sizes dividing the shard count)";
        } else {
            requireGiven("--shard-size", shardSize);
            requireGiven("--group-size", groupSize);
            if (shardSize < 1 || shardSize > nodes) {
                throw usage("--shard-size must be in [1, --nodes=" + nodes + "], got " + shardSize);
            }
            long shards = nodes / shardSize;
            if (groupSize < 1 || groupSize > shards) {
                throw usage("--group-size must be in [1, " + shards + "] (the number of shards N/n), got " + groupSize);
            }
            put(f, SpiralShardSizing.bounds(net, shardSize, groupSize, goal));
            title = "SpiralShard failure bounds per epoch";
        }
        if (json) {
            printJson(f);
        } else {
            printFields(title, f);
        }
    }

    private void put(Map<String, Object> f, Bounds b) {
        f.put("nodes", b.nodes());
        f.put("malicious", malicious);
        f.put("byzantine", byzantine);
        f.put("shardSize", b.shardSize());
        f.put("groupSize", b.groupSize());
        f.put("shards", b.shards());
        f.put("groups", b.groups());
        f.put("case1", b.case1());
        f.put("case2", b.case2());
        f.put("case3", b.case3());
        f.put("groupBound", b.groupBound());
        f.put("systemBound", b.systemBound());
        f.put("target", b.target());
        f.put("meetsTarget", b.meetsTarget());
        f.put("formula", SpiralShardSizing.FORMULA);
    }
}

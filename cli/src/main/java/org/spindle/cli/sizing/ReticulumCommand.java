package org.spindle.cli.sizing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.protocol.sizing.ReticulumSizing;
import org.spindle.protocol.sizing.ReticulumThroughput;
import org.spindle.protocol.sizing.ReticulumThroughput.Form;
import org.spindle.protocol.sizing.ReticulumThroughput.Parameters;
import org.spindle.protocol.sizing.ThresholdRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spindle sizing reticulum}: four modes. Default: Algorithm 4 for --nodes/--adversary/--target.
 * {@code --table 1|2}: the paper's tables recomputed. {@code --tau}: Eq. 6. {@code --throughput}:
 * the Eq. 7/8 model (Fig. 5 rows and the Sec V-D figures).
 */
@Command(name = "reticulum", mixinStandardHelpOptions = true,
        description = "Reticulum process/control shard sizes (Alg. 4), Tables I/II (--table), tau (--tau), throughput model (--throughput).")
final class ReticulumCommand extends SizingSubcommand {
    @Option(names = "--nodes", description = "Network size N (Algorithm 4 mode).")
    Long nodes;

    @Option(names = "--adversary", description = "Maximum adversarial ratio Pa in [0,1) (Algorithm 4 mode).")
    Double adversary;

    @Option(names = "--target", description = "System failure target Pf_approx in (0,1) (Algorithm 4 mode).")
    Double target;

    @Option(names = "--tie-rule", defaultValue = "TIE_FAILS",
            description = "Control-shard failure: TIE_FAILS (X >= ceil(Nc/2), reproduces the tables) or STRICTLY_MORE (Eq. 3 literally).")
    ThresholdRule rule;

    @Option(names = "--table", paramLabel = "1|2", description = "Print the paper's Table I or II recomputed.")
    Integer table;

    @Option(names = "--tau", description = "Eq. 6: minimal tau for --success-rate with --process-shard-size.")
    boolean tau;

    @Option(names = "--throughput", description = "Eq. 7/8 throughput and storage model (Fig. 5 rows, Sec V-D figures).")
    boolean throughput;

    @Option(names = "--process-shard-size", description = "Np (--tau, --throughput; default 21 for --throughput).")
    Integer processShardSize;

    @Option(names = "--control-shard-size", defaultValue = "329", description = "Nc for --throughput. Default: ${DEFAULT-VALUE}.")
    int controlShardSize;

    @Option(names = "--control-shards", defaultValue = "15", description = "Control shards for --throughput. Default: ${DEFAULT-VALUE}.")
    long controlShards;

    @Option(names = "--success-rate", split = ",", description = "Rp in [0,1): one value for --tau; a list for --throughput (default Fig. 5's).")
    List<Double> successRates;

    @Option(names = "--lambda", defaultValue = "50", description = "Phase-2 time unit lambda in seconds. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--t1", defaultValue = "86", description = "Phase-1 bound T1 in seconds. Default: ${DEFAULT-VALUE}.")
    double t1;

    @Option(names = "--block-kb", defaultValue = "2048", description = "Process block size Bs in KB. Default: ${DEFAULT-VALUE}.")
    double blockKb;

    @Option(names = "--state-kb", defaultValue = "256", description = "Shard state size in KB. Default: ${DEFAULT-VALUE}.")
    double stateKb;

    @Option(names = "--delta", defaultValue = "10", description = "Network delay bound in seconds. Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--form", defaultValue = "NOTEBOOK",
            description = "NOTEBOOK (authors' notebook, reproduces Fig. 5) or EQUATION_8 (equations as printed).")
    Form form;

    @Override
    void run() {
        int modes = (table != null ? 1 : 0) + (tau ? 1 : 0) + (throughput ? 1 : 0);
        if (modes > 1) {
            throw usage("--table, --tau and --throughput are exclusive; pick one");
        }
        if (table != null) {
            printPaperTable();
        } else if (tau) {
            printTau();
        } else if (throughput) {
            printThroughput();
        } else {
            printPlan();
        }
    }

    private void printPlan() {
        requireGiven("--nodes", nodes);
        requireGiven("--adversary", adversary);
        requireGiven("--target", target);
        requireAtLeast("--nodes", nodes, 1);
        requireFraction("--adversary", adversary);
        if (adversary == 0 || adversary >= 0.5) {
            throw usage("--adversary must be in (0, 0.5) for Reticulum's majority control shards, got " + adversary);
        }
        requireProbability("--target", target);
        ReticulumSizing.Plan p;
        try {
            p = ReticulumSizing.plan(nodes, adversary, target, rule);
        } catch (IllegalArgumentException e) {
            throw usage("--nodes " + nodes + " is too small for --target " + target + ": " + e.getMessage());
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("nodes", p.nodes());
        f.put("adversary", p.adversary());
        f.put("target", p.target());
        f.put("tieRule", rule.name());
        f.put("processShardSize", p.processShardSize());
        f.put("controlShardSize", p.controlShardSize());
        f.put("processShards", p.processShards());
        f.put("controlShards", p.controlShards());
        f.put("processShardsPerControlShard", p.controlShardSize() / p.processShardSize());
        f.put("perShardFailure", p.perShardFailure());
        f.put("designBound", p.designBound());
        f.put("processShardFailure", p.processShardFailure());
        f.put("controlShardFailure", p.controlShardFailure());
        f.put("failureBound", p.failureBound());
        if (json) {
            printJson(f);
        } else {
            printFields("Reticulum sizing by Algorithm 4 (designBound = i*(beta+Lambda); failureBound uses the actual per-shard probabilities)", f);
        }
    }

    private void printPaperTable() {
        if (table != 1 && table != 2) {
            throw usage("--table must be 1 or 2, got " + table);
        }
        ReticulumSizing.Table t = table == 1 ? ReticulumSizing.table1(rule) : ReticulumSizing.table2(rule);
        List<List<String>> cells = t.cells().stream().map(r -> r.stream().map(Object::toString).toList()).toList();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("table", table);
            f.put("title", t.title());
            f.put("tieRule", rule.name());
            f.put("rows", t.rows());
            f.put("columns", t.columns());
            f.put("cells", cells);
            printJson(f);
            return;
        }
        List<String> header = new ArrayList<>();
        header.add(t.rowHeader());
        header.addAll(t.columns());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(t.rows().get(i));
            row.addAll(cells.get(i));
            rows.add(row);
        }
        printTable(t.title(), header, rows);
    }

    private void printTau() {
        requireGiven("--process-shard-size", processShardSize);
        requireGiven("--success-rate", successRates);
        requireAtLeast("--process-shard-size", processShardSize, 1);
        if (successRates.size() != 1) {
            throw usage("--tau takes exactly one --success-rate, got " + successRates.size());
        }
        double rate = successRates.getFirst();
        requireFraction("--success-rate", rate);
        long minimal = ReticulumSizing.minimalTau(processShardSize, rate);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("processShardSize", processShardSize);
        f.put("successRate", rate);
        f.put("tau", minimal);
        f.put("worstCaseSuccessRate", ReticulumSizing.worstCaseSuccessRate(processShardSize, minimal));
        if (json) {
            printJson(f);
        } else {
            printFields("Eq. 6: smallest tau >= Np with (tau - Np + 1)/tau >= Rp", f);
        }
    }

    private void printThroughput() {
        int np = processShardSize == null ? 21 : processShardSize;
        requireAtLeast("--process-shard-size", np, 1);
        if (controlShardSize < np) {
            throw usage("--control-shard-size (" + controlShardSize + ") must be at least --process-shard-size (" + np + ")");
        }
        requireAtLeast("--control-shards", controlShards, 1);
        if (!(lambda > 0)) {
            throw usage("--lambda must be positive, got " + lambda);
        }
        if (!(blockKb > 0)) {
            throw usage("--block-kb must be positive, got " + blockKb);
        }
        if (!(t1 >= 0) || !(stateKb >= 0) || !(delta >= 0)) {
            throw usage("--t1, --state-kb and --delta must be non-negative");
        }
        List<Double> rates = successRates == null ? ReticulumThroughput.FIG5_SUCCESS_RATES : successRates;
        for (double r : rates) {
            requireFraction("--success-rate", r);
        }
        Parameters p = new Parameters(np, controlShardSize, controlShards, lambda, t1, blockKb, stateKb, delta);
        List<ReticulumThroughput.Row> rows = rates.stream().map(r -> ReticulumThroughput.row(p, r, form)).toList();
        ReticulumThroughput.Derived d = ReticulumThroughput.derived(p);
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("form", form.name());
            f.put("parameters", p);
            f.put("rows", rows);
            f.put("derived", d);
            printJson(f);
            return;
        }
        List<List<String>> table = rows.stream().map(r -> List.of(num(r.successRate()), num(r.t2()), num(r.epochTime()),
                String.format(java.util.Locale.ROOT, "%.3f", r.txPerSecondPerControlShard()),
                String.format(java.util.Locale.ROOT, "%.2f", r.txPerSecondOverall()),
                String.format(java.util.Locale.ROOT, "%.3f", r.storagePerTxKb()))).toList();
        printTable("Reticulum throughput model (" + form.name() + " form), Np=" + np + ", Nc=" + controlShardSize
                        + ", " + controlShards + " control shards, lambda=" + num(lambda) + " s, T1=" + num(t1) + " s",
                List.of("Rp", "T2 (s)", "E_time (s)", "tx/s per control shard", "tx/s overall", "S_tx (KB/tx)"), table);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("worstCaseT2", d.worstCaseT2());
        f.put("uploadKbPerSecond", d.uploadKbPerSecond());
        f.put("t1Exact", d.t1Exact());
        f.put("worstCaseEpoch", d.worstCaseEpoch());
        f.put("bestCaseEpoch", d.bestCaseEpoch());
        f.put("rapidchainEpochExact", d.rapidchainEpochExact());
        f.put("rapidchainTxPerSecondOverall", d.rapidchainTxPerSecondOverall());
        f.put("rapidchainStoragePerTxKb", d.rapidchainStoragePerTxKb());
        printFields("Derived (Sec V-D): bandwidth UB, T1 and the Rapidchain baseline with the same UB", f);
    }
}

package org.spindle.sim.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spindle.core.bytes.Address;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;

/**
 * A workload as a scenario describes it (the {@code workload:} mapping of a protocol section),
 * checked. Times in µs. {@link #build} makes the {@link Workload} for a seed and shard count.
 *
 * <pre>
 * workload:
 *   kind: zipf            # uniform | zipf | csv
 *   accounts: 10000       # uniform, zipf
 *   zipfExponent: 1.0     # zipf
 *   file: workloads/sample-transfers.csv   # csv, relative to the scenario file
 *   loop: false           # csv: start over at the end
 *   rateTps: 1000         # offered load
 *   arrivals: poisson     # or constant
 *   crossShardRatio: 0.3  # uniform, zipf: chance the recipient is in another shard
 *   startMs: 0
 *   stopMs: ...           # default: never
 *   maxTransactions: ...  # default: no limit
 *   minValue: 1
 *   maxValue: 1000        # wei, uniform in [min, max]
 *   chainId: 1
 *   gasLimit: 21000
 *   maxFeePerGas: 1
 *   genesisBalance: "1000000000000000000000000"   # wei per account (csv: added to what a sender needs)
 * </pre>
 */
public record WorkloadSpec(Kind kind, int accounts, double zipfExponent, Path file, boolean loop, double rateTps,
        boolean poisson, double crossShardRatio, long startMicros, long stopMicros, long maxTransactions,
        long minValue, long maxValue, long chainId, long gasLimit, BigInteger maxFeePerGas,
        BigInteger genesisBalance) {

    public enum Kind { UNIFORM, ZIPF, CSV }

    public static final BigInteger DEFAULT_GENESIS_BALANCE = BigInteger.TEN.pow(24);

    /** The keys of a {@code workload:} mapping exactly as written; null when absent. */
    record Params(String kind, Integer accounts, Double zipfExponent, String file, Boolean loop, Double rateTps,
            String arrivals, Double crossShardRatio, Double startMs, Double stopMs, Long maxTransactions,
            Long minValue, Long maxValue, Long chainId, Long gasLimit, Long maxFeePerGas, String genesisBalance) {}

    /**
     * Reads a {@code workload:} mapping at dotted key {@code key} of scenario {@code source}; a
     * {@code file} is resolved against {@code baseDir} (the scenario file's directory).
     */
    public static WorkloadSpec fromJson(JsonNode node, String source, String key, Path baseDir)
            throws ScenarioException {
        if (node == null || !node.isObject()) {
            throw new ScenarioException(source + ": key '" + key + "' must be a mapping with a 'kind'");
        }
        Params p = ScenarioLoader.bindParams(node, Params.class, source, key);
        ScenarioLoader.Check c = new ScenarioLoader.Check(source);
        String k = key + ".";
        Kind kind = switch (c.required(k + "kind", p.kind())) {
            case "uniform" -> Kind.UNIFORM;
            case "zipf" -> Kind.ZIPF;
            case "csv" -> Kind.CSV;
            default -> throw c.fail(k + "kind", "must be one of uniform, zipf, csv, got '" + p.kind() + "'");
        };
        if (kind == Kind.CSV && p.accounts() != null) {
            throw c.fail(k + "accounts", "does not apply to kind csv: the file names the accounts");
        }
        if (kind != Kind.ZIPF && p.zipfExponent() != null) {
            throw c.fail(k + "zipfExponent", "only applies to kind zipf");
        }
        if (kind != Kind.CSV && p.loop() != null) {
            throw c.fail(k + "loop", "only applies to kind csv");
        }
        if (kind == Kind.CSV && (p.minValue() != null || p.maxValue() != null)) {
            throw c.fail(k + (p.minValue() != null ? "minValue" : "maxValue"),
                    "does not apply to kind csv: the file gives the values");
        }
        int accounts = p.accounts() == null ? 10_000 : c.positive(k + "accounts", p.accounts());
        double exponent = p.zipfExponent() == null ? 1.0 : c.nonNegative(k + "zipfExponent", p.zipfExponent());
        Path file = null;
        if (kind == Kind.CSV) {
            file = baseDir.resolve(c.required(k + "file", p.file()));
        } else if (p.file() != null) {
            throw c.fail(k + "file", "only applies to kind csv");
        }
        double rate = c.positive(k + "rateTps", c.required(k + "rateTps", p.rateTps()));
        boolean poisson = switch (p.arrivals() == null ? "poisson" : p.arrivals()) {
            case "poisson" -> true;
            case "constant" -> false;
            default -> throw c.fail(k + "arrivals", "must be poisson or constant, got '" + p.arrivals() + "'");
        };
        double cross = p.crossShardRatio() == null ? 0.0 : c.nonNegative(k + "crossShardRatio", p.crossShardRatio());
        if (cross > 1) {
            throw c.fail(k + "crossShardRatio", "must be at most 1, got " + cross);
        }
        if (kind == Kind.CSV && p.crossShardRatio() != null) {
            throw c.fail(k + "crossShardRatio", "does not apply to kind csv: the file decides which transfers cross");
        }
        long start = c.micros(k + "startMs", p.startMs() == null ? 0 : c.nonNegative(k + "startMs", p.startMs()));
        long stop = p.stopMs() == null ? Long.MAX_VALUE
                : c.micros(k + "stopMs", c.nonNegative(k + "stopMs", p.stopMs()));
        long max = p.maxTransactions() == null ? Long.MAX_VALUE
                : c.nonNegative(k + "maxTransactions", p.maxTransactions());
        long minValue = p.minValue() == null ? 1 : c.nonNegative(k + "minValue", p.minValue());
        long maxValue = p.maxValue() == null ? Math.max(minValue, 1000) : c.nonNegative(k + "maxValue", p.maxValue());
        if (maxValue < minValue) {
            throw c.fail(k + "maxValue", "must be at least minValue " + minValue + ", got " + maxValue);
        }
        long chainId = p.chainId() == null ? 1 : c.nonNegative(k + "chainId", p.chainId());
        long gasLimit = p.gasLimit() == null ? TransferExecutor.TX_GAS : c.nonNegative(k + "gasLimit", p.gasLimit());
        if (gasLimit < TransferExecutor.TX_GAS) {
            throw c.fail(k + "gasLimit", "must cover a transfer's " + TransferExecutor.TX_GAS + " gas, got " + gasLimit);
        }
        long fee = p.maxFeePerGas() == null ? 1 : c.nonNegative(k + "maxFeePerGas", p.maxFeePerGas());
        BigInteger genesis = DEFAULT_GENESIS_BALANCE;
        if (p.genesisBalance() != null) {
            try {
                genesis = new BigInteger(p.genesisBalance());
            } catch (NumberFormatException e) {
                throw c.fail(k + "genesisBalance", "must be a decimal integer, got '" + p.genesisBalance() + "'");
            }
            if (genesis.signum() < 0 || genesis.bitLength() > 200) {
                throw c.fail(k + "genesisBalance", "must be in [0, 2^200), got " + genesis);
            }
        }
        return new WorkloadSpec(kind, accounts, exponent, file, p.loop() != null && p.loop(), rate, poisson, cross,
                start, stop, max, minValue, maxValue, chainId, gasLimit, BigInteger.valueOf(fee), genesis);
    }

    /** A built workload with the genesis balances its senders need. */
    public record Built(Workload workload, Map<Address, BigInteger> genesis) {}

    /**
     * The workload for one run: {@code seed} fixes every draw, {@code shardCount} decides which
     * recipients cross shards. Synthetic kinds fund every account with {@code genesisBalance}; a
     * replay funds each sender with what one pass of the file costs it plus {@code genesisBalance}.
     */
    public Built build(long seed, int shardCount) throws TransferCsvException {
        SplittableRandom root = new SplittableRandom(seed ^ 0x776F726B6C6F6164L);
        SplittableRandom arrivalRandom = root.split();
        SplittableRandom transferRandom = root.split();
        Arrivals arr = poisson ? Arrivals.poisson(rateTps, startMicros, arrivalRandom)
                : Arrivals.constant(rateTps, startMicros);
        TxFactory factory = new TxFactory(chainId, gasLimit, maxFeePerGas);
        Map<Address, BigInteger> genesis = new LinkedHashMap<>();
        TransferSource source;
        if (kind == Kind.CSV) {
            List<Transfer> rows = TransferCsv.read(file);
            source = new CsvReplay(rows, loop);
            BigInteger fee = factory.maxFee();
            for (Transfer t : rows) {
                genesis.merge(t.from(), t.value().add(fee), BigInteger::add);
            }
            genesis.replaceAll((a, need) -> need.add(genesisBalance));
        } else {
            AccountSampler sampler = kind == Kind.ZIPF ? AccountSampler.zipf(accounts, zipfExponent, shardCount)
                    : AccountSampler.uniform(accounts, shardCount);
            source = new SyntheticTransfers(sampler, crossShardRatio, minValue, maxValue, transferRandom);
            for (int i = 0; i < sampler.size(); i++) {
                genesis.put(sampler.account(i), genesisBalance);
            }
        }
        return new Built(new Workload(arr, source, factory, stopMicros, maxTransactions), genesis);
    }
}

package org.spindle.protocol.sizing;

import java.util.List;

/**
 * Reticulum's analytical throughput and storage (Eq. 7 and 8, Sec V-D, Fig. 5; reticulum.md §1.8).
 * Two forms are offered because the paper's numbers come from the authors' notebook, which departs
 * from Eq. 8: {@link Form#NOTEBOOK} reproduces Fig. 5 exactly, {@link Form#EQUATION_8} follows the
 * equations as printed. Every result says which form produced it.
 */
public final class ReticulumThroughput {
    /** Transactions per process block (Bs = 2 MB of 512-byte transactions). */
    public static final int TX_PER_BLOCK = 4096;
    /** Fig. 5's success rates. */
    public static final List<Double> FIG5_SUCCESS_RATES = List.of(0.50, 0.60, 0.70, 0.80, 0.85, 0.90, 0.95);

    private ReticulumThroughput() {}

    public enum Form {
        /**
         * Analysis.ipynb: expected failed shards (Nc/Np)(1−Rp) with real division, truncated;
         * E_tx = 4096·Nc/Np (real); a failed shard stores (Bs + state)·Nc.
         */
        NOTEBOOK,
        /**
         * Eq. 1, 7, 8 as printed: E_shard = ⌊Nc/Np⌋, failed shards ⌊E_shard(1−Rp)⌋, E_tx = 4096·E_shard,
         * a failed shard stores Bs·Nc + (Nc−Np)·state.
         */
        EQUATION_8
    }

    /**
     * Model parameters. Sizes in KB, times in seconds. {@code controlShards} multiplies the per
     * control shard throughput into a system figure.
     */
    public record Parameters(int processShardSize, int controlShardSize, long controlShards, double lambda,
                             double t1, double blockKb, double stateKb, double delta) {
        public Parameters {
            if (processShardSize < 1 || controlShardSize < processShardSize) {
                throw new IllegalArgumentException("need 1 <= process-shard size <= control-shard size, got "
                        + processShardSize + " and " + controlShardSize);
            }
            if (controlShards < 1 || lambda <= 0 || t1 < 0 || blockKb <= 0 || stateKb < 0 || delta < 0) {
                throw new IllegalArgumentException("control shards, lambda and block size must be positive; t1, state, delta non-negative");
            }
        }

        /** Sec V-D: Nc = 329, Np = 21, 15 control shards, λ = 50, T1 = 86, Bs = 2048 KB, state = 256 KB, Δ = 10. */
        public static Parameters secVd() {
            return new Parameters(21, 329, 15, 50, 86, 2048, 256, 10);
        }

        /** E_shard = ⌊Nc/Np⌋. */
        public int processShardsPerControlShard() {
            return controlShardSize / processShardSize;
        }
    }

    /** One Fig. 5 row. Throughput in tx/s, storage in KB per logged transaction (network-wide). */
    public record Row(double successRate, double t2, double epochTime, double txPerControlShard,
                      double txPerSecondPerControlShard, double txPerSecondOverall, double storagePerTxKb) {}

    /** The throughput and storage at success rate Rp (Eq. 7 and 8 in the chosen form). */
    public static Row row(Parameters p, double successRate, Form form) {
        Fractions.requireFraction("success rate", successRate);
        double nc = p.controlShardSize();
        double np = p.processShardSize();
        int eShard = p.processShardsPerControlShard();
        double failed;
        double eTx;
        double storage;
        switch (form) {
            case NOTEBOOK -> {
                failed = (long) ((nc / np) * (1 - successRate));
                eTx = TX_PER_BLOCK * (nc / np);
                storage = ((p.blockKb() + p.stateKb()) * nc * (1 - successRate) + p.blockKb() * np * successRate)
                        * eShard / eTx;
            }
            case EQUATION_8 -> {
                failed = (long) (eShard * (1 - successRate));
                eTx = (double) TX_PER_BLOCK * eShard;
                storage = eShard * ((1 - successRate) * (p.blockKb() * nc + (nc - np) * p.stateKb())
                        + successRate * p.blockKb() * np) / eTx;
            }
            default -> throw new IllegalStateException("unreachable");
        }
        double t2 = p.lambda() * (failed + 1);
        double epoch = p.t1() + t2;
        double perShard = eTx / epoch;
        return new Row(successRate, t2, epoch, eTx, perShard, perShard * p.controlShards(), storage);
    }

    /**
     * The Sec V-D derived quantities: worst-case phase-2 bound, the upload bandwidth UB it implies,
     * T1 = Bs·Np/UB + 4Δ, and the Rapidchain baseline that gets the same UB and E_tx.
     * The paper rounds T1 and the Rapidchain epoch up to whole seconds (86 s, 698 s); both the exact
     * and the rounded values are given, and the Rapidchain throughput uses the rounded epoch as the
     * paper does.
     */
    public record Derived(double worstCaseT2, double uploadKbPerSecond, double t1Exact, double t1Rounded,
                          double worstCaseEpoch, double bestCaseEpoch, double rapidchainEpochExact,
                          double rapidchainEpochRounded, double rapidchainTxPerSecondPerShard,
                          double rapidchainTxPerSecondOverall, double rapidchainStoragePerTxKb) {}

    public static Derived derived(Parameters p) {
        int eShard = p.processShardsPerControlShard();
        double nc = p.controlShardSize();
        double np = p.processShardSize();
        double worstT2 = (eShard + 1) * p.lambda();
        double ub = (p.blockKb() * nc + (nc - np) * p.stateKb()) / (worstT2 - p.delta());
        double t1 = p.blockKb() * np / ub + 4 * p.delta();
        double rapidEpoch = p.blockKb() * nc / ub - p.delta();
        double rapidEpochRounded = Math.ceil(rapidEpoch);
        double eTx = (double) TX_PER_BLOCK * eShard;
        double perShard = eTx / rapidEpochRounded;
        return new Derived(worstT2, ub, t1, Math.ceil(t1), p.t1() + worstT2, p.t1() + p.lambda(), rapidEpoch,
                rapidEpochRounded, perShard, perShard * p.controlShards(), p.blockKb() * nc * nc / eTx);
    }
}

package org.spindle.protocol.sharding.reticulum;

/**
 * Reticulum's parameters (reticulum.md §1.4, §1.7): process-shard size Np, control-shard size Nc,
 * the constant first-phase bound T1, the second-phase time unit λ of Eq. (1), and the liveness
 * window τ (a node may stay silent once per τ of its votes; τ ≥ Np, or an adversary holding a whole
 * process shard but one could stall it forever by taking turns).
 */
public record ReticulumParams(int processShardSize, int controlShardSize, long t1Micros, long lambdaMicros, int tau) {
    public ReticulumParams {
        if (processShardSize < 1 || controlShardSize < processShardSize) {
            throw new IllegalArgumentException("need 1 <= Np <= Nc, got Np=" + processShardSize + " Nc=" + controlShardSize);
        }
        if (t1Micros <= 0 || lambdaMicros <= 0) {
            throw new IllegalArgumentException("T1 and λ must be positive");
        }
        if (tau < processShardSize) {
            throw new IllegalArgumentException("τ must be at least Np (" + processShardSize + "), got " + tau);
        }
    }

    /** E_shard = ⌊Nc/Np⌋: the nominal number of process shards a control shard governs. */
    public int nominalGoverned() {
        return controlShardSize / processShardSize;
    }

    /**
     * Eq. (1): T2 = λ·(⌊Nc/Np⌋ − Ns + 1), Ns the process shards of this control shard that passed in
     * phase 1. Algorithm 1 can give a control shard more than ⌊Nc/Np⌋ process shards (16 or 18 in
     * the paper's setting), where Eq. (1) would reach zero or below; Spindle keeps at least one λ,
     * the bound of the all-passed case, since the control block still has to be proposed and voted.
     */
    public long t2Micros(int succeeded) {
        if (succeeded < 0) {
            throw new IllegalArgumentException("succeeded must be non-negative");
        }
        long units = Math.max(1, (long) nominalGoverned() - succeeded + 1);
        return lambdaMicros * units;
    }
}

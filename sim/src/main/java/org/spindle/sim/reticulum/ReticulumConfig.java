package org.spindle.sim.reticulum;

import java.util.Objects;
import org.spindle.protocol.sharding.reticulum.ReticulumParams;
import org.spindle.sim.workload.WorkloadSpec;

/**
 * A checked {@code protocol: {name: reticulum}} section: the protocol parameters, Δ of the
 * synchronous votes, how many epochs to run, the modelled block (transactions and bytes each), the
 * stake per validator, and the adversaries (a ratio of all nodes, chosen at random from the seed)
 * with their attack strategy; optionally a client workload, whose transactions then fill ledger
 * process blocks.
 */
public record ReticulumConfig(int nodes, ReticulumParams params, long deltaMicros, long epochs, int txPerBlock,
        int txBytes, long stake, double adversaryRatio, AttackStrategy attack, WorkloadSpec workload,
        long clientLatencyMicros, long durationMicros) {
    /** Without a workload the process blocks are modelled; with one they are ledger blocks. */
    public ReticulumConfig {
        if (clientLatencyMicros < 0 || durationMicros < 0) {
            throw new IllegalArgumentException("client latency and duration must be non-negative");
        }
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(attack, "attack");
        if (nodes < params.controlShardSize()) {
            throw new IllegalArgumentException(nodes + " nodes cannot fill a control shard of " + params.controlShardSize());
        }
        if (deltaMicros <= 0 || epochs < 0 || txPerBlock < 0 || txBytes < 0 || stake < 0) {
            throw new IllegalArgumentException("Δ must be positive; epochs, block sizes and stake non-negative");
        }
        if (adversaryRatio < 0 || adversaryRatio >= 0.5) {
            throw new IllegalArgumentException("the adversary ratio must be in [0, 0.5), got " + adversaryRatio);
        }
        // Phase 1 needs Δ for the proposal, (f+1)·Δ for the broadcast and Δ to forward a failed block.
        long phaseOne = (params.controlShardSize() / 2 + 3L) * deltaMicros;
        if (params.t1Micros() < phaseOne) {
            throw new IllegalArgumentException("T1 of " + params.t1Micros() / 1000 + " ms is shorter than phase 1 needs"
                    + " with Δ = " + deltaMicros / 1000 + " ms and Nc = " + params.controlShardSize() + ": "
                    + phaseOne / 1000 + " ms");
        }
    }
}

package org.spindle.sim.reticulum;

import java.util.Objects;
import org.spindle.protocol.consensus.syncvote.Broadcast;
import org.spindle.protocol.sharding.reticulum.ReticulumNode;
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
        long clientLatencyMicros, long durationMicros, Broadcast broadcast) {
    /** Without a workload the process blocks are modelled; with one they are ledger blocks. */
    public ReticulumConfig {
        if (clientLatencyMicros < 0 || durationMicros < 0) {
            throw new IllegalArgumentException("client latency and duration must be non-negative");
        }
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(broadcast, "broadcast");
        if (nodes < params.controlShardSize()) {
            throw new IllegalArgumentException(nodes + " nodes cannot fill a control shard of " + params.controlShardSize());
        }
        if (deltaMicros <= 0 || epochs < 0 || txPerBlock < 0 || txBytes < 0 || stake < 0) {
            throw new IllegalArgumentException("Δ must be positive; epochs, block sizes and stake non-negative");
        }
        if (adversaryRatio < 0 || adversaryRatio >= 0.5) {
            throw new IllegalArgumentException("the adversary ratio must be in [0, 0.5), got " + adversaryRatio);
        }
        // Phase 1 needs Δ for the proposal, the broadcast ((max(2, f) + 2)·Δ with BB in its bad case,
        // 4Δ in the good one; (f+1)·Δ with Dolev–Strong, (f+2)·Δ with the echo round) and Δ to forward
        // a failed block.
        long phaseOne = ReticulumNode.processVoteMicros(params.controlShardSize(), timing(deltaMicros, 0, broadcast))
                + deltaMicros;
        if (params.t1Micros() < phaseOne) {
            throw new IllegalArgumentException("T1 of " + params.t1Micros() / 1000 + " ms is shorter than phase 1 needs"
                    + " with Δ = " + deltaMicros / 1000 + " ms and Nc = " + params.controlShardSize() + ": "
                    + phaseOne / 1000 + " ms");
        }
    }

    private static ReticulumNode.Timing timing(long delta, long epochs, Broadcast broadcast) {
        return new ReticulumNode.Timing(delta, delta, epochs, broadcast);
    }

    /** The nodes' timing: Δ, the first epoch one Δ after the start, the epochs to run, the broadcast. */
    public ReticulumNode.Timing timing() {
        return timing(deltaMicros, epochs, broadcast);
    }
}

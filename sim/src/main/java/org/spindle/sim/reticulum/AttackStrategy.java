package org.spindle.sim.reticulum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.reticulum.NodeConduct;

/**
 * The liveness attacks of reticulum.md §1.9 as silence schedules for the adversarial nodes. Epochs
 * are counted from the run's first epoch; windows are τ epochs long.
 */
public enum AttackStrategy {
    /** No adversary withholds anything. */
    NONE,
    /** Every adversary withholds its vote in the same epoch, once per τ (epoch 1 of each window). */
    BANK_RUN,
    /** Each adversary withholds once per window of τ, in an epoch drawn at random for that window. */
    AVERAGE,
    /** In each process shard the i adversaries take turns: the j-th is silent in epoch j of each window. */
    WORST,
    /**
     * Like {@link #WORST}, but each adversary is silent twice in a row (epochs 2j and 2j+1 of the
     * window), so it votes in at most τ−2 of τ epochs and is expelled at its second silence.
     */
    SUICIDAL;

    /** One policy per adversarial node. */
    public Map<NodeId, NodeConduct> policies(Membership membership, List<NodeId> adversaries, int tau, long seed) {
        Map<NodeId, NodeConduct> out = new HashMap<>();
        for (List<NodeId> shard : membership.shards()) {
            List<NodeId> bad = new ArrayList<>();
            for (NodeId n : shard) {
                if (adversaries.contains(n)) {
                    bad.add(n);
                }
            }
            for (int j = 0; j < bad.size(); j++) {
                NodeId n = bad.get(j);
                long first = membership.epoch();
                int turn = j;
                NodeConduct p = switch (this) {
                    case NONE -> NodeConduct.HONEST;
                    case BANK_RUN -> e -> Math.floorMod(e - first, tau) == 1;
                    case AVERAGE -> {
                        long nodeSeed = seed * 1_000_003L + n.index();
                        yield e -> {
                            long window = Math.floorDiv(e - first, tau);
                            int pick = new SplittableRandom(nodeSeed * 31 + window).nextInt(tau);
                            return Math.floorMod(e - first, tau) == pick;
                        };
                    }
                    case WORST -> e -> Math.floorMod(e - first, tau) == turn % tau;
                    case SUICIDAL -> e -> {
                        long at = Math.floorMod(e - first, tau);
                        return at == (2L * turn) % tau || at == (2L * turn + 1) % tau;
                    };
                };
                out.put(n, p);
            }
        }
        return out;
    }
}

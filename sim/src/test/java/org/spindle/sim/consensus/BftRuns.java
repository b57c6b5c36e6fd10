package org.spindle.sim.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.Fault;
import org.spindle.sim.LatencyModel;
import org.spindle.sim.NetworkConfig;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;

/** Small BFT simulations for the seed sweeps: 4–7 members, small blocks, a few simulated seconds. */
final class BftRuns {
    static final SyntheticPayloads SMALL_BLOCKS = new SyntheticPayloads(16, 64, false);
    static final NetworkConfig NETWORK = new NetworkConfig(50 * NetworkConfig.MBPS, 50 * NetworkConfig.MBPS,
            new LatencyModel.Uniform(Time.millis(5), Time.millis(60)));

    record Run(BftCluster cluster, Simulation sim) {
        SafetyChecker checker() {
            return cluster.checker();
        }

        int slowestHonestChain() {
            return cluster.checker().shortestChain(cluster.honest());
        }
    }

    private BftRuns() {}

    static Run run(long seed, BftCluster cluster, long durationMicros, List<TimedFault> faults) {
        Simulation sim = new Simulation(SimConfig.of(cluster.config().members().size(), seed).withNetwork(NETWORK),
                cluster.factory());
        for (TimedFault f : faults) {
            sim.at(f.at(), f.fault());
        }
        sim.run(durationMicros, null);
        return new Run(cluster, sim);
    }

    record TimedFault(long at, Fault fault) {}

    /** Base timeout 400 ms, doubling per failed view. */
    static BftCluster cluster(int n, List<Assignment> behaviours) {
        return clusterWith(BftConfig.standard(BftCluster.members(n), Time.millis(400)), behaviours);
    }

    static BftCluster clusterWith(BftConfig config, List<Assignment> behaviours) {
        return new BftCluster(config, SMALL_BLOCKS, behaviours, new SafetyChecker());
    }

    /** {@code bad} randomly chosen nodes (from the seed) get behaviours drawn from {@code kinds}. */
    static List<Assignment> randomAdversaries(long seed, int n, int bad, List<Behaviour> kinds) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(r.nextLong()));
        List<Assignment> out = new ArrayList<>(Collections.nCopies(n, Assignment.HONEST));
        for (int k = 0; k < bad; k++) {
            Behaviour b = kinds.get(r.nextInt(kinds.size()));
            long at = b == Behaviour.CRASH ? Time.millis(r.nextInt(3000)) : 0;
            long delay = b == Behaviour.DELAYED ? Time.millis(50 + r.nextInt(500)) : 0;
            out.set(order.get(k), new Assignment(b, at, delay));
        }
        return out;
    }

    static List<Assignment> honest(int n) {
        return Collections.nCopies(n, Assignment.HONEST);
    }
}

package org.spindle.sim.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.CpuCosts;
import org.spindle.sim.Fault;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;
import org.spindle.sim.adversary.ForwardingContext;
import org.spindle.sim.crypto.ModelledCrypto;

/** What the safety checker catches, what a corrupted shard can and cannot do, and restarts. */
class BftAttackTest {
    private static final int SEEDS = 200;

    @Test
    void safetyCheckerFiresWhenTheQuorumRuleIsBrokenUnderEquivocation() {
        int violatedSeeds = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<Assignment> b = new ArrayList<>(BftRuns.honest(4));
            b.set(0, Assignment.of(Behaviour.EQUIVOCATING_LEADER));
            // Quorum f+1 = 2 instead of 2f+1 = 3: an equivocating leader can get both its blocks certified.
            BftConfig broken = BftConfig.standard(BftCluster.members(4), Time.millis(400)).withQuorum(2);
            BftRuns.Run r = BftRuns.run(seed, BftRuns.clusterWith(broken, b), Time.seconds(3), List.of());
            if (!r.checker().safe()) {
                violatedSeeds++;
                assertThat(r.checker().violations().getFirst().what()).contains("conflicting commits");
            }
        }
        System.out.printf("quorum f+1 with an equivocating leader: checker fired in %d of %d seeds%n", violatedSeeds,
                SEEDS);
        assertThat(violatedSeeds).as("seeds in which the checker saw conflicting commits").isGreaterThan(SEEDS / 2);
    }

    @Test
    void theSameAttackUnderTheCorrectQuorumNeverTriggersTheChecker() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<Assignment> b = new ArrayList<>(BftRuns.honest(4));
            b.set(0, Assignment.of(Behaviour.EQUIVOCATING_LEADER));
            BftRuns.Run r = BftRuns.run(seed, BftRuns.cluster(4, b), Time.seconds(3), List.of());
            assertThat(r.checker().violations()).as("seed %d", seed).isEmpty();
        }
    }

    /**
     * SpiralShard's corrupted shard: 7 members, 2 or 3 alive-but-corrupt and 1 Byzantine (3/7 or 4/7
     * malicious, 1/7 Byzantine). Forks may appear, but every block an honest node commits carries a valid
     * certificate and no invalid payload is ever certified.
     */
    @Test
    void corruptedShardMayForkButEveryCommittedBlockIsCertifiedAndValid() {
        SyntheticPayloads rules = BftRuns.SMALL_BLOCKS;
        int forkedSeeds = 0;
        int seedsWithCommits = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = 7;
            List<Assignment> b = new ArrayList<>(BftRuns.honest(n));
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
            Collections.shuffle(order, new java.util.Random(seed));
            int abc = 2 + (int) ((seed / 2) % 2); // 3/7 or 4/7 malicious with the Byzantine one
            for (int k = 0; k < abc; k++) {
                b.set(order.get(k), Assignment.of(Behaviour.ALIVE_BUT_CORRUPT));
            }
            b.set(order.get(abc), Assignment.of(seed % 2 == 0 ? Behaviour.INVALID_PROPOSAL
                    : Behaviour.EQUIVOCATING_LEADER));
            BftCluster cluster = BftRuns.cluster(n, b);
            BftRuns.Run r = BftRuns.run(seed, cluster, Time.seconds(8), List.of());
            Crypto verifier = new ModelledCrypto(n, seed, CpuCosts.FREE).forNode(0, us -> {});
            for (SafetyChecker.Commit c : r.checker().commits()) {
                assertThat(c.certificate().block()).as("seed %d", seed).isEqualTo(c.hash());
                assertThat(c.certificate().verify(cluster.config().members(), cluster.config().quorum(), verifier))
                        .as("seed %d: certificate of %s at height %d", seed, c.node(), c.block().height())
                        .isEqualTo(Validity.VALID);
                assertThat(rules.check(c.block().height(), c.block().payload())).as("seed %d: payload", seed)
                        .isEqualTo(Validity.VALID);
            }
            if (r.checker().longestChain() > 0) {
                seedsWithCommits++;
            }
            if (r.checker().forkedHeights() > 0) {
                forkedSeeds++;
            }
        }
        // Liveness is not promised here (a run of malicious leaders can fill the run), but the checks above
        // must not be vacuous: most runs commit, and the attack does produce forks.
        System.out.printf("corrupted shard: %d of %d seeds committed, %d forked%n", seedsWithCommits, SEEDS,
                forkedSeeds);
        assertThat(seedsWithCommits).as("seeds with commits").isGreaterThan(SEEDS / 2);
        assertThat(forkedSeeds).as("seeds with a fork").isPositive();
    }

    @Test
    void aRestartedMemberNeverVotesTwiceInAViewAndCatchesUp() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = 4;
            int victim = (int) (seed % n);
            BftCluster cluster = BftRuns.cluster(n, BftRuns.honest(n));
            Map<String, Hash> cast = new HashMap<>();
            List<String> doubles = new ArrayList<>();
            Simulation sim = new Simulation(SimConfig.of(n, seed).withNetwork(BftRuns.NETWORK), ctx ->
                    new BftNode(new ForwardingContext(ctx) {
                        @Override
                        public void send(NodeId to, Message m) {
                            if (m instanceof Vote v) {
                                String key = v.voter() + "/" + v.kind() + "/" + v.height() + "/" + v.view();
                                Hash before = cast.putIfAbsent(key, v.block());
                                if (before != null && !before.equals(v.block())) {
                                    doubles.add(key);
                                }
                            }
                            super.send(to, m);
                        }
                    }, cluster.config(), cluster.rules(), cluster.checker()));
            long crashAt = Time.millis(300 + (seed * 37) % 1500);
            sim.at(crashAt, new Fault.Crash(List.of(victim)));
            sim.at(crashAt + Time.millis(100 + (seed * 53) % 900), new Fault.Restart(List.of(victim)));
            sim.run(Time.seconds(6), null);
            assertThat(doubles).as("seed %d: conflicting votes", seed).isEmpty();
            assertThat(cluster.checker().violations()).as("seed %d", seed).isEmpty();
            int others = cluster.checker().shortestChain(cluster.honest().stream()
                    .filter(x -> x.index() != victim).toList());
            assertThat(cluster.checker().chainLength(NodeId.of(victim))).as("seed %d: restarted node's chain", seed)
                    .isGreaterThanOrEqualTo(others - 2);
        }
    }

    @Test
    void commitListenerIsToldOfNothingByzantine() {
        List<Assignment> b = new ArrayList<>(BftRuns.honest(4));
        b.set(2, Assignment.of(Behaviour.DOUBLE_VOTING));
        BftRuns.Run r = BftRuns.run(3, BftRuns.cluster(4, b), Time.seconds(3), List.of());
        assertThat(r.checker().commits()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.node().index()).isNotEqualTo(2));
        assertThat(CommitListener.NONE).isNotNull();
    }
}

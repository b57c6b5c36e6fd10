package org.spindle.sim.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.sim.CpuCosts;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.Fault;
import org.spindle.sim.adversary.Assignment;
import org.spindle.sim.adversary.Behaviour;

/** BFT with at most f Byzantine members of any kind stays safe and keeps committing. */
class BftLivenessSafetyTest {
    private static final int SEEDS = 200;
    private static final List<Behaviour> BYZANTINE = List.of(Behaviour.CRASH, Behaviour.SILENT, Behaviour.DELAYED,
            Behaviour.EQUIVOCATING_LEADER, Behaviour.DOUBLE_VOTING, Behaviour.INVALID_PROPOSAL,
            Behaviour.ALIVE_BUT_CORRUPT);

    @Test
    void allHonestMembersCommitTheSameBlocksSteadily() {
        BftRuns.Run r = BftRuns.run(1, BftRuns.cluster(4, BftRuns.honest(4)), Time.seconds(5), List.of());
        assertThat(r.checker().safe()).isTrue();
        assertThat(r.slowestHonestChain()).isGreaterThan(10);
        assertThat(r.sim().metrics().counterValue("bft.viewChanges")).isZero();
    }

    @Test
    void withUpToFByzantineMembersOfAnyKindNoConflictingCommitsAndBlocksKeepCommitting() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = seed % 2 == 0 ? 4 : 7;
            int f = (n - 1) / 3;
            List<Assignment> bad = BftRuns.randomAdversaries(seed, n, f, BYZANTINE);
            BftRuns.Run r = BftRuns.run(seed, BftRuns.cluster(n, bad), Time.seconds(6), List.of());
            assertThat(r.checker().violations()).as("seed %d, behaviours %s", seed, bad).isEmpty();
            Crypto verifier = new ModelledCrypto(n, seed, CpuCosts.FREE).forNode(0, us -> {});
            for (SafetyChecker.Commit c : r.checker().commits()) {
                assertThat(BftRuns.SMALL_BLOCKS.check(c.block().height(), c.block().payload()))
                        .as("seed %d: committed payload", seed).isEqualTo(Validity.VALID);
                assertThat(c.certificate().verify(r.cluster().config().members(), r.cluster().config().quorum(),
                        verifier)).as("seed %d: certificate", seed).isEqualTo(Validity.VALID);
            }
            assertThat(r.slowestHonestChain()).as("seed %d, behaviours %s: honest chain length", seed, bad)
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void afterAPartitionHealsBlocksCommitAgainAndStaySafe() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = 4;
            List<Assignment> bad = BftRuns.randomAdversaries(seed, n, 1, BYZANTINE);
            // Split 2/2: no side has a quorum of 3, so nothing commits until the heal.
            List<BftRuns.TimedFault> faults = List.of(
                    new BftRuns.TimedFault(Time.seconds(1), new Fault.Partition(List.of(List.of(0, 1), List.of(2, 3)))),
                    new BftRuns.TimedFault(Time.seconds(3), new Fault.Heal()));
            BftRuns.Run r = BftRuns.run(seed, BftRuns.cluster(n, bad), Time.seconds(12), faults);
            assertThat(r.checker().violations()).as("seed %d, behaviours %s", seed, bad).isEmpty();
            long afterHeal = r.checker().commits().stream()
                    .filter(c -> c.atMicros() > Time.seconds(3)).map(c -> c.block().height()).distinct().count();
            assertThat(afterHeal).as("seed %d, behaviours %s: heights committed after the heal", seed, bad)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void memberCutOffFromTheMajorityCatchesUpAfterTheHeal() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int n = 4;
            int lonely = (int) (seed % n);
            List<Integer> rest = IntStream.range(0, n).filter(i -> i != lonely).boxed().toList();
            List<BftRuns.TimedFault> faults = List.of(
                    new BftRuns.TimedFault(Time.seconds(1), new Fault.Partition(List.of(rest, List.of(lonely)))),
                    new BftRuns.TimedFault(Time.seconds(3), new Fault.Heal()));
            BftRuns.Run r = BftRuns.run(seed, BftRuns.cluster(n, BftRuns.honest(n)), Time.seconds(6), faults);
            assertThat(r.checker().violations()).as("seed %d", seed).isEmpty();
            long committedWhileCut = r.checker().commits().stream()
                    .filter(c -> c.atMicros() > Time.seconds(1.5) && c.atMicros() < Time.seconds(3)).count();
            assertThat(committedWhileCut).as("seed %d: the majority kept committing", seed).isPositive();
            int majority = r.checker().shortestChain(rest.stream().map(NodeId::of)
                    .toList());
            assertThat(r.checker().chainLength(NodeId.of(lonely)))
                    .as("seed %d: the cut-off member's chain", seed).isGreaterThanOrEqualTo(majority - 2);
        }
    }
}

package org.spindle.sim.reticulum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.reticulum.ControlEntry;
import org.spindle.protocol.sharding.reticulum.ControlShard;
import org.spindle.protocol.sharding.reticulum.Offence;

/**
 * Reticulum end to end in the simulator over many seeds, with adversaries within the model: fewer
 * than half of each control shard (at most 3 of 8), any number in one process shard (here up to 3 of
 * its 4 members).
 */
class ReticulumSimulationTest {
    private static final int SEEDS = 12;

    /** Up to three adversaries, all in process shard 0 (so in control shard 0). */
    private static List<NodeId> adversaries(ReticulumRun probe, int count) {
        return new ArrayList<>(probe.processShard(0).subList(1, 1 + count));
    }

    private static ReticulumRun run(long seed, int count, AttackStrategy attack, long epochs) {
        ReticulumRun probe = new ReticulumRun(seed, List.of(), AttackStrategy.NONE, 0);
        return new ReticulumRun(seed, adversaries(probe, count), attack, epochs);
    }

    private static void assertAgreementAndProgress(ReticulumRun r, long epochs, long seed) {
        for (int c0 = 0; c0 < 2; c0++) {
            int c = c0;
            for (long e = 0; e < epochs; e++) {
                Map<NodeId, ControlShard.Accepted> got = r.accepted.get(ReticulumRun.key(c, e));
                assertThat(got).as("seed %d: control shard %d accepted epoch %d", seed, c, e).isNotNull();
                assertThat(got.values().stream().map(a -> a.block().hash()).distinct())
                        .as("seed %d: one control block per epoch at every honest member", seed).hasSize(1);
                long honestMembers = r.honestNodes.stream().filter(n -> n.controlShard().index() == c).count();
                assertThat(got).as("seed %d: every honest member of control shard %d", seed, c).hasSize(
                        (int) honestMembers);
            }
        }
    }

    @Test
    void withoutAdversariesEveryProcessBlockPassesUnanimouslyAndEveryEpochIsAcceptedEverywhere() {
        for (long seed = 1; seed <= 4; seed++) {
            ReticulumRun r = run(seed, 0, AttackStrategy.NONE, 6);
            assertAgreementAndProgress(r, 6, seed);
            assertThat(r.accepted.values()).allSatisfy(m -> assertThat(m.values()).allSatisfy(a ->
                    assertThat(a.block().entries()).allSatisfy(e -> assertThat(e).isInstanceOf(ControlEntry.Passed.class))));
            assertThat(r.expelled()).isEmpty();
            assertThat(r.rejectedAttempts).isZero();
        }
    }

    @Test
    void worstAndBankRunAttacksStallShardsButExpelNobodyAndBlocksAreStillAcceptedByTheControlShard() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            AttackStrategy attack = seed % 2 == 0 ? AttackStrategy.WORST : AttackStrategy.BANK_RUN;
            long epochs = 2L * ReticulumRun.TAU + 2;
            ReticulumRun r = run(seed, 3, attack, epochs);
            assertAgreementAndProgress(r, epochs, seed);
            assertThat(r.expelled()).as("seed %d (%s)", seed, attack).isEmpty();
            long failed = r.accepted.values().stream().map(m -> m.values().iterator().next())
                    .flatMap(a -> a.block().entries().stream()).filter(e -> e instanceof ControlEntry.Failed).count();
            assertThat(failed).as("seed %d: silent adversaries made blocks fail", seed).isPositive();
            // A failed but valid block is accepted in phase 2 and moves its shard's state; only an epoch whose
            // silent leader proposed nothing leaves the state as it was.
            assertThat(r.accepted.values().stream().map(m -> m.values().iterator().next())
                    .flatMap(a -> a.links().stream())).allSatisfy(l -> assertThat(l.after().equals(l.before()))
                            .isEqualTo(l.block().isZero()));
        }
    }

    @Test
    void suicidalAdversariesAreExpelledForSilenceAndTheirShardThenPassesUnanimously() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            int count = 1 + (int) (seed % 3);
            long epochs = 2L * count + 4;
            ReticulumRun r = run(seed, count, AttackStrategy.SUICIDAL, epochs);
            assertAgreementAndProgress(r, epochs, seed);
            assertThat(r.expelled()).as("seed %d: exactly the adversaries", seed)
                    .containsExactlyInAnyOrderElementsOf(r.adversaries);
            assertThat(r.registry.pending().penalties()).allSatisfy(p -> assertThat(p.reason())
                    .isEqualTo(Offence.SILENT_TWICE.reason()));
            for (long e = 2L * count; e < epochs; e++) {
                ControlShard.Accepted a = r.accepted.get(ReticulumRun.key(0, e)).values().iterator().next();
                assertThat(a.block().entries()).as("seed %d epoch %d: all pass after the expulsions", seed, e)
                        .allSatisfy(x -> assertThat(x).isInstanceOf(ControlEntry.Passed.class));
            }
            List<NodeId> remaining = r.honestNodes.stream().filter(n -> n.controlShard().index() == 0).findFirst()
                    .orElseThrow().controlShard().membersOf(0);
            assertThat(remaining).as("seed %d", seed).doesNotContainAnyElementsOf(r.adversaries)
                    .hasSize(4 - count);
        }
    }

    @Test
    void controlBlockFramingAnHonestNodeIsRejectedByTheHonestMajorityAndReproposedByTheNextLeader() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            ReticulumRun probe = new ReticulumRun(seed, List.of(), AttackStrategy.NONE, 0);
            // Adversaries 1..3 of process shard 0 lead the control vote in some of the 9 epochs; member 0 is framed.
            ReticulumRun r = new ReticulumRun(seed, adversaries(probe, 3), AttackStrategy.NONE, 9, true);
            assertAgreementAndProgress(r, 9, seed);
            assertThat(r.rejectedAttempts).as("seed %d: forged blocks were voted down", seed).isPositive();
            assertThat(r.expelled()).as("seed %d: nobody framed", seed).isEmpty();
            assertThat(r.accepted.values()).allSatisfy(m -> assertThat(m.values()).allSatisfy(a ->
                    assertThat(r.adversaries).doesNotContain(a.block().leader())));
        }
    }

    @Test
    void faultyProcessBlockIsRejectedItsLeaderAndApproversExpelledAndTheShardsStateLeftUnchanged() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            ReticulumRun probe = new ReticulumRun(seed, List.of(), AttackStrategy.NONE, 0);
            List<NodeId> shard0 = probe.processShard(0);
            // Epoch 1 is led by shard 0's member 1; members 1 and 2 collude, members 0 and 3 are honest.
            List<NodeId> bad = List.of(shard0.get(1), shard0.get(2));
            ReticulumRun r = new ReticulumRun(seed, bad, AttackStrategy.NONE, 5, false, 1L);
            assertAgreementAndProgress(r, 5, seed);
            ControlShard.Accepted e1 = r.accepted.get(ReticulumRun.key(0, 1)).values().iterator().next();
            ControlEntry entry = e1.block().entries().getFirst();
            assertThat(entry).as("seed %d", seed).isInstanceOf(ControlEntry.Failed.class);
            assertThat(entry.accepted()).as("seed %d: the faulty block is rejected", seed).isFalse();
            assertThat(e1.links().getFirst().after()).as("seed %d: state unchanged", seed)
                    .isEqualTo(e1.links().getFirst().before());
            assertThat(e1.block().expulsions()).as("seed %d", seed).extracting(x -> x.node(), x -> x.offence())
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(bad.get(0), Offence.FAULTY_PROPOSAL),
                            org.assertj.core.groups.Tuple.tuple(bad.get(1), Offence.VOTED_FOR_FAULTY));
            assertThat(r.expelled()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(bad);
            ControlShard.Accepted e2 = r.accepted.get(ReticulumRun.key(0, 2)).values().iterator().next();
            assertThat(e2.block().entries().getFirst()).as("seed %d: the two honest members pass alone", seed)
                    .isInstanceOf(ControlEntry.Passed.class);
        }
    }

    /**
     * Two adversaries of process shard 0 send their process votes to one control member only, every
     * epoch: each member's verdict on those votes waits for the broadcast's bad case (5Δ after voting,
     * within T1 = 0.7 s), the honest members agree that the votes are missing, and the epochs still
     * follow their fixed schedule.
     */
    @Test
    void votesSentToOneControlMemberPutTheBroadcastInItsBadCaseWithinT1AndEveryEpochIsStillAgreed() {
        for (long seed = 1; seed <= 4; seed++) {
            ReticulumRun probe = new ReticulumRun(seed, List.of(), AttackStrategy.NONE, 0);
            ReticulumRun r = new ReticulumRun(seed, adversaries(probe, 2), AttackStrategy.NONE, 5, false, null, true);
            assertAgreementAndProgress(r, 5, seed);
            assertThat(r.fallbacks).as("seed %d: members decided in the bad case", seed).isPositive();
            assertThat(r.expelled()).as("seed %d: nobody honest is expelled", seed).isSubsetOf(r.adversaries);
            // Process shard 0 (in control shard 0) lacks the two votes everywhere: it never passes in phase 1.
            assertThat(r.accepted.get(ReticulumRun.key(0, 0)).values()).allSatisfy(a -> assertThat(a.block().entries())
                    .filteredOn(e -> e.processShard() == 0).noneMatch(e -> e instanceof ControlEntry.Passed));
        }
    }

    @Test
    void averageAttackNeverExpelsAnHonestNode() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            long epochs = 3L * ReticulumRun.TAU;
            ReticulumRun r = run(seed, 3, AttackStrategy.AVERAGE, epochs);
            assertThat(r.expelled()).as("seed %d", seed).isSubsetOf(r.adversaries);
            assertThat(r.accepted.keySet().stream().filter(k -> k.startsWith("1/")).collect(Collectors.toList()))
                    .as("seed %d: the honest control shard runs every epoch", seed).hasSize((int) epochs);
        }
    }
}

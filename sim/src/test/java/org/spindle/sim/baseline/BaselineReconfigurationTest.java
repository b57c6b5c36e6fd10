package org.spindle.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.crosshard.FinalityCheck;
import org.spindle.protocol.sharding.ledger.CommitteeFinality;
import org.spindle.protocol.sharding.ledger.ConsensusProof;
import org.spindle.protocol.sharding.ledger.EpochSchedule;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.sim.report.EpochRow;

/**
 * The baseline ledger with epochs ({@code epochMs}): at each boundary the beacon moves a bounded
 * fraction of the validators, movers fetch their new shard's state over the modelled network before
 * they take part, and every shard's BFT carries on with its new committee.
 */
class BaselineReconfigurationTest {
    private static final String CRASH_RESTART = """
            faults:
              - {atMs: 2500, kind: crash, nodes: [3, 17]}
              - {atMs: 7000, kind: restart, nodes: [3, 17]}
            """;
    private static final String PARTITION = """
            faults:
              - {atMs: 2000, kind: partition, groups: [[0,1,2,3,4,5,6,7,8,9,10,11,12,13],[14,15,16,17,18,19,20,21,22,23,24,25,26,27]]}
              - {atMs: 4500, kind: heal}
            """;

    static String withEpochs(long seed, String extra, String faults) {
        return BaselineRuns.small(seed, "epochMs: 3000\nreconfigurationFraction: 0.25\n" + extra, faults);
    }

    @Test
    void epochsMoveValidatorsWhoSyncTheirNewShardAndThenCertifyItsBlocks() throws Exception {
        BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(withEpochs(7, "", "")), w -> {});
        Map<String, Object> s = BaselineSetup.summary(o.world(), o.sim().metrics(), o.sim().now());
        assertThat(o.report().allOk()).as(o.report().toString()).isTrue();
        assertThat((long) s.get("finalized")).isEqualTo((long) s.get("submitted")).isGreaterThan(700);
        assertThat((long) s.get("epochsAnnounced")).isEqualTo(4); // boundaries at 3, 6, 9 and 12 s of 14
        long moved = (long) s.get("validatorsMoved");
        assertThat(moved).isPositive();
        // Every mover fetched its shard's state, charged to the network as a message of that size.
        assertThat((long) s.get("stateSyncs")).isEqualTo(moved);
        assertThat((long) s.get("stateSyncBytes")).isGreaterThanOrEqualTo(moved * 100);

        BaselineEpochs epochs = o.world().epochs().orElseThrow();
        Membership first = o.world().membership();
        Set<NodeId> signedAfterMoving = new HashSet<>();
        for (ShardLedger l : o.world().ledgers()) {
            BlockHeader last = l.lastCommitted().orElseThrow();
            assertThat(last.epoch()).isEqualTo(4);
            // The last block is certified by its epoch's committee, and not by the first one.
            List<NodeId> members = epochs.known(last.epoch()).orElseThrow().membership().members(l.shard());
            assertThat(members).isNotEqualTo(first.members(l.shard()));
            ConsensusProof proof = ConsensusProof.decode(last.certificate());
            for (int p : proof.commit().signerPositions()) {
                if (!first.members(l.shard()).contains(members.get(p))) {
                    signedAfterMoving.add(members.get(p));
                }
            }
        }
        assertThat(signedAfterMoving).as("validators that entered a shard and then voted in it").isNotEmpty();

        // epochs.csv holds one row per real epoch.
        List<EpochRow> rows = o.world().metrics().epochs();
        assertThat(rows).extracting(EpochRow::epoch).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void theSameSeedWithEpochsGivesTheSameTrace() throws Exception {
        String yaml = withEpochs(11, "", "");
        String a = BaselineRuns.run(BaselineRuns.scenario(yaml), w -> {}).sim().traceHash();
        String b = BaselineRuns.run(BaselineRuns.scenario(yaml), w -> {}).sim().traceHash();
        assertThat(a).isEqualTo(b);
    }

    static String faultsFor(long seed) {
        return switch ((int) (seed % 4)) {
            case 0 -> withEpochs(seed, "", "");
            case 1 -> withEpochs(seed, "adversaries: [{nodes: [2, 20], kind: crash, atMs: 2000}]", "");
            case 2 -> withEpochs(seed, "", CRASH_RESTART);
            default -> withEpochs(seed, "", PARTITION);
        };
    }

    @Test
    void everyInvariantHoldsOverTwentyFourSeedsWithReconfigurationCrashesRestartsAndPartitions() throws Exception {
        for (long seed = 1; seed <= 24; seed++) {
            String yaml = faultsFor(seed);
            BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(yaml), w -> {});
            Map<String, Object> s = BaselineSetup.summary(o.world(), o.sim().metrics(), o.sim().now());
            String why = "seed " + seed + " (" + yaml.lines().filter(l -> l.contains("adversaries") || l.contains("atMs"))
                    .toList() + "): " + o.report() + " " + s;
            assertThat(o.report().allOk()).as(why).isTrue();
            assertThat((long) s.get("finalized")).as(why).isEqualTo((long) s.get("submitted")).isGreaterThan(700);
            assertThat((long) s.get("creditedCrossShard")).as(why).isEqualTo((long) s.get("finalizedCrossShardSource"));
            assertThat((long) s.get("validatorsMoved")).as(why).isPositive();
            assertThat((long) s.get("stateSyncs")).as(why).isPositive();
        }
    }

    @Test
    void aBftQuorumOfTheNewCommitteeIsNeededForTheBlocksOfItsEpoch() throws Exception {
        var scenario = BaselineRuns.scenario(withEpochs(5, "", ""));
        BaselineRuns.Outcome o = BaselineRuns.run(scenario, w -> {});
        var crypto = new ModelledCrypto(scenario.nodes(), scenario.seed(), scenario.cpu()).forNode(0, micros -> {});
        BaselineEpochs epochs = o.world().epochs().orElseThrow();
        for (ShardLedger l : o.world().ledgers()) {
            BlockHeader last = l.lastCommitted().orElseThrow();
            List<NodeId> now = epochs.known(last.epoch()).orElseThrow().membership().members(l.shard());
            List<NodeId> before = epochs.known(0).orElseThrow().membership().members(l.shard());
            assertThat(ConsensusProof.verify(last, now, now.size() - BftConfig.faults(now.size()), crypto).isValid())
                    .isTrue();
            assertThat(ConsensusProof.verify(last, before, before.size() - BftConfig.faults(before.size()), crypto)
                    .isValid()).as("checked against the wrong epoch's committee").isFalse();
            // Cross-shard finality judges a relayed header by the committee of the epoch it names.
            var byEpoch = new CommitteeFinality(l.protocol(), e -> epochs.known(e).map(EpochSchedule.Epoch::membership),
                    crypto, 16);
            assertThat(byEpoch.check(last).isFinal()).isTrue();
            var firstOnly = new CommitteeFinality(l.protocol(), epochs.known(0).orElseThrow().membership(), crypto, 16);
            assertThat(firstOnly.check(last)).isInstanceOf(FinalityCheck.NotFinal.class);
            var unknown = new CommitteeFinality(l.protocol(), e -> java.util.Optional.empty(), crypto, 16);
            assertThat(unknown.check(last)).isInstanceOfSatisfying(FinalityCheck.NotFinal.class,
                    n -> assertThat(n.toString()).contains("unknown to the beacon"));
        }
    }

    @Test
    void aLedgerRefusesAnEpochThatDoesNotStartBeyondWhatItCommittedOrDoesNotFollowTheLastEpoch() throws Exception {
        BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(withEpochs(9, "", "")), w -> {});
        ShardLedger l = o.world().ledgers().get(0);
        Membership latest = l.membership();
        Membership next = latest.withShards(latest.epoch() + 1, latest.shards());
        long before = l.nextHeight();
        assertThatThrownBy(() -> l.reconfigure(l.nextHeight(), next)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.reconfigure(l.nextHeight() + 5, latest)).isInstanceOf(IllegalArgumentException.class);
        assertThat(l.membership()).isEqualTo(latest);
        l.reconfigure(l.nextHeight() + 1, next);
        assertThat(l.membershipAt(before + 1)).isEqualTo(next);
        assertThat(l.membershipAt(before)).isEqualTo(latest);
        assertThat(l.epochStarts()).hasSize(6);
    }
}

package org.spindle.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.sim.invariants.Verdict;

/**
 * The baseline ledger over many seeds with faults inside shards: crashes (some restarted), partitions and Byzantine
 * minorities (at most f of each shard's members). Every run must keep all four invariants and
 * finalize what clients submitted. A failure names the seed: rerun it with {@link BaselineRuns}.
 */
class BaselineSimulationTest {
    private static final List<String> KINDS = List.of("silent", "equivocating-leader", "invalid-proposal",
            "double-voting", "alive-but-corrupt", "delayed");
    private static final String PARTITION = """
            faults:
              - {atMs: 1000, kind: partition, groups: [[0,1,2,3,4,5,6,7,8,9,10,11,12,13],[14,15,16,17,18,19,20,21,22,23,24,25,26,27]]}
              - {atMs: 3000, kind: heal}
            """;

    private static final String CRASH_RESTART = """
            faults:
              - {atMs: 1500, kind: crash, nodes: [0, 1]}
              - {atMs: 4000, kind: restart, nodes: [0, 1]}
            """;

    static String faultsFor(long seed) {
        String kind = KINDS.get((int) (seed / 6 % KINDS.size()));
        return switch ((int) (seed % 6)) {
            case 0 -> BaselineRuns.small(seed, "", "");
            case 1 -> BaselineRuns.small(seed, "adversaries: [{perShard: 2, kind: " + kind + "}]", "");
            case 2 -> BaselineRuns.small(seed, "adversaries: [{perShard: 2, kind: crash, atMs: 2000}]", "");
            case 3 -> BaselineRuns.small(seed, "", PARTITION);
            case 4 -> BaselineRuns.small(seed, "", CRASH_RESTART);
            default -> BaselineRuns.small(seed, "adversaries: [{perShard: 1, kind: " + kind + "}]", PARTITION);
        };
    }

    @Test
    void everyInvariantHoldsOverFortyEightSeedsWithCrashesRestartsPartitionsAndByzantineMinorities() throws Exception {
        for (long seed = 1; seed <= 48; seed++) {
            String yaml = faultsFor(seed);
            BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(yaml), w -> {});
            String why = "seed " + seed + " (" + yaml.lines().filter(l -> l.contains("adversaries") || l.contains("atMs"))
                    .toList() + "): " + o.report();
            assertThat(o.report().allOk()).as(why).isTrue();
            var s = o.world().metrics().summary(o.sim().now(), 28, 150);
            assertThat((long) s.get("finalized")).as(why).isEqualTo((long) s.get("submitted")).isGreaterThan(700);
            assertThat((long) s.get("creditedCrossShard")).as(why).isEqualTo((long) s.get("finalizedCrossShardSource"))
                    .isPositive();
            if (seed % 6 == 2 || seed % 6 == 3 || seed % 6 == 5) {
                // Crashed leaders and the partition do stall consensus: the runs above recovered from it.
                assertThat(o.sim().metrics().counterValue("bft.viewChanges")).as(why).isPositive();
            }
            if (seed % 6 == 4) {
                // The restarted nodes fetched the decisions they missed.
                assertThat(o.sim().metrics().counterValue("bft.syncAdopted")).as(why).isPositive();
                assertThat(o.sim().isAlive(0)).isTrue();
            }
        }
    }

    @Test
    void aRelayThatReleasesReceiptsBeforeTheirBlockIsFinalIsCaught() throws Exception {
        BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(BaselineRuns.small(3, "", "")),
                BaselineWorld::breakRelayBeforeFinality);
        assertThat(o.report().exactlyOnce()).isInstanceOfSatisfying(Verdict.Violation.class,
                v -> assertThat(v.message()).contains("before its source block"));
        assertThat(o.report().safety().ok()).isTrue();
    }

    @Test
    void anInboxThatCreditsAReceiptTwiceIsCaught() throws Exception {
        BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(BaselineRuns.small(3, "", "")),
                BaselineWorld::breakInboxCreditingTwice);
        assertThat(o.report().exactlyOnce()).isInstanceOfSatisfying(Verdict.Violation.class,
                v -> assertThat(v.message()).contains("credited twice"));
        assertThat(o.report().safety().ok()).isTrue();
    }

    @Test
    void theSameRunWithAnIntactInboxCreditsEachReceiptOnce() throws Exception {
        BaselineRuns.Outcome o = BaselineRuns.run(BaselineRuns.scenario(BaselineRuns.small(3, "", "")), w -> {});
        assertThat(o.report().exactlyOnce().ok()).isTrue();
        var s = o.world().metrics().summary(o.sim().now(), 28, 150);
        assertThat((long) s.get("creditedCrossShard")).isPositive();
    }
}

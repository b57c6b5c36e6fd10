package org.spindle.sim.spiralshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.sharding.spiralshard.SpiralLedger;
import org.spindle.protocol.sizing.SpiralShardSizing;
import org.spindle.sim.scenario.Scenario;
import org.spindle.sim.scenario.ScenarioException;

class SpiralSetupTest {
    private static final String WORKLOAD = """
              workload:
                kind: uniform
                accounts: 100
                rateTps: 10
            """;

    private static Scenario scenario(int nodes, String protocol) throws Exception {
        return SpiralRuns.scenario("nodes: " + nodes + "\ndurationSeconds: 10\nprotocol:\n  name: spiralshard\n"
                + protocol.indent(2) + WORKLOAD);
    }

    @Test
    void withoutShardAndGroupSizeTheSizingSearchPicksTheConfiguration() throws Exception {
        Scenario s = scenario(800, "");
        SpiralConfig c = SpiralShardSetup.config(s.protocolParams(), s);
        var found = SpiralShardSizing.search(new SpiralShardSizing.Network(800, 0.25, 0.125),
                SpiralShardSizing.NEGLIGIBLE_BOUND, 16).orElseThrow();
        assertThat(c.shardSize()).isEqualTo(found.shardSize());
        assertThat(c.groupSize()).isEqualTo(found.groupSize());
        assertThat(found.meetsTarget()).isTrue();
    }

    @Test
    void aForcedCorruptShardOutsideTheNetworkNamesItsKey() throws Exception {
        assertThatThrownBy(() -> scenario(28, "shardSize: 7\ngroupSize: 2\ncorruptShards:\n  - {shard: 9, aliveButCorrupt: 2}\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("protocol.corruptShards[0].shard");
    }

    @Test
    void maliciousFractionsAtOrAboveOneAreRefused() throws Exception {
        assertThatThrownBy(() -> scenario(28, "shardSize: 7\ngroupSize: 2\nbyzantineFraction: 0.6\naliveButCorruptFraction: 0.5\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("sum below 1");
    }

    @Test
    void aSilentShardStallsFinalizationInItsGroupOnlyAndItsBlocksFinalizeAfterward() throws Exception {
        String yaml = SpiralRuns.small(3, 2, List.of(), 20).replace("  corruptShards:",
                "  silentShard: {shard: 0, atMs: 2000, forMs: 6000}\n  corruptShards: []");
        var o = SpiralRuns.run(SpiralRuns.scenario(yaml));
        assertThat(o.report().allOk()).as(o.report() + " final heights "
                + o.world().ledgers().stream().map(l -> l.finalHeight() + "/" + l.tip().nextHeight()).toList()).isTrue();
        String csv = o.world().lce().seriesCsv(20_000_000);
        List<String> rows = csv.lines().skip(1).toList();
        // Columns: time, finalized, cumulative, prepared, group 0, group 1.
        long group0During = 0;
        long group1During = 0;
        for (String r : rows.subList(4, 8)) {
            String[] f = r.split(",");
            group0During += Long.parseLong(f[4]);
            group1During += Long.parseLong(f[5]);
        }
        assertThat(group0During).as(csv).isZero();
        assertThat(group1During).as(csv).isPositive();
        for (SpiralLedger l : o.world().ledgers()) {
            assertThat(l.finalHeight()).as("shard " + l.shard()).isGreaterThan(10);
        }
    }

    /**
     * A failing seed turned regression test: the malicious members of a corrupted shard sat at
     * consecutive positions, and every relay attempt of one block went to the same three of them,
     * so two receipts to shards 0 and 3 were never credited. Re-relays now ask new members.
     */
    @Test
    void maliciousMembersOfACorruptedDestinationCannotSwallowEveryRelayAttempt() throws Exception {
        String yaml = """
                seed: 1
                nodes: 84
                durationSeconds: 45
                network:
                  latency: {distribution: fixed, ms: 100}
                protocol:
                  name: spiralshard
                  shardSize: 7
                  groupSize: 3
                  livenessBoundMs: 25000
                  receiptGraceMs: 20000
                  silentShard: {shard: 1, atMs: 10000, forMs: 15000}
                  corruptShards:
                    - {shard: 0, byzantine: 1, aliveButCorrupt: 2}
                    - {shard: 3, byzantine: 1, aliveButCorrupt: 2}
                    - {shard: 6, byzantine: 1, aliveButCorrupt: 2}
                    - {shard: 9, byzantine: 1, aliveButCorrupt: 2}
                  workload: {kind: zipf, accounts: 2000, zipfExponent: 1.0, rateTps: 400, crossShardRatio: 0.3,
                    stopMs: 20000}
                """;
        var o = SpiralRuns.run(SpiralRuns.scenario(yaml));
        assertThat(o.report().allOk()).as(o.report().toString()).isTrue();
        for (SpiralLedger l : o.world().ledgers()) {
            assertThat(l.relay().pendingFinalCount()).as("receipts of shard %d still pending", l.shard()).isZero();
        }
    }
}

package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.sharding.FinalityRule;
import org.spindle.protocol.runtime.Time;

class ReticulumShardingTest {
    private static final ReticulumSharding PROTOCOL = new ReticulumSharding(
            new ReticulumParams(5, 20, Time.seconds(2), Time.seconds(1), 10));
    /** N = 103, Np = 5, Nc = 20: 20 process shards, 5 control shards (spec test vector). */
    private static final Membership MEMBERSHIP = PROTOCOL.membership().assign(Hash.ZERO, Rounds.ids(0, 103), 3);

    private static BlockHeader header(int shard, java.util.SortedMap<String, Bytes> fields) {
        return new BlockHeader(Hash.ZERO, 1, shard, 3, Hash.ZERO, Hash.ZERO, Hash.ZERO, Hash.ZERO, Bytes.EMPTY,
                Address.ZERO, fields, Bytes.EMPTY);
    }

    @Test
    void membershipIsAlgorithmOneWithProcessShardsGroupedIntoControlShards() {
        assertThat(PROTOCOL.name()).isEqualTo("reticulum");
        assertThat(MEMBERSHIP.shardCount()).isEqualTo(20);
        assertThat(ReticulumSharding.controlShardOf(MEMBERSHIP, 19)).isEqualTo(4);
        assertThat(ReticulumSharding.controlShardOf(MEMBERSHIP, 3)).isEqualTo(0);
    }

    @Test
    void headerNamingItsControlShardPassesAndOneNamingAnotherIsRefused() {
        var fields = PROTOCOL.headerFields().fieldsFor(MEMBERSHIP, 17);
        assertThat(PROTOCOL.headerFields().check(header(17, fields), MEMBERSHIP)).isEmpty();
        TreeMap<String, Bytes> wrong = new TreeMap<>(fields);
        wrong.put(ReticulumSharding.CONTROL_KEY, PROTOCOL.headerFields().fieldsFor(MEMBERSHIP, 0)
                .get(ReticulumSharding.CONTROL_KEY));
        assertThat(PROTOCOL.headerFields().check(header(17, wrong), MEMBERSHIP)).get().asString()
                .contains("wrong control shard");
        wrong.remove(ReticulumSharding.CONTROL_KEY);
        wrong.put("endorsements", Bytes.EMPTY);
        assertThat(PROTOCOL.headerFields().check(header(17, wrong), MEMBERSHIP)).get().asString()
                .contains("unexpected header extension");
    }

    @Test
    void processBlockIsFinalOnlyOnceTheCoveringControlBlockIsAccepted() {
        BlockHeader h = header(2, PROTOCOL.headerFields().fieldsFor(MEMBERSHIP, 2));
        assertThat(PROTOCOL.finality().decide(new FinalityRule.Observation(h, true, 0, false)))
                .isInstanceOf(FinalityRule.Verdict.Pending.class);
        assertThat(PROTOCOL.finality().decide(new FinalityRule.Observation(h, false, 0, true)))
                .isInstanceOf(FinalityRule.Verdict.Final.class);
    }
}

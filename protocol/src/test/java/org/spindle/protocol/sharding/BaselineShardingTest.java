package org.spindle.protocol.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.baseline.BaselineSharding;

class BaselineShardingTest {
    private static final ShardingProtocol BASELINE = new BaselineSharding(new ShardCount.Fixed(2));

    private static List<NodeId> ids(int n) {
        List<NodeId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(NodeId.of(i));
        }
        return out;
    }

    private static BlockHeader header(long epoch, int shard, SortedMap<String, Bytes> extensions) {
        return new BlockHeader(Hash.ZERO, 1, shard, epoch, Hash.ZERO, Hash.ZERO, Hash.ZERO, Hash.ZERO, Bytes.EMPTY,
                Address.ZERO, extensions, Bytes.EMPTY);
    }

    @Test
    void baselineAssignsUniformShardsFromItsShardCount() {
        Membership m = BASELINE.membership().assign(Hash.ZERO, ids(10), 3);
        assertThat(BASELINE.name()).isEqualTo(BASELINE.membership().name()).isEqualTo("baseline");
        assertThat(m.shardCount()).isEqualTo(2);
        assertThat(m.members(0)).hasSize(5);
        assertThat(m.groupings()).isEmpty();
    }

    @Test
    void aBlockIsFinalExactlyWhenItsShardCommittedIt() {
        BlockHeader h = header(0, 0, new TreeMap<>());
        assertThat(BASELINE.finality().decide(new FinalityRule.Observation(h, true, 0, false)))
                .isInstanceOf(FinalityRule.Verdict.Final.class);
        assertThat(BASELINE.finality().decide(new FinalityRule.Observation(h, false, 5, true)))
                .isInstanceOf(FinalityRule.Verdict.Pending.class);
    }

    @Test
    void headersCarryTheMembershipHashAndOthersAreRejectedWithAReason() {
        Membership m = BASELINE.membership().assign(Hash.ZERO, ids(10), 3);
        HeaderFields fields = BASELINE.headerFields();
        BlockHeader good = header(3, 1, fields.fieldsFor(m, 1));
        assertThat(fields.check(good, m)).isEmpty();

        Membership other = BASELINE.membership().assign(Hash.wrap(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ids(10), 3);
        assertThat(fields.check(header(3, 1, fields.fieldsFor(other, 1)), m)).contains("header commits to another membership");
        assertThat(fields.check(header(3, 1, new TreeMap<>()), m)).contains("header lacks the membership extension");
        assertThat(fields.check(header(4, 1, fields.fieldsFor(m, 1)), m)).hasValueSatisfying(r -> assertThat(r).contains("epoch"));
        TreeMap<String, Bytes> extra = new TreeMap<>(fields.fieldsFor(m, 1));
        extra.put("endorsements", Bytes.of((byte) 1));
        assertThat(fields.check(header(3, 1, extra), m)).contains("unexpected header extension endorsements");
        assertThat(fields.check(header(3, 7, fields.fieldsFor(m, 1)), m)).hasValueSatisfying(r -> assertThat(r).contains("shard 7"));
    }
}

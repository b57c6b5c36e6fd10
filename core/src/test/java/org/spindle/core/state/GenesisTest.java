package org.spindle.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.ShardMath;

class GenesisTest {
    @Test
    void aNetworkAllocationSplitsIntoShardsThatTogetherHoldTheWholeSupply() {
        Map<Address, BigInteger> network = new HashMap<>();
        BigInteger total = BigInteger.ZERO;
        for (Address a : CheckpointProperties.shardZero(5, 0)) {
            network.put(a, BigInteger.valueOf(7));
            total = total.add(BigInteger.valueOf(7));
        }
        for (int i = 1; i <= 40; i++) {
            byte[] raw = new byte[20];
            raw[19] = (byte) i;
            network.put(Address.wrap(raw), BigInteger.valueOf(i));
            total = total.add(BigInteger.valueOf(i));
        }
        int shards = 3;
        BigInteger sum = BigInteger.ZERO;
        int accounts = 0;
        for (int s = 0; s < shards; s++) {
            WorldState st = WorldState.genesisOfShard(s, shards, network);
            sum = sum.add(st.totalSupply());
            accounts += st.accountCount();
            for (Address a : network.keySet()) {
                boolean here = ShardMath.shardOf(a, shards) == s;
                assertThat(st.account(a).isEmpty()).isEqualTo(!here);
            }
        }
        assertThat(sum).isEqualTo(total);
        assertThat(accounts).isEqualTo(network.size());
    }
}

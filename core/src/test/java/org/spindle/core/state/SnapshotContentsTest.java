package org.spindle.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;

class SnapshotContentsTest {
    private final List<Address> people = CheckpointProperties.shardZero(6, 0);

    @Test
    void aStateReplacedByAnothersContentsHasItsRootAndForgetsWhatItHeldAlone() {
        WorldState source = new WorldState(0, CheckpointProperties.SHARDS);
        source.setAccount(people.get(0), new Account(3, BigInteger.valueOf(500)));
        source.setAccount(people.get(1), Account.withBalance(BigInteger.TEN));
        source.markConsumed(ReceiptId.of(Address.ZERO, 7));

        WorldState target = new WorldState(0, CheckpointProperties.SHARDS);
        target.setAccount(people.get(0), Account.withBalance(BigInteger.ONE));
        target.setAccount(people.get(2), Account.withBalance(BigInteger.TWO));
        target.markConsumed(ReceiptId.of(Address.ZERO, 8));
        target.root();

        target.replaceContents(source.accounts(), source.consumedReceipts());

        assertThat(target.root()).isEqualTo(source.root()).isEqualTo(source.copy().root());
        assertThat(target.accounts()).isEqualTo(source.accounts());
        assertThat(target.account(people.get(2))).isEqualTo(Account.EMPTY);
        assertThat(target.isConsumed(ReceiptId.of(Address.ZERO, 7))).isTrue();
        assertThat(target.isConsumed(ReceiptId.of(Address.ZERO, 8))).isFalse();
    }

    @Test
    void replacingRefusesAnAccountOfAnotherShardAndAnOpenCheckpoint() {
        Address foreign = CheckpointProperties.shardZero(1, 0).get(0);
        WorldState otherShard = new WorldState(1, CheckpointProperties.SHARDS);
        assertThatThrownBy(() -> otherShard.replaceContents(Map.of(foreign, Account.withBalance(BigInteger.ONE)),
                Set.of())).isInstanceOf(IllegalArgumentException.class);

        WorldState s = new WorldState(0, CheckpointProperties.SHARDS);
        s.checkpoint();
        assertThatThrownBy(() -> s.replaceContents(Map.of(), Set.of())).isInstanceOf(IllegalStateException.class);
    }
}

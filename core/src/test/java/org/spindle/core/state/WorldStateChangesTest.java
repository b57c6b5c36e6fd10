package org.spindle.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;

class WorldStateChangesTest {
    private static Address address(int i) {
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) i);
        return Address.wrap(b);
    }

    private static WorldState genesis() {
        Map<Address, BigInteger> balances = new HashMap<>();
        for (int i = 1; i <= 4; i++) {
            balances.put(address(i), BigInteger.valueOf(100 * i));
        }
        return WorldState.genesis(0, 1, balances);
    }

    private static void run(WorldState s) {
        s.setAccount(address(1), new Account(1, BigInteger.valueOf(90)));
        s.credit(address(2), BigInteger.TEN);
        s.setAccount(address(3), Account.EMPTY);
        s.credit(address(9), BigInteger.ONE);
        s.credit(address(2), BigInteger.ONE);
        s.markConsumed(new ReceiptId(Hash.ZERO));
    }

    @Test
    void changesTakenBeforeARevertReachTheSameStateWhenAppliedAtTheSameVersion() {
        WorldState s = genesis();
        long before = s.version();
        WorldState.Checkpoint cp = s.checkpoint();
        run(s);
        Hash ranTo = s.root();
        WorldState.Changes changes = s.changesSince(cp);
        assertThat(s.version()).isNotEqualTo(before);
        s.revert(cp);
        assertThat(s.version()).as("a revert restores the checkpoint's version").isEqualTo(before);
        assertThat(s.root()).isNotEqualTo(ranTo);
        assertThat(changes.accounts()).hasSize(4);

        s.apply(changes);
        assertThat(s.root()).isEqualTo(ranTo);
        WorldState again = genesis();
        run(again);
        assertThat(s.accounts()).isEqualTo(again.accounts());
        assertThat(s.consumedReceipts()).isEqualTo(again.consumedReceipts());
    }

    @Test
    void aWriteThatLeavesTheContentsEqualStillGivesANewVersion() {
        WorldState s = genesis();
        long before = s.version();
        Account was = s.account(address(1));
        s.credit(address(1), BigInteger.ONE);
        s.setAccount(address(1), was);
        assertThat(s.version()).isNotEqualTo(before);
        WorldState.Checkpoint outer = s.checkpoint();
        long atOuter = s.version();
        s.credit(address(2), BigInteger.ONE);
        WorldState.Checkpoint inner = s.checkpoint();
        s.credit(address(3), BigInteger.ONE);
        s.revert(inner);
        s.credit(address(4), BigInteger.ONE);
        assertThat(s.version()).as("versions are never reused after a revert").isNotEqualTo(inner.version());
        s.revert(outer);
        assertThat(s.version()).isEqualTo(atOuter);
    }
}

package org.spindle.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;

class CheckpointProperties {
    static final int SHARDS = 2;
    final BlockExecutor executor = new BlockExecutor(new TransferExecutor(1));

    static List<Address> shardZero(int n, long from) {
        List<Address> out = new ArrayList<>();
        for (long s = from; out.size() < n; s++) {
            byte[] h = Hashing.sha256(ByteBuffer.allocate(8).putLong(s).array()).toArray();
            Address a = Address.wrap(java.util.Arrays.copyOf(h, 20));
            if (ShardMath.shardOf(a, SHARDS) == 0) {
                out.add(a);
            }
        }
        return out;
    }

    static Transaction tx(Address from, long nonce, Address to, long value) {
        return new Transaction(TxType.LEGACY, 1, nonce, from, to, BigInteger.valueOf(value), 21_000, BigInteger.ONE,
                BigInteger.ZERO, Bytes.EMPTY, Hash.ZERO, Bytes.EMPTY);
    }

    /** A random block over {@code people}, with nonces from {@code nonces} (not advanced). */
    static List<Transaction> randomBlock(Random r, List<Address> people, Map<Address, Long> nonces) {
        Map<Address, Long> local = new HashMap<>(nonces);
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Address from = people.get(r.nextInt(people.size()));
            long nonce = local.getOrDefault(from, 0L);
            local.put(from, nonce + 1);
            Address to = r.nextInt(4) == 0 ? shardZero(1, 500 + r.nextInt(50)).get(0) : people.get(r.nextInt(people.size()));
            txs.add(tx(from, nonce, to, r.nextInt(50_000)));
        }
        return txs;
    }

    static List<Receipt> randomReceipts(Random r, List<Address> people, int n) {
        List<Receipt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Receipt(ReceiptId.of(Address.ZERO, r.nextLong(1L << 40)), 1, 0, 1, i, Address.ZERO,
                    people.get(r.nextInt(people.size())), BigInteger.valueOf(r.nextInt(1000))));
        }
        return out;
    }

    private static Map<Address, Account> snapshot(WorldState s, List<Address> people) {
        Map<Address, Account> m = new HashMap<>();
        for (Address a : people) {
            m.put(a, s.account(a));
        }
        return m;
    }

    @Property(tries = 30)
    void revertingABlockRestoresTheExactStateAndRoot(@ForAll long seed, @ForAll boolean flushFirst) {
        Random r = new Random(seed);
        List<Address> people = shardZero(12, 0);
        Map<Address, BigInteger> balances = new HashMap<>();
        people.forEach(a -> balances.put(a, BigInteger.valueOf(1_000_000)));
        WorldState s = WorldState.genesis(0, SHARDS, balances);
        executor.execute(s, 1, people.get(0), randomBlock(r, people, Map.of()), randomReceipts(r, people, 3));
        Map<Address, Long> nonces = new HashMap<>();
        people.forEach(a -> nonces.put(a, s.account(a).nonce()));

        Hash before = s.root();
        BigInteger supply = s.totalSupply();
        Map<Address, Account> accounts = snapshot(s, people);
        List<Transaction> block = randomBlock(r, people, nonces);
        List<Receipt> receipts = randomReceipts(r, people, 4);

        WorldState.Checkpoint c = s.checkpoint();
        BlockResult first = executor.execute(s, 2, people.get(1), block, receipts);
        if (flushFirst) {
            assertThat(s.root()).isEqualTo(first.stateRoot());
        }
        s.revert(c);

        assertThat(s.root()).isEqualTo(before);
        assertThat(s.totalSupply()).isEqualTo(supply);
        assertThat(snapshot(s, people)).isEqualTo(accounts);
        for (Receipt rc : receipts) {
            assertThat(s.isConsumed(rc.id())).isFalse();
            assertThat(s.proveReceipt(rc.id()).verify(before)).isTrue();
        }
        assertThat(s.root()).isEqualTo(s.copy().root());

        BlockResult again = executor.execute(s, 2, people.get(1), block, receipts);
        assertThat(again.stateRoot()).isEqualTo(first.stateRoot());
    }

    @Test
    void nestedCheckpointsRevertOnlyTheirOwnChangesAndReleaseKeepsThem() {
        List<Address> people = shardZero(3, 0);
        WorldState s = WorldState.genesis(0, SHARDS, Map.of(people.get(0), BigInteger.valueOf(1_000_000)));
        Hash genesis = s.root();
        WorldState.Checkpoint outer = s.checkpoint();
        executor.execute(s, 1, people.get(2), List.of(tx(people.get(0), 0, people.get(1), 10)), List.of());
        Hash afterFirst = s.root();
        WorldState.Checkpoint inner = s.checkpoint();
        executor.execute(s, 2, people.get(2), List.of(tx(people.get(0), 1, people.get(1), 20)), List.of());
        s.revert(inner);
        assertThat(s.root()).isEqualTo(afterFirst);
        assertThatThrownBy(() -> s.revert(inner)).isInstanceOf(IllegalStateException.class);
        s.release(outer);
        assertThat(s.root()).isEqualTo(afterFirst).isNotEqualTo(genesis);
        assertThat(s.account(people.get(1)).balance()).isEqualTo(BigInteger.TEN);
        assertThatThrownBy(() -> s.revert(outer)).isInstanceOf(IllegalStateException.class);
    }

    @Property(tries = 30)
    void theRunningSupplyEqualsTheSumOfBalancesThroughBlocksRevertsAndSnapshots(@ForAll long seed) {
        Random r = new Random(seed);
        List<Address> people = shardZero(12, 0);
        Map<Address, BigInteger> balances = new HashMap<>();
        people.forEach(a -> balances.put(a, BigInteger.valueOf(1_000_000)));
        WorldState s = WorldState.genesis(0, SHARDS, balances);
        Map<Address, Long> nonces = new HashMap<>();
        for (long height = 1; height <= 8; height++) {
            WorldState.Checkpoint c = s.checkpoint();
            executor.execute(s, height, people.get(r.nextInt(people.size())), randomBlock(r, people, nonces),
                    randomReceipts(r, people, r.nextInt(4)));
            assertThat(s.totalSupply()).isEqualTo(s.sumOfBalances());
            if (r.nextBoolean()) {
                s.revert(c);
            } else {
                s.release(c);
                people.forEach(a -> nonces.put(a, s.account(a).nonce()));
            }
            if (r.nextBoolean()) {
                s.root(); // drops emptied accounts from the map
            }
            assertThat(s.totalSupply()).isEqualTo(s.sumOfBalances());
        }
        WorldState other = WorldState.genesis(0, SHARDS, Map.of(people.get(0), BigInteger.valueOf(7)));
        other.replaceContents(s.accounts(), s.consumedReceipts());
        assertThat(other.totalSupply()).isEqualTo(s.sumOfBalances()).isEqualTo(other.sumOfBalances());
        assertThat(s.copy().totalSupply()).isEqualTo(s.totalSupply());
    }
}

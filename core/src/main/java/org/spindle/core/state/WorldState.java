package org.spindle.core.state;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.merkle.SparseMerkleTree;

/**
 * One shard's authenticated state: its accounts and the set of cross-shard receipts it has
 * consumed, committed to by one {@link SparseMerkleTree} root (see {@link StateKeys}).
 *
 * <p>Reads go to hash maps; writes mark entries dirty and are folded into the tree in one batch
 * when the root is next asked for ({@link #root()}), so each block pays for its changed paths once.
 *
 * <p>Invariant: the state holds only accounts whose {@link ShardMath#shardOf} is this shard, and no
 * account equal to {@link Account#EMPTY}. Not thread-safe.
 */
public final class WorldState {
    private final int shard;
    private final int shardCount;
    private final Map<Address, Slot> accounts = new HashMap<>();
    private final Set<ReceiptId> consumed = new HashSet<>();
    private final SparseMerkleTree tree = new SparseMerkleTree();
    private final List<Slot> dirty = new ArrayList<>();
    private final List<ReceiptId> newlyConsumed = new ArrayList<>();
    private final MessageDigest md = Hashing.sha256Digest();

    /** An account with what is derived from its address, computed once. */
    private static final class Slot {
        final Address address;
        final Hash key;
        Account account;
        boolean dirty;

        Slot(Address address, Account account) {
            this.address = address;
            this.key = StateKeys.accountKey(address);
            this.account = account;
        }
    }

    public WorldState(int shard, int shardCount) {
        if (shardCount < 1 || shardCount > ShardMath.MAX_SHARDS || shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("shard " + shard + " of " + shardCount);
        }
        this.shard = shard;
        this.shardCount = shardCount;
    }

    /**
     * The genesis state of {@code shard}: the given balances, all nonces zero. Fails if an
     * address belongs to another shard or the total does not fit in 256 bits.
     */
    public static WorldState genesis(int shard, int shardCount, Map<Address, BigInteger> balances) {
        WorldState s = new WorldState(shard, shardCount);
        BigInteger total = BigInteger.ZERO;
        for (Map.Entry<Address, BigInteger> e : balances.entrySet()) {
            total = total.add(e.getValue());
            s.setAccount(e.getKey(), Account.withBalance(e.getValue()));
        }
        if (total.bitLength() > 256) {
            throw new IllegalArgumentException("genesis supply does not fit in 256 bits");
        }
        s.root();
        return s;
    }

    public int shard() {
        return shard;
    }

    public int shardCount() {
        return shardCount;
    }

    public Account account(Address address) {
        Slot s = accounts.get(address);
        return s == null ? Account.EMPTY : s.account;
    }

    /** The shard of {@code address}; cheap for accounts this state holds. */
    public int shardOf(Address address) {
        return accounts.containsKey(address) ? shard : ShardMath.shardOf(address, shardCount);
    }

    public boolean isConsumed(ReceiptId id) {
        return consumed.contains(id);
    }

    /**
     * Sets an account; {@link Account#EMPTY} removes it. For the executor, which has already
     * checked the transition; fails if the address belongs to another shard.
     */
    public void setAccount(Address address, Account account) {
        Objects.requireNonNull(account, "account");
        Slot s = accounts.get(address);
        if (s == null) {
            if (account.isEmpty()) {
                return;
            }
            int owner = ShardMath.shardOf(address, shardCount);
            if (owner != shard) {
                throw new IllegalArgumentException(address + " belongs to shard " + owner + ", not " + shard);
            }
            s = new Slot(address, account);
            accounts.put(address, s);
        } else {
            s.account = account;
        }
        if (!s.dirty) {
            s.dirty = true;
            dirty.add(s);
        }
    }

    /** Adds {@code amount} to an account's balance, creating the account if needed. */
    public void credit(Address address, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        setAccount(address, account(address).credit(amount));
    }

    /** Records a receipt as consumed; fails if it already was (the executor checks first). */
    public void markConsumed(ReceiptId id) {
        if (!consumed.add(id)) {
            throw new IllegalStateException(id + " is already consumed");
        }
        newlyConsumed.add(id);
    }

    /** The state root, folding pending changes into the tree first. */
    public Hash root() {
        if (dirty.isEmpty() && newlyConsumed.isEmpty()) {
            return tree.root();
        }
        SparseMerkleTree.Batch batch = tree.batch();
        for (Slot s : dirty) {
            s.dirty = false;
            if (s.account.isEmpty()) {
                accounts.remove(s.address);
                batch.delete(s.key);
            } else {
                batch.put(s.key, StateKeys.accountValueHash(md, s.account));
            }
        }
        for (ReceiptId id : newlyConsumed) {
            batch.put(StateKeys.receiptKey(id), StateKeys.CONSUMED);
        }
        dirty.clear();
        newlyConsumed.clear();
        return batch.commit();
    }

    public int accountCount() {
        return accounts.size();
    }

    public int consumedCount() {
        return consumed.size();
    }

    /** The sum of all balances: with receipts in flight, what conservation is checked against. */
    public BigInteger totalSupply() {
        BigInteger sum = BigInteger.ZERO;
        for (Slot s : accounts.values()) {
            sum = sum.add(s.account.balance());
        }
        return sum;
    }

    public AccountProof proveAccount(Address address) {
        root();
        return new AccountProof(address, account(address), tree.prove(StateKeys.accountKey(address)));
    }

    public ReceiptProof proveReceipt(ReceiptId id) {
        root();
        return new ReceiptProof(id, consumed.contains(id), tree.prove(StateKeys.receiptKey(id)));
    }

    /**
     * An independent copy with a tree rebuilt from scratch out of the current contents: a fork
     * point for speculative execution, and a check that incremental roots match full rebuilds.
     */
    public WorldState copy() {
        WorldState c = new WorldState(shard, shardCount);
        for (Slot s : accounts.values()) {
            if (!s.account.isEmpty()) {
                c.setAccount(s.address, s.account);
            }
        }
        for (ReceiptId id : consumed) {
            c.markConsumed(id);
        }
        c.root();
        return c;
    }
}

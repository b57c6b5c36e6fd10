package org.spindle.core.state;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
    private final Set<ReceiptId> newlyConsumed = new LinkedHashSet<>();
    private final Set<ReceiptId> unconsumed = new LinkedHashSet<>();
    /** Undo records since the oldest open checkpoint; empty and unused when none is open. */
    private final List<Undo> journal = new ArrayList<>();
    private final List<Checkpoint> openCheckpoints = new ArrayList<>();
    private long nextCheckpointId;
    /** Names the current contents: a fresh number after each change, the checkpoint's again after a revert. */
    private long version;
    private long nextVersion = 1;
    /**
     * The sum of all balances, kept up to date by every account write: committing a block then
     * reports the supply in O(changes) instead of summing every account the shard ever created.
     */
    private BigInteger supply = BigInteger.ZERO;

    private sealed interface Undo {}

    private record AccountWas(Address address, Account previous) implements Undo {}

    private record ReceiptWasFree(ReceiptId id) implements Undo {}

    /**
     * A point the state can be reverted to: taken before executing a block that may be discarded
     * (a proposal that fails validation, a fork that loses). Reverting costs O(changes since).
     */
    public record Checkpoint(WorldState state, long id, int mark, long version) {}

    /**
     * What a run of changes left behind: the final value of every account it touched and the
     * receipts it consumed. Applying it to the contents it was taken on reaches the same state as
     * repeating the run, without re-checking anything: a validator keeps the changes of executing a
     * proposal and applies them when the proposal is committed.
     */
    public record Changes(Map<Address, Account> accounts, List<ReceiptId> consumed) {
        public Changes {
            accounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(accounts));
            consumed = List.copyOf(consumed);
        }
    }
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

    /**
     * The genesis state of {@code shard} out of a whole network's allocation: keeps the addresses
     * that {@link ShardMath#shardOf} puts in this shard and ignores the rest.
     */
    public static WorldState genesisOfShard(int shard, int shardCount, Map<Address, BigInteger> network) {
        Map<Address, BigInteger> mine = new HashMap<>();
        for (Map.Entry<Address, BigInteger> e : network.entrySet()) {
            if (ShardMath.shardOf(e.getKey(), shardCount) == shard) {
                mine.put(e.getKey(), e.getValue());
            }
        }
        return genesis(shard, shardCount, mine);
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
        version = nextVersion++;
        if (!openCheckpoints.isEmpty()) {
            journal.add(new AccountWas(address, s == null ? Account.EMPTY : s.account));
        }
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
            supply = supply.add(account.balance());
        } else {
            supply = supply.add(account.balance()).subtract(s.account.balance());
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
        version = nextVersion++;
        if (!unconsumed.remove(id)) { // a pending removal from the tree is simply dropped
            newlyConsumed.add(id);
        }
        if (!openCheckpoints.isEmpty()) {
            journal.add(new ReceiptWasFree(id));
        }
    }

    /** Starts recording changes so they can be reverted; checkpoints nest. */
    public Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint(this, nextCheckpointId++, journal.size(), version);
        openCheckpoints.add(c);
        return c;
    }

    /** Undoes every change made since {@code c}; closes it and every checkpoint taken after it. */
    public void revert(Checkpoint c) {
        int index = indexOfOpen(c);
        for (int i = journal.size() - 1; i >= c.mark(); i--) {
            switch (journal.remove(i)) {
                case AccountWas(Address address, Account previous) -> restore(address, previous);
                case ReceiptWasFree(ReceiptId id) -> {
                    consumed.remove(id);
                    if (!newlyConsumed.remove(id)) {
                        unconsumed.add(id); // already in the tree: delete it at the next root
                    }
                }
            }
        }
        version = c.version(); // the contents are again exactly those the checkpoint saw
        closeFrom(index);
    }

    /**
     * The changes made since {@code c}, which must still be open: each touched account with its
     * current value, in first-touch order, and the receipts consumed since, in order.
     */
    public Changes changesSince(Checkpoint c) {
        indexOfOpen(c);
        Map<Address, Account> touched = new java.util.LinkedHashMap<>();
        List<ReceiptId> ids = new ArrayList<>();
        for (int i = c.mark(); i < journal.size(); i++) {
            switch (journal.get(i)) {
                case AccountWas(Address address, Account previous) -> touched.computeIfAbsent(address, this::account);
                case ReceiptWasFree(ReceiptId id) -> ids.add(id);
            }
        }
        return new Changes(touched, ids);
    }

    /**
     * Applies changes taken by {@link #changesSince} on the current contents (the caller checks,
     * e.g. by {@link #version}, that they are); journaled like any other change.
     */
    public void apply(Changes changes) {
        changes.accounts().forEach(this::setAccount);
        changes.consumed().forEach(this::markConsumed);
    }

    /**
     * A number naming the current contents: it changes with every write and returns to a
     * checkpoint's number when the state is reverted to it. Equal numbers on one state mean equal
     * contents, so a result computed at one version may be reused at the same version.
     */
    public long version() {
        return version;
    }

    /** Keeps the changes made since {@code c}; closes it and every checkpoint taken after it. */
    public void release(Checkpoint c) {
        closeFrom(indexOfOpen(c));
    }

    private int indexOfOpen(Checkpoint c) {
        int index = openCheckpoints.indexOf(c);
        if (index < 0) {
            throw new IllegalStateException("checkpoint " + c.id() + " is not open on this state");
        }
        return index;
    }

    private void closeFrom(int index) {
        openCheckpoints.subList(index, openCheckpoints.size()).clear();
        if (openCheckpoints.isEmpty()) {
            journal.clear();
        }
    }

    /** Puts an account back as it was, without journaling. */
    private void restore(Address address, Account previous) {
        Slot s = accounts.get(address);
        if (s == null) {
            if (previous.isEmpty()) {
                return;
            }
            s = new Slot(address, previous);
            accounts.put(address, s);
            supply = supply.add(previous.balance());
        } else {
            supply = supply.add(previous.balance()).subtract(s.account.balance());
            s.account = previous;
        }
        if (!s.dirty) {
            s.dirty = true;
            dirty.add(s);
        }
    }

    /** The state root, folding pending changes into the tree first. */
    public Hash root() {
        if (dirty.isEmpty() && newlyConsumed.isEmpty() && unconsumed.isEmpty()) {
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
        for (ReceiptId id : unconsumed) {
            batch.delete(StateKeys.receiptKey(id));
        }
        dirty.clear();
        newlyConsumed.clear();
        unconsumed.clear();
        return batch.commit();
    }

    /** A copy of every account this state holds: what a state snapshot carries. */
    public Map<Address, Account> accounts() {
        Map<Address, Account> out = new HashMap<>();
        for (Slot s : accounts.values()) {
            if (!s.account.isEmpty()) {
                out.put(s.address, s.account);
            }
        }
        return out;
    }

    /** A copy of the receipts this state has consumed: the other half of a state snapshot. */
    public Set<ReceiptId> consumedReceipts() {
        return new HashSet<>(consumed);
    }

    /**
     * Replaces the whole contents with a snapshot's (accounts and consumed receipts), as a node
     * does after fetching a peer's final state; the tree is updated by the difference, so the root
     * is then the snapshot's. Fails if a checkpoint is open or an account belongs to another shard.
     */
    public void replaceContents(Map<Address, Account> snapshotAccounts, Set<ReceiptId> snapshotConsumed) {
        if (!openCheckpoints.isEmpty()) {
            throw new IllegalStateException("cannot replace the state while a checkpoint is open");
        }
        for (Address a : List.copyOf(accounts.keySet())) {
            if (!snapshotAccounts.containsKey(a)) {
                setAccount(a, Account.EMPTY);
            }
        }
        snapshotAccounts.forEach(this::setAccount);
        for (ReceiptId id : List.copyOf(consumed)) {
            if (!snapshotConsumed.contains(id)) {
                consumed.remove(id);
                if (!newlyConsumed.remove(id)) {
                    unconsumed.add(id);
                }
            }
        }
        for (ReceiptId id : snapshotConsumed) {
            if (!consumed.contains(id)) {
                markConsumed(id);
            }
        }
        version = nextVersion++; // receipts may have been dropped above without a write that counts
        root();
    }

    public int accountCount() {
        return accounts.size();
    }

    public int consumedCount() {
        return consumed.size();
    }

    /** The sum of all balances: with receipts in flight, what conservation is checked against. O(1). */
    public BigInteger totalSupply() {
        return supply;
    }

    /**
     * The sum of all balances added up account by account (O(accounts)): an independent check of
     * {@link #totalSupply}, for tests and end-of-run audits.
     */
    public BigInteger sumOfBalances() {
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

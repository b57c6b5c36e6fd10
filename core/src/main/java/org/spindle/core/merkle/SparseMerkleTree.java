package org.spindle.core.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;

/**
 * A sparse Merkle tree over 256-bit keys with compact leaves: a leaf sits at the depth where its
 * key becomes unique instead of at depth 256, so a tree of n random keys is about log2(n) deep.
 *
 * <p>The root is a pure function of the set of (key, value hash) pairs, whatever the order of
 * updates:
 * <ul>
 *   <li>an empty subtree hashes to {@link Hash#ZERO};
 *   <li>a subtree holding exactly one entry hashes to {@code sha256(0x00 || key || valueHash)},
 *       whatever its depth;
 *   <li>a subtree holding two or more hashes to {@code sha256(0x01 || left || right)}, where the
 *       left child holds the keys whose bit at this depth is 0 (bits counted from the most
 *       significant bit of byte 0).
 * </ul>
 * Leaf and inner inputs are both 65 bytes and start with different tags, so one can never be read
 * as the other.
 *
 * <p>SHA-256 rather than Keccak: the JDK's SHA-256 uses the CPU's SHA extensions through a
 * HotSpot intrinsic and is several times faster than a Java Keccak, and the state root update is
 * the hot path of execution. Keys are expected to be hashes already (uniform bits), which keeps
 * the tree balanced.
 *
 * <p>Updates are batched: {@link Batch#commit()} sorts the changes and walks the tree once,
 * rehashing only the nodes on changed paths, each dirty inner node exactly once, so a block
 * costs O(changes × depth) hashes. Nodes are updated in place and keep their hash inline as four
 * longs, and the batch is sorted by a 64-bit key prefix: a commit allocates almost nothing that
 * outlives it (allocating new path nodes per block made young collections copy millions of
 * surviving nodes) and touches few cache lines. Not thread-safe.
 */
public final class SparseMerkleTree {
    public static final int KEY_BITS = 256;
    private static final byte[] EMPTY_HASH = new byte[32];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest md = Hashing.sha256Digest();
    private final byte[] input = new byte[65];
    private final byte[] output = new byte[32];
    private Node root;
    private int size;

    /** A node with its hash held inline. An empty subtree is {@code null}. */
    abstract static sealed class Node permits Leaf, Inner {
        long h0;
        long h1;
        long h2;
        long h3;

        final void setHash(byte[] hash) {
            h0 = (long) LONGS.get(hash, 0);
            h1 = (long) LONGS.get(hash, 8);
            h2 = (long) LONGS.get(hash, 16);
            h3 = (long) LONGS.get(hash, 24);
        }

        final byte[] hash() {
            byte[] out = new byte[32];
            writeHash(out, 0);
            return out;
        }

        final void writeHash(byte[] into, int at) {
            LONGS.set(into, at, h0);
            LONGS.set(into, at + 8, h1);
            LONGS.set(into, at + 16, h2);
            LONGS.set(into, at + 24, h3);
        }
    }

    /** A leaf; its value hash is inline too, so updating it writes no reference into old objects. */
    static final class Leaf extends Node {
        final byte[] key;
        long v0;
        long v1;
        long v2;
        long v3;

        Leaf(byte[] key) {
            this.key = key;
        }

        byte[] valueHash() {
            byte[] out = new byte[32];
            LONGS.set(out, 0, v0);
            LONGS.set(out, 8, v1);
            LONGS.set(out, 16, v2);
            LONGS.set(out, 24, v3);
            return out;
        }
    }

    static final class Inner extends Node {
        Node left;
        Node right;
    }

    public Hash root() {
        return root == null ? Hash.ZERO : Hash.wrap(root.hash());
    }

    /** The number of keys in the tree. */
    public int size() {
        return size;
    }

    /** The value hash stored under {@code key}, if any. */
    public Optional<Hash> get(Hash key) {
        byte[] k = key.bytes().unsafeArray();
        Node n = root;
        int depth = 0;
        while (n instanceof Inner in) {
            n = bit(k, depth++) == 0 ? in.left : in.right;
        }
        if (n instanceof Leaf leaf && Arrays.equals(leaf.key, k)) {
            return Optional.of(Hash.wrap(leaf.valueHash()));
        }
        return Optional.empty();
    }

    /** A proof of the value under {@code key}, or of its absence, against {@link #root()}. */
    public SmtProof prove(Hash key) {
        byte[] k = key.bytes().unsafeArray();
        List<Hash> siblings = new ArrayList<>();
        Node n = root;
        int depth = 0;
        while (n instanceof Inner in) {
            boolean right = bit(k, depth++) == 1;
            Node sibling = right ? in.left : in.right;
            siblings.add(Hash.wrap(sibling == null ? EMPTY_HASH.clone() : sibling.hash()));
            n = right ? in.right : in.left;
        }
        if (n instanceof Leaf leaf) {
            return new SmtProof(siblings, Optional.of(new SmtProof.LeafEntry(
                    Hash.wrap(leaf.key.clone()), Hash.wrap(leaf.valueHash()))));
        }
        return new SmtProof(siblings, Optional.empty());
    }

    public Batch batch() {
        return new Batch();
    }

    /** One pending change; a null value deletes. */
    private record Change(long prefix, byte[] key, byte[] valueHash, int seq) {}

    private static int compareChanges(Change a, Change b) {
        int c = Long.compareUnsigned(a.prefix, b.prefix);
        if (c == 0) {
            c = Arrays.compareUnsigned(a.key, b.key);
        }
        return c != 0 ? c : Integer.compare(a.seq, b.seq);
    }

    /** Changes collected for one commit; the last change to a key wins. */
    public final class Batch {
        private final List<Change> changes = new ArrayList<>();

        private Batch() {}

        public Batch put(Hash key, Hash valueHash) {
            byte[] k = key.bytes().unsafeArray();
            changes.add(new Change((long) LONGS.get(k, 0), k, valueHash.bytes().unsafeArray(), changes.size()));
            return this;
        }

        public Batch delete(Hash key) {
            byte[] k = key.bytes().unsafeArray();
            changes.add(new Change((long) LONGS.get(k, 0), k, null, changes.size()));
            return this;
        }

        public int size() {
            return changes.size();
        }

        /** Applies the changes and returns the new root. */
        public Hash commit() {
            Change[] sorted = changes.toArray(Change[]::new);
            changes.clear();
            Arrays.sort(sorted, SparseMerkleTree::compareChanges);
            int n = sorted.length;
            byte[][] ks = new byte[n][];
            long[] prefixes = new long[n];
            Object[] values = new Object[n];
            int m = 0;
            for (Change c : sorted) {
                if (m > 0 && Arrays.equals(ks[m - 1], c.key)) {
                    m--; // a later change to the same key replaces the earlier one
                }
                ks[m] = c.key;
                prefixes[m] = c.prefix;
                values[m] = c.valueHash;
                m++;
            }
            root = update(root, 0, new Keys(ks, prefixes), values, 0, m);
            return SparseMerkleTree.this.root();
        }
    }

    /** Sorted keys with their first 64 bits, so the top 64 levels never touch the key arrays. */
    private record Keys(byte[][] keys, long[] prefixes) {
        int bit(int i, int depth) {
            return depth < 64 ? (int) (prefixes[i] >>> (63 - depth)) & 1 : SparseMerkleTree.bit(keys[i], depth);
        }
    }

    private void setLeafValue(Leaf leaf, byte[] valueHash) {
        leaf.v0 = (long) LONGS.get(valueHash, 0);
        leaf.v1 = (long) LONGS.get(valueHash, 8);
        leaf.v2 = (long) LONGS.get(valueHash, 16);
        leaf.v3 = (long) LONGS.get(valueHash, 24);
        input[0] = MerkleTree.LEAF;
        System.arraycopy(leaf.key, 0, input, 1, 32);
        System.arraycopy(valueHash, 0, input, 33, 32);
        leaf.setHash(digestInput());
    }

    private byte[] digestInput() {
        md.update(input, 0, 65);
        try {
            md.digest(output, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer is 32 bytes", e);
        }
        return output;
    }

    static int bit(byte[] key, int depth) {
        return (key[depth >>> 3] >>> (7 - (depth & 7))) & 1;
    }

    /** The first index in [lo, hi) whose key has bit 1 at {@code depth}; keys are sorted. */
    private static int split(Keys ks, int depth, int lo, int hi) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (ks.bit(mid, depth) == 0) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    /*
     * In update, mergeLeaf and build, values[i] is the change for keys[i]: a value hash (byte[]) to
     * store, null to delete, or (only inside mergeLeaf) an existing Leaf that stays as it is.
     */

    /** Applies changes [lo, hi) (sorted, distinct keys) below {@code n}; returns the new subtree. */
    private Node update(Node n, int depth, Keys ks, Object[] values, int lo, int hi) {
        if (lo == hi) {
            return n;
        }
        if (n == null) {
            size += live(values, lo, hi);
            return build(depth, ks, values, lo, hi);
        }
        if (n instanceof Leaf existing) {
            return mergeLeaf(existing, depth, ks, values, lo, hi);
        }
        Inner in = (Inner) n;
        int mid = split(ks, depth, lo, hi);
        Node left = update(in.left, depth + 1, ks, values, lo, mid);
        Node right = update(in.right, depth + 1, ks, values, mid, hi);
        if (collapses(left, right)) {
            return left == null ? right : left;
        }
        in.left = left;
        in.right = right;
        rehash(in);
        return in;
    }

    private Node mergeLeaf(Leaf existing, int depth, Keys ks, Object[] values, int lo, int hi) {
        if (hi - lo == 1 && Arrays.equals(ks.keys()[lo], existing.key)) {
            if (values[lo] == null) {
                size--;
                return null;
            }
            setLeafValue(existing, (byte[]) values[lo]);
            return existing;
        }
        int count = hi - lo;
        byte[][] mk = new byte[count + 1][];
        long[] mp = new long[count + 1];
        Object[] mv = new Object[count + 1];
        long existingPrefix = (long) LONGS.get(existing.key, 0);
        int m = 0;
        boolean placed = false;
        for (int i = lo; i < hi; i++) {
            int c = Arrays.compareUnsigned(ks.keys()[i], existing.key);
            if (!placed && c >= 0) {
                placed = true;
                if (c > 0) {
                    mk[m] = existing.key;
                    mp[m] = existingPrefix;
                    mv[m++] = existing;
                }
            }
            mk[m] = ks.keys()[i];
            mp[m] = ks.prefixes()[i];
            mv[m++] = values[i];
        }
        if (!placed) {
            mk[m] = existing.key;
            mp[m] = existingPrefix;
            mv[m++] = existing;
        }
        size += live(mv, 0, m) - 1;
        return build(depth, new Keys(mk, mp), mv, 0, m);
    }

    /** Builds the canonical subtree of the non-deleted entries in [lo, hi). */
    private Node build(int depth, Keys ks, Object[] values, int lo, int hi) {
        int live = 0;
        int last = -1;
        for (int i = lo; i < hi; i++) {
            if (values[i] != null) {
                live++;
                last = i;
            }
        }
        if (live == 0) {
            return null;
        }
        if (live == 1) {
            if (values[last] instanceof Leaf kept) {
                return kept;
            }
            Leaf leaf = new Leaf(ks.keys()[last]);
            setLeafValue(leaf, (byte[]) values[last]);
            return leaf;
        }
        int mid = split(ks, depth, lo, hi);
        Node left = build(depth + 1, ks, values, lo, mid);
        Node right = build(depth + 1, ks, values, mid, hi);
        if (collapses(left, right)) {
            return left == null ? right : left;
        }
        Inner in = new Inner();
        in.left = left;
        in.right = right;
        rehash(in);
        return in;
    }

    /** A subtree with at most one leaf is that leaf (or empty), never an inner node. */
    private static boolean collapses(Node left, Node right) {
        return (left == null && (right == null || right instanceof Leaf)) || (right == null && left instanceof Leaf);
    }

    private void rehash(Inner in) {
        input[0] = MerkleTree.INNER;
        if (in.left == null) {
            System.arraycopy(EMPTY_HASH, 0, input, 1, 32);
        } else {
            in.left.writeHash(input, 1);
        }
        if (in.right == null) {
            System.arraycopy(EMPTY_HASH, 0, input, 33, 32);
        } else {
            in.right.writeHash(input, 33);
        }
        in.setHash(digestInput());
    }

    private static int live(Object[] values, int lo, int hi) {
        int live = 0;
        for (int i = lo; i < hi; i++) {
            if (values[i] != null) {
                live++;
            }
        }
        return live;
    }
}

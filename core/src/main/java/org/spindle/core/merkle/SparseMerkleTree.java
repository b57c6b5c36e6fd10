package org.spindle.core.merkle;

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
 * rebuilding only the nodes on changed paths, each dirty inner node hashed exactly once, so a
 * block costs O(changes × depth) hashes. Nodes are immutable, so a committed root stays valid.
 * Not thread-safe.
 */
public final class SparseMerkleTree {
    private static final byte[] EMPTY_HASH = new byte[32];
    public static final int KEY_BITS = 256;

    private final MessageDigest md = Hashing.sha256Digest();
    private Node root;
    private int size;

    sealed interface Node permits Leaf, Inner {
        byte[] hash();
    }

    record Leaf(byte[] key, byte[] valueHash, byte[] hash) implements Node {}

    record Inner(Node left, Node right, byte[] hash) implements Node {}

    public Hash root() {
        return root == null ? Hash.ZERO : Hash.wrap(root.hash().clone());
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
            n = bit(k, depth++) == 0 ? in.left() : in.right();
        }
        if (n instanceof Leaf leaf && Arrays.equals(leaf.key(), k)) {
            return Optional.of(Hash.wrap(leaf.valueHash().clone()));
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
            Node sibling = right ? in.left() : in.right();
            siblings.add(Hash.wrap((sibling == null ? EMPTY_HASH : sibling.hash()).clone()));
            n = right ? in.right() : in.left();
        }
        if (n instanceof Leaf leaf) {
            return new SmtProof(siblings, Optional.of(new SmtProof.LeafEntry(
                    Hash.wrap(leaf.key().clone()), Hash.wrap(leaf.valueHash().clone()))));
        }
        return new SmtProof(siblings, Optional.empty());
    }

    public Batch batch() {
        return new Batch();
    }

    /** Changes collected for one commit; the last change to a key wins. */
    public final class Batch {
        private final List<byte[]> keys = new ArrayList<>();
        private final List<byte[]> values = new ArrayList<>();

        private Batch() {}

        public Batch put(Hash key, Hash valueHash) {
            keys.add(key.bytes().unsafeArray());
            values.add(valueHash.bytes().unsafeArray());
            return this;
        }

        public Batch delete(Hash key) {
            keys.add(key.bytes().unsafeArray());
            values.add(null);
            return this;
        }

        public int size() {
            return keys.size();
        }

        /** Applies the changes and returns the new root. */
        public Hash commit() {
            int n = keys.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Stable sort by key, then keep the last change of each key.
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
            byte[][] ks = new byte[n][];
            Leaf[] leaves = new Leaf[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int idx = order[i];
                byte[] k = keys.get(idx);
                if (m > 0 && Arrays.equals(ks[m - 1], k)) {
                    m--;
                }
                byte[] v = values.get(idx);
                ks[m] = k;
                leaves[m] = v == null ? null : newLeaf(k, v);
                m++;
            }
            root = update(root, 0, ks, leaves, 0, m);
            keys.clear();
            values.clear();
            return SparseMerkleTree.this.root();
        }
    }

    private Leaf newLeaf(byte[] key, byte[] valueHash) {
        md.update(MerkleTree.LEAF);
        md.update(key);
        md.update(valueHash);
        return new Leaf(key, valueHash, md.digest());
    }

    static int bit(byte[] key, int depth) {
        return (key[depth >>> 3] >>> (7 - (depth & 7))) & 1;
    }

    /** The first index in [lo, hi) whose key has bit 1 at {@code depth}; keys are sorted. */
    private static int split(byte[][] ks, int depth, int lo, int hi) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (bit(ks[mid], depth) == 0) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    /** Applies changes [lo, hi) (sorted, distinct keys; null leaf = delete) below {@code n}. */
    private Node update(Node n, int depth, byte[][] ks, Leaf[] leaves, int lo, int hi) {
        if (lo == hi) {
            return n;
        }
        if (n == null) {
            size += live(leaves, lo, hi);
            return build(depth, ks, leaves, lo, hi);
        }
        if (n instanceof Leaf existing) {
            return mergeLeaf(existing, depth, ks, leaves, lo, hi);
        }
        Inner in = (Inner) n;
        int mid = split(ks, depth, lo, hi);
        Node left = update(in.left(), depth + 1, ks, leaves, lo, mid);
        Node right = update(in.right(), depth + 1, ks, leaves, mid, hi);
        if (left == in.left() && right == in.right()) {
            return in;
        }
        return join(left, right);
    }

    private Node mergeLeaf(Leaf existing, int depth, byte[][] ks, Leaf[] leaves, int lo, int hi) {
        int count = hi - lo;
        byte[][] mk = new byte[count + 1][];
        Leaf[] ml = new Leaf[count + 1];
        int m = 0;
        boolean placed = false;
        for (int i = lo; i < hi; i++) {
            int c = Arrays.compareUnsigned(ks[i], existing.key());
            if (!placed && c >= 0) {
                placed = true;
                if (c > 0) {
                    mk[m] = existing.key();
                    ml[m++] = existing;
                }
            }
            mk[m] = ks[i];
            ml[m++] = leaves[i];
        }
        if (!placed) {
            mk[m] = existing.key();
            ml[m++] = existing;
        }
        size += live(ml, 0, m) - 1;
        return build(depth, mk, ml, 0, m);
    }

    /** Builds the canonical subtree of the non-deleted entries in [lo, hi). */
    private Node build(int depth, byte[][] ks, Leaf[] leaves, int lo, int hi) {
        int live = 0;
        int last = -1;
        for (int i = lo; i < hi; i++) {
            if (leaves[i] != null) {
                live++;
                last = i;
            }
        }
        if (live == 0) {
            return null;
        }
        if (live == 1) {
            return leaves[last];
        }
        int mid = split(ks, depth, lo, hi);
        return join(build(depth + 1, ks, leaves, lo, mid), build(depth + 1, ks, leaves, mid, hi));
    }

    private Node join(Node left, Node right) {
        if (left == null && (right == null || right instanceof Leaf)) {
            return right;
        }
        if (right == null && left instanceof Leaf) {
            return left;
        }
        md.update(MerkleTree.INNER);
        md.update(left == null ? EMPTY_HASH : left.hash());
        md.update(right == null ? EMPTY_HASH : right.hash());
        return new Inner(left, right, md.digest());
    }

    private static int live(Leaf[] leaves, int lo, int hi) {
        int live = 0;
        for (int i = lo; i < hi; i++) {
            if (leaves[i] != null) {
                live++;
            }
        }
        return live;
    }
}

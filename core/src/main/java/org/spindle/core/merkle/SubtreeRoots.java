package org.spindle.core.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;

/**
 * A {@link SparseMerkleTree}'s contents cut at a fixed depth into {@code 2^depth} slices, one per
 * key prefix, so a large state can travel in pieces that are each checked on arrival.
 *
 * <p>The tree's hash rules make a subtree's hash a function of its entries and its depth alone, so
 * the hash of slice {@code p} is computable from the entries whose keys start with {@code p}. The
 * list of every slice's hash and entry count folds up to the tree's root: an empty subtree is
 * {@link Hash#ZERO}, a subtree of one entry carries that leaf's hash up unchanged, and only a subtree
 * of two or more entries hashes its children; the counts are what tell those cases apart.
 *
 * <p>A receiver trusts nothing in a slice list: it accepts a slice's entries only if they compute
 * to exactly the listed slice, hash and count. Once the list also folds to a certified root, the
 * accepted entries are the certified tree's entries: the list is then the true slicing of what was
 * accepted, so its fold is that content's root.
 */
public final class SubtreeRoots {
    /** Deeper than this, the slice list alone would outweigh any state worth cutting. */
    public static final int MAX_DEPTH = 20;

    private SubtreeRoots() {}

    /** One entry of the tree: a key and the hash of its value. */
    public record Entry(Hash key, Hash valueHash) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(valueHash, "valueHash");
        }
    }

    /** A slice's subtree hash and how many entries it holds. */
    public record Slice(Hash hash, long count) {
        public static final Slice EMPTY = new Slice(Hash.ZERO, 0);

        public Slice {
            Objects.requireNonNull(hash, "hash");
            if (count < 0) {
                throw new IllegalArgumentException("a slice holds at least 0 entries, got " + count);
            }
        }
    }

    /** The slice a key falls in: its first {@code depth} bits as a number. */
    public static int sliceOf(Hash key, int depth) {
        checkDepth(depth);
        byte[] k = key.bytes().unsafeArray();
        int p = 0;
        for (int d = 0; d < depth; d++) {
            p = (p << 1) | SparseMerkleTree.bit(k, d);
        }
        return p;
    }

    /**
     * The slice of {@code entries}, which must all lie in one slice at {@code depth}; any order.
     *
     * @throws IllegalArgumentException if two entries share a key or lie in different slices
     */
    public static Slice slice(List<Entry> entries, int depth) {
        checkDepth(depth);
        if (entries.isEmpty()) {
            return Slice.EMPTY;
        }
        byte[][] keys = new byte[entries.size()][];
        byte[][] values = new byte[entries.size()][];
        Entry[] sorted = entries.toArray(Entry[]::new);
        Arrays.sort(sorted, Comparator.comparing(e -> e.key().bytes().unsafeArray(), Arrays::compareUnsigned));
        int expected = sliceOf(sorted[0].key(), depth);
        for (int i = 0; i < sorted.length; i++) {
            keys[i] = sorted[i].key().bytes().unsafeArray();
            values[i] = sorted[i].valueHash().bytes().unsafeArray();
            if (i > 0 && Arrays.equals(keys[i], keys[i - 1])) {
                throw new IllegalArgumentException("two entries share the key " + sorted[i].key().toHex());
            }
            if (sliceOf(sorted[i].key(), depth) != expected) {
                throw new IllegalArgumentException("entries of slices " + expected + " and "
                        + sliceOf(sorted[i].key(), depth) + " mixed at depth " + depth);
            }
        }
        MessageDigest md = Hashing.sha256Digest();
        return new Slice(Hash.wrap(hash(md, keys, values, depth, 0, keys.length)), keys.length);
    }

    /**
     * The root the slices (in prefix order, {@code 2^depth} of them) fold up to.
     *
     * @throws IllegalArgumentException if their number is not a power of two, or a slice is empty
     *     but has a hash or holds entries but hashes to zero
     */
    public static Hash fold(List<Slice> slices) {
        int n = slices.size();
        if (n == 0 || Integer.bitCount(n) != 1 || Integer.numberOfTrailingZeros(n) > MAX_DEPTH) {
            throw new IllegalArgumentException("slices come in a power of two up to 2^" + MAX_DEPTH + ", got " + n);
        }
        for (int i = 0; i < n; i++) {
            Slice s = slices.get(i);
            if ((s.count() == 0) != s.hash().equals(Hash.ZERO)) {
                throw new IllegalArgumentException("slice " + i + " holds " + s.count() + " entries but hashes to "
                        + s.hash().toHex());
            }
        }
        MessageDigest md = Hashing.sha256Digest();
        List<Slice> level = new ArrayList<>(slices);
        while (level.size() > 1) {
            List<Slice> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(join(md, level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0).hash();
    }

    private static Slice join(MessageDigest md, Slice left, Slice right) {
        long count = Math.addExact(left.count(), right.count());
        if (count == 0) {
            return Slice.EMPTY;
        }
        if (count == 1) {
            return left.count() == 1 ? new Slice(left.hash(), 1) : new Slice(right.hash(), 1);
        }
        return new Slice(Hash.wrap(MerkleTree.innerHash(md, left.hash().bytes().unsafeArray(),
                right.hash().bytes().unsafeArray())), count);
    }

    /** The hash of the subtree at {@code depth} holding the sorted keys in [lo, hi). */
    private static byte[] hash(MessageDigest md, byte[][] keys, byte[][] values, int depth, int lo, int hi) {
        if (hi - lo == 1) {
            md.update(MerkleTree.LEAF);
            md.update(keys[lo]);
            md.update(values[lo]);
            return md.digest();
        }
        int mid = lo;
        while (mid < hi && SparseMerkleTree.bit(keys[mid], depth) == 0) {
            mid++;
        }
        byte[] left = mid == lo ? new byte[Hash.SIZE] : hash(md, keys, values, depth + 1, lo, mid);
        byte[] right = mid == hi ? new byte[Hash.SIZE] : hash(md, keys, values, depth + 1, mid, hi);
        return MerkleTree.innerHash(md, left, right);
    }

    private static void checkDepth(int depth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a slice depth is between 0 and " + MAX_DEPTH + ", got " + depth);
        }
    }
}

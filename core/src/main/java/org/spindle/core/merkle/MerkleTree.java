package org.spindle.core.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;

/**
 * A binary Merkle tree over a list, shaped as in Certificate Transparency (RFC 6962/9162): leaves
 * are {@code sha256(0x00 || item)}, inner nodes {@code sha256(0x01 || left || right)}, and a level
 * with an odd count carries its last node up unchanged (never duplicated, so two different lists
 * cannot share a root the way Bitcoin's duplication allows). The root then commits to the item
 * count, {@code root = sha256(0x02 || count as 8 bytes || treeHash)}, because an RFC 9162 path
 * alone does not pin the tree size (CT signs the size next to the hash; we have no such head).
 * The root of the empty list is {@link Hash#ZERO}. Used for the transactions root and the outgoing receipts root of a block.
 */
public final class MerkleTree {
    static final byte LEAF = 0x00;
    static final byte INNER = 0x01;
    static final byte SIZED_ROOT = 0x02;

    private MerkleTree() {}

    public static Hash leafHash(Bytes item) {
        return leafHash(Hashing.sha256Digest(), item);
    }

    static Hash leafHash(MessageDigest md, Bytes item) {
        md.update(LEAF);
        md.update(item.unsafeArray());
        return Hash.wrap(md.digest());
    }

    static byte[] innerHash(MessageDigest md, byte[] left, byte[] right) {
        md.update(INNER);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    public static Hash root(List<Bytes> items) {
        return rootOfLeaves(leafHashes(items));
    }

    public static List<Hash> leafHashes(List<Bytes> items) {
        List<Hash> out = new ArrayList<>(items.size());
        MessageDigest md = Hashing.sha256Digest(); // one digest for all: getInstance is costly
        for (Bytes item : items) {
            out.add(leafHash(md, item));
        }
        return out;
    }

    /** The root over already computed leaf hashes. */
    public static Hash rootOfLeaves(List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return Hash.ZERO;
        }
        MessageDigest md = Hashing.sha256Digest();
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = leaves.get(i).bytes().unsafeArray();
        }
        int n = level.length;
        while (n > 1) {
            int m = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                level[m++] = innerHash(md, level[i], level[i + 1]);
            }
            if ((n & 1) == 1) {
                level[m++] = level[n - 1];
            }
            n = m;
        }
        return sizedRoot(md, leaves.size(), level[0]);
    }

    static Hash sizedRoot(MessageDigest md, long count, byte[] treeHash) {
        md.update(SIZED_ROOT);
        for (int shift = 56; shift >= 0; shift -= 8) {
            md.update((byte) (count >>> shift));
        }
        md.update(treeHash);
        return Hash.wrap(md.digest());
    }

    /** The inclusion proof of item {@code index} of {@code items}. */
    public static MerkleProof prove(List<Bytes> items, int index) {
        if (index < 0 || index >= items.size()) {
            throw new IndexOutOfBoundsException("index " + index + " of a list of " + items.size());
        }
        MessageDigest md = Hashing.sha256Digest();
        List<Hash> leaves = leafHashes(items);
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = leaves.get(i).bytes().unsafeArray();
        }
        List<Hash> siblings = new ArrayList<>();
        int n = level.length;
        int idx = index;
        while (n > 1) {
            int sibling = idx ^ 1;
            if (sibling < n) {
                siblings.add(Hash.wrap(level[sibling].clone()));
            }
            int m = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                level[m++] = innerHash(md, level[i], level[i + 1]);
            }
            if ((n & 1) == 1) {
                level[m++] = level[n - 1];
            }
            n = m;
            idx >>>= 1;
        }
        return new MerkleProof(index, items.size(), siblings);
    }

    /**
     * The inclusion proofs of every item of {@code items}, equal to {@link #prove} for each index
     * but in O(n log n) hashes instead of O(n²): a block proves all its outgoing receipts at once.
     */
    public static List<MerkleProof> proveAll(List<Bytes> items) {
        int count = items.size();
        List<MerkleProof> out = new ArrayList<>(count);
        if (count == 0) {
            return out;
        }
        MessageDigest md = Hashing.sha256Digest();
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = new byte[count][];
        List<Hash> leaves = leafHashes(items);
        for (int i = 0; i < count; i++) {
            level[i] = leaves.get(i).bytes().unsafeArray();
        }
        levels.add(level);
        while (level.length > 1) {
            int n = level.length;
            byte[][] up = new byte[(n + 1) / 2][];
            int m = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                up[m++] = innerHash(md, level[i], level[i + 1]);
            }
            if ((n & 1) == 1) {
                up[m] = level[n - 1];
            }
            levels.add(up);
            level = up;
        }
        for (int index = 0; index < count; index++) {
            List<Hash> siblings = new ArrayList<>();
            int idx = index;
            for (int l = 0; l + 1 < levels.size(); l++) {
                byte[][] lv = levels.get(l);
                int sibling = idx ^ 1;
                if (sibling < lv.length) {
                    siblings.add(Hash.wrap(lv[sibling].clone()));
                }
                idx >>>= 1;
            }
            out.add(new MerkleProof(index, count, siblings));
        }
        return out;
    }
}

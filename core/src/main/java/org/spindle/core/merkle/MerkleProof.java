package org.spindle.core.merkle;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;

/**
 * Proof that an item sits at {@code index} of a list of {@code count} items with a given
 * {@link MerkleTree} root. Siblings run from the leaf up. Verification is RFC 9162's algorithm
 * (section 2.1.3.2), so the index and count are checked along with the hashes.
 */
public record MerkleProof(int index, int count, List<Hash> siblings) {
    /** Enough for lists of up to 2^40 items. */
    public static final int MAX_SIBLINGS = 40;
    public static final int MAX_COUNT = Integer.MAX_VALUE;

    public MerkleProof {
        Objects.requireNonNull(siblings, "siblings");
        siblings = List.copyOf(siblings);
        if (index < 0 || count <= 0 || index >= count) {
            throw new IllegalArgumentException("index " + index + " outside a list of " + count);
        }
        if (siblings.size() > MAX_SIBLINGS) {
            throw new IllegalArgumentException("too many siblings: " + siblings.size());
        }
    }

    public boolean verify(Hash root, Bytes item) {
        return verifyLeaf(root, MerkleTree.leafHash(item));
    }

    public boolean verifyLeaf(Hash root, Hash leafHash) {
        MessageDigest md = Hashing.sha256Digest();
        long fn = index;
        long sn = count - 1L;
        byte[] r = leafHash.bytes().unsafeArray();
        for (Hash p : siblings) {
            if (sn == 0) {
                return false;
            }
            byte[] s = p.bytes().unsafeArray();
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.innerHash(md, s, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleTree.innerHash(md, r, s);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MerkleTree.sizedRoot(md, count, r).equals(root);
    }

    public static final Codec<MerkleProof> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, MerkleProof p) {
            out.varint(p.index()).varint(p.count()).list(p.siblings(), Encoder::hash);
        }

        @Override
        public MerkleProof read(Decoder in) {
            int index = in.varint(MAX_COUNT, "proof index");
            int count = in.varint(MAX_COUNT, "proof count");
            List<Hash> siblings = in.list(MAX_SIBLINGS, Decoder::hash);
            try {
                return new MerkleProof(index, count, siblings);
            } catch (IllegalArgumentException e) {
                throw new CodecException("invalid Merkle proof: " + e.getMessage());
            }
        }

        @Override
        public int maxSize() {
            return 5 + 5 + 1 + MAX_SIBLINGS * Hash.SIZE;
        }
    };
}

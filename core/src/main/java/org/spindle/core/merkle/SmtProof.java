package org.spindle.core.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;

/**
 * A {@link SparseMerkleTree} proof for one key, verifiable from the root alone. {@code siblings}
 * are the sibling hashes from the root down to the end of the key's path; {@code terminal} is what
 * the path ends at: nothing (an empty subtree) or a leaf. A leaf with the queried key proves
 * inclusion; an empty end or a leaf with a different key sharing the path proves non-inclusion.
 */
public record SmtProof(List<Hash> siblings, Optional<LeafEntry> terminal) {

    /** The leaf a path ends at. */
    public record LeafEntry(Hash key, Hash valueHash) {
        public LeafEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(valueHash, "valueHash");
        }
    }

    public SmtProof {
        Objects.requireNonNull(terminal, "terminal");
        siblings = List.copyOf(siblings);
        if (siblings.size() > SparseMerkleTree.KEY_BITS) {
            throw new IllegalArgumentException("a path has at most 256 siblings, got " + siblings.size());
        }
    }

    /** True if this proves that {@code key} maps to {@code valueHash} under {@code root}. */
    public boolean verifyInclusion(Hash root, Hash key, Hash valueHash) {
        return terminal.isPresent()
                && terminal.get().key().equals(key)
                && terminal.get().valueHash().equals(valueHash)
                && rootMatches(root, key);
    }

    /** True if this proves that {@code key} is absent under {@code root}. */
    public boolean verifyNonInclusion(Hash root, Hash key) {
        if (terminal.isPresent()) {
            byte[] other = terminal.get().key().bytes().unsafeArray();
            byte[] k = key.bytes().unsafeArray();
            if (Arrays.equals(other, k)) {
                return false;
            }
            // The other leaf must lie on the queried key's path, or it proves nothing about it.
            for (int d = 0; d < siblings.size(); d++) {
                if (SparseMerkleTree.bit(other, d) != SparseMerkleTree.bit(k, d)) {
                    return false;
                }
            }
        }
        return rootMatches(root, key);
    }

    private boolean rootMatches(Hash root, Hash key) {
        MessageDigest md = Hashing.sha256Digest();
        byte[] k = key.bytes().unsafeArray();
        byte[] h;
        if (terminal.isPresent()) {
            md.update(MerkleTree.LEAF);
            md.update(terminal.get().key().bytes().unsafeArray());
            md.update(terminal.get().valueHash().bytes().unsafeArray());
            h = md.digest();
        } else {
            h = new byte[Hash.SIZE];
        }
        for (int d = siblings.size() - 1; d >= 0; d--) {
            byte[] s = siblings.get(d).bytes().unsafeArray();
            h = SparseMerkleTree.bit(k, d) == 0 ? MerkleTree.innerHash(md, h, s) : MerkleTree.innerHash(md, s, h);
        }
        return Arrays.equals(h, root.bytes().unsafeArray());
    }

    public static final Codec<SmtProof> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, SmtProof p) {
            out.list(p.siblings(), Encoder::hash);
            out.bool(p.terminal().isPresent());
            p.terminal().ifPresent(t -> out.hash(t.key()).hash(t.valueHash()));
        }

        @Override
        public SmtProof read(Decoder in) {
            List<Hash> siblings = in.list(SparseMerkleTree.KEY_BITS, Decoder::hash);
            Optional<LeafEntry> terminal =
                    in.bool() ? Optional.of(new LeafEntry(in.hash(), in.hash())) : Optional.empty();
            try {
                return new SmtProof(siblings, terminal);
            } catch (IllegalArgumentException e) {
                throw new CodecException("invalid state proof: " + e.getMessage());
            }
        }

        @Override
        public int maxSize() {
            return 2 + SparseMerkleTree.KEY_BITS * Hash.SIZE + 1 + 2 * Hash.SIZE;
        }
    };
}

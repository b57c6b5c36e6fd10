package org.spindle.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.ledger.LedgerGen;

class MerkleTreeProperties {

    @Property(tries = 60)
    void everyItemsProofVerifiesAgainstTheRoot(@ForAll @IntRange(min = 1, max = 70) int n) {
        List<Bytes> items = LedgerGen.items(n);
        Hash root = MerkleTree.root(items);
        for (int i = 0; i < n; i++) {
            MerkleProof p = MerkleTree.prove(items, i);
            assertThat(p.verify(root, items.get(i))).isTrue();
            assertThat(p.verify(root, items.get((i + 1) % n))).isEqualTo(n == 1);
        }
    }

    @Property(tries = 60)
    void provingAllItemsAtOnceGivesTheSameProofsAsProvingEachAlone(@ForAll @IntRange(min = 0, max = 70) int n) {
        List<Bytes> items = LedgerGen.items(n);
        List<MerkleProof> all = MerkleTree.proveAll(items);
        assertThat(all).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(all.get(i)).isEqualTo(MerkleTree.prove(items, i));
        }
    }

    @Property(tries = 60)
    void anyTamperedByteOfProofItemOrRootFailsVerification(
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 39) int pick,
            @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 1, max = 255) int delta) {
        List<Bytes> items = LedgerGen.items(n);
        int index = pick % n;
        Hash root = MerkleTree.root(items);
        MerkleProof proof = MerkleTree.prove(items, index);
        Bytes item = items.get(index);

        Bytes enc = MerkleProof.CODEC.encode(proof);
        Bytes badEnc = flip(enc, where % enc.size(), delta);
        boolean accepted;
        try {
            accepted = MerkleProof.CODEC.decode(badEnc).verify(root, item);
        } catch (CodecException | IllegalArgumentException e) {
            accepted = false;
        }
        assertThat(accepted).as("tampered proof").isFalse();
        assertThat(proof.verify(root, flip(item, where % item.size(), delta))).as("tampered item").isFalse();
        assertThat(proof.verify(new Hash(flip(root.bytes(), where % 32, delta)), item)).as("tampered root").isFalse();
    }

    @Property(tries = 30)
    void rootsOfDifferentListsDiffer(@ForAll @IntRange(min = 1, max = 50) int n) {
        assertThat(MerkleTree.root(LedgerGen.items(n))).isNotEqualTo(MerkleTree.root(LedgerGen.items(n + 1)));
        assertThat(MerkleTree.root(List.of())).isEqualTo(Hash.ZERO);
    }

    static Bytes flip(Bytes b, int at, int delta) {
        byte[] raw = b.toArray();
        raw[at] = (byte) (raw[at] ^ delta);
        return Bytes.wrap(raw);
    }
}

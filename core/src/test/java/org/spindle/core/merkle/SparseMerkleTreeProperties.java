package org.spindle.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.crypto.Hashing;

class SparseMerkleTreeProperties {

    private static Hash key(Random r) {
        byte[] k = new byte[32];
        r.nextBytes(k);
        // Share a long prefix now and then, so deep paths and empty siblings get exercised.
        // and now and then past the first 64 bits, where the tree stops using the cached prefix.
        int shape = r.nextInt(8);
        if (shape < 2) {
            java.util.Arrays.fill(k, 0, 3, (byte) 0x5A);
        } else if (shape == 2) {
            java.util.Arrays.fill(k, 0, 10, (byte) 0xA5);
        }
        return Hash.wrap(k);
    }

    private static Map<Hash, Hash> randomContents(Random r, int n) {
        Map<Hash, Hash> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(key(r), Hashing.sha256(new byte[] {(byte) i, (byte) r.nextInt()}));
        }
        return m;
    }

    private static SparseMerkleTree fromScratch(Map<Hash, Hash> contents) {
        SparseMerkleTree t = new SparseMerkleTree();
        SparseMerkleTree.Batch b = t.batch();
        contents.forEach(b::put);
        b.commit();
        return t;
    }

    @Property(tries = 40)
    void incrementalRootsEqualRootsRebuiltFromScratch(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n) {
        Random r = new Random(seed);
        Map<Hash, Hash> model = randomContents(r, n);
        SparseMerkleTree t = fromScratch(model);
        List<Hash> keys = new ArrayList<>(model.keySet());
        for (int round = 0; round < 5; round++) {
            SparseMerkleTree.Batch b = t.batch();
            int changes = r.nextInt(30);
            for (int i = 0; i < changes; i++) {
                int kind = r.nextInt(3);
                if (kind == 0 && !keys.isEmpty()) {
                    Hash k = keys.get(r.nextInt(keys.size()));
                    model.remove(k);
                    b.delete(k);
                } else {
                    Hash k = kind == 1 && !keys.isEmpty() ? keys.get(r.nextInt(keys.size())) : key(r);
                    Hash v = Hashing.sha256(new byte[] {(byte) round, (byte) i});
                    model.put(k, v);
                    keys.add(k);
                    b.put(k, v);
                }
            }
            Hash incremental = b.commit();
            assertThat(incremental).isEqualTo(fromScratch(model).root());
            assertThat(t.size()).isEqualTo(model.size());
        }
        if (model.isEmpty()) {
            assertThat(t.root()).isEqualTo(Hash.ZERO);
        }
    }

    @Property(tries = 30)
    void theRootDoesNotDependOnInsertionOrder(@ForAll long seed) {
        Random r = new Random(seed);
        Map<Hash, Hash> contents = randomContents(r, 60);
        List<Map.Entry<Hash, Hash>> entries = new ArrayList<>(contents.entrySet());
        Collections.shuffle(entries, r);
        SparseMerkleTree t = new SparseMerkleTree();
        for (Map.Entry<Hash, Hash> e : entries) {
            t.batch().put(e.getKey(), e.getValue()).commit();
        }
        assertThat(t.root()).isEqualTo(fromScratch(contents).root());
    }

    @Property(tries = 40)
    void inclusionAndNonInclusionProofsVerifyFromTheRootAlone(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 120) int n) {
        Random r = new Random(seed);
        Map<Hash, Hash> contents = randomContents(r, n);
        SparseMerkleTree t = fromScratch(contents);
        Hash root = t.root();
        for (Map.Entry<Hash, Hash> e : contents.entrySet()) {
            SmtProof p = t.prove(e.getKey());
            assertThat(p.verifyInclusion(root, e.getKey(), e.getValue())).isTrue();
            assertThat(p.verifyNonInclusion(root, e.getKey())).isFalse();
            assertThat(t.get(e.getKey())).contains(e.getValue());
        }
        for (int i = 0; i < 20; i++) {
            Hash absent = key(r);
            SmtProof p = t.prove(absent);
            assertThat(p.verifyNonInclusion(root, absent)).isTrue();
            assertThat(p.verifyInclusion(root, absent, Hash.ZERO)).isFalse();
            assertThat(t.get(absent)).isEmpty();
        }
    }

    @Property(tries = 80)
    void anyTamperedByteOfProofValueOrRootFailsVerification(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 80) int n, @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll @IntRange(min = 1, max = 255) int delta, @ForAll boolean present) {
        Random r = new Random(seed);
        Map<Hash, Hash> contents = randomContents(r, n);
        SparseMerkleTree t = fromScratch(contents);
        Hash root = t.root();
        Hash k = present ? contents.keySet().iterator().next() : key(r);
        Hash v = contents.get(k);
        SmtProof proof = t.prove(k);

        Bytes enc = SmtProof.CODEC.encode(proof);
        boolean accepted;
        try {
            SmtProof bad = SmtProof.CODEC.decode(MerkleTreeProperties.flip(enc, where % enc.size(), delta));
            accepted = present ? bad.verifyInclusion(root, k, v) : bad.verifyNonInclusion(root, k);
        } catch (CodecException e) {
            accepted = false;
        }
        assertThat(accepted).as("tampered proof").isFalse();

        Hash badRoot = new Hash(MerkleTreeProperties.flip(root.bytes(), where % 32, delta));
        assertThat(present ? proof.verifyInclusion(badRoot, k, v) : proof.verifyNonInclusion(badRoot, k))
                .as("tampered root").isFalse();

        Hash badKey = new Hash(MerkleTreeProperties.flip(k.bytes(), where % 32, delta));
        if (present) {
            Hash badValue = new Hash(MerkleTreeProperties.flip(v.bytes(), where % 32, delta));
            assertThat(proof.verifyInclusion(root, k, badValue)).as("tampered value").isFalse();
            assertThat(proof.verifyInclusion(root, badKey, v)).as("tampered key").isFalse();
        } else {
            // A non-inclusion proof may also prove a nearby key absent; it must never lie about one.
            if (proof.verifyNonInclusion(root, badKey)) {
                assertThat(contents).doesNotContainKey(badKey);
            }
            // And it can never pass as an inclusion proof of the key with any value.
            assertThat(proof.verifyInclusion(root, k, Hash.ZERO)).isFalse();
        }
    }
}

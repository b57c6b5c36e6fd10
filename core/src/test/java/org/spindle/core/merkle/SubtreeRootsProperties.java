package org.spindle.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;

class SubtreeRootsProperties {

    private static List<SubtreeRoots.Entry> randomEntries(Random r, int n) {
        List<SubtreeRoots.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            if (r.nextInt(6) == 0) {
                // Keys sharing a prefix longer than the cut exercise chains of one-sided inner nodes.
                Arrays.fill(k, 0, 3, (byte) 0x3C);
            }
            out.add(new SubtreeRoots.Entry(Hash.wrap(k), Hashing.sha256(new byte[] {(byte) i, (byte) r.nextInt()})));
        }
        return out;
    }

    private static Hash treeRoot(List<SubtreeRoots.Entry> entries) {
        SparseMerkleTree t = new SparseMerkleTree();
        SparseMerkleTree.Batch b = t.batch();
        entries.forEach(e -> b.put(e.key(), e.valueHash()));
        b.commit();
        return t.root();
    }

    private static List<SubtreeRoots.Slice> slices(List<SubtreeRoots.Entry> entries, int depth) {
        List<List<SubtreeRoots.Entry>> parts = new ArrayList<>();
        for (int i = 0; i < 1 << depth; i++) {
            parts.add(new ArrayList<>());
        }
        entries.forEach(e -> parts.get(SubtreeRoots.sliceOf(e.key(), depth)).add(e));
        return parts.stream().map(p -> SubtreeRoots.slice(p, depth)).toList();
    }

    @Property(tries = 60)
    void slicesAtAnyDepthFoldUpToTheTreesRoot(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 0, max = 7) int depth) {
        List<SubtreeRoots.Entry> entries = randomEntries(new Random(seed), n);
        List<SubtreeRoots.Slice> slices = slices(entries, depth);
        assertThat(SubtreeRoots.fold(slices)).isEqualTo(treeRoot(entries));
        assertThat(slices.stream().mapToLong(SubtreeRoots.Slice::count).sum()).isEqualTo(n);
    }

    @Property(tries = 40)
    void aSliceWithOneValueChangedOrOneEntryDroppedNoLongerFoldsToTheRoot(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 100) int n, @ForAll @IntRange(min = 0, max = 5) int depth) {
        Random r = new Random(seed);
        List<SubtreeRoots.Entry> entries = randomEntries(r, n);
        Hash root = treeRoot(entries);
        List<SubtreeRoots.Entry> changed = new ArrayList<>(entries);
        int victim = r.nextInt(n);
        SubtreeRoots.Entry e = changed.get(victim);
        changed.set(victim, new SubtreeRoots.Entry(e.key(), Hashing.sha256(e.valueHash().bytes().unsafeArray())));
        assertThat(SubtreeRoots.fold(slices(changed, depth))).isNotEqualTo(root);
        changed.remove(victim);
        assertThat(SubtreeRoots.fold(slices(changed, depth))).isNotEqualTo(root);
    }

    @Test
    void anEmptyTreeIsOneEmptySliceAndFoldsToZero() {
        assertThat(SubtreeRoots.fold(List.of(SubtreeRoots.slice(List.of(), 0)))).isEqualTo(Hash.ZERO);
        assertThat(SubtreeRoots.fold(slices(List.of(), 4))).isEqualTo(Hash.ZERO).isEqualTo(treeRoot(List.of()));
    }

    @Test
    void malformedSlicesAreRefusedWithAReason() {
        List<SubtreeRoots.Entry> entries = randomEntries(new Random(5), 50);
        assertThatThrownBy(() -> SubtreeRoots.slice(entries, 2)).hasMessageContaining("mixed at depth 2");
        SubtreeRoots.Entry one = entries.get(0);
        assertThatThrownBy(() -> SubtreeRoots.slice(List.of(one, one), 0)).hasMessageContaining("share the key");
        assertThatThrownBy(() -> SubtreeRoots.fold(List.of())).hasMessageContaining("power of two");
        assertThatThrownBy(() -> SubtreeRoots.fold(List.of(SubtreeRoots.Slice.EMPTY, SubtreeRoots.Slice.EMPTY,
                SubtreeRoots.Slice.EMPTY))).hasMessageContaining("power of two");
        assertThatThrownBy(() -> SubtreeRoots.sliceOf(one.key(), SubtreeRoots.MAX_DEPTH + 1))
                .hasMessageContaining("between 0 and");
        assertThatThrownBy(() -> new SubtreeRoots.Slice(Hash.ZERO, -1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> SubtreeRoots.fold(List.of(new SubtreeRoots.Slice(Hash.ZERO, 2))))
                .hasMessageContaining("slice 0 holds 2 entries but hashes to 0x00");
    }
}

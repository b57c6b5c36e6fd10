package org.spindle.node.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.SubtreeRoots;
import org.spindle.core.state.StateKeys;
import org.spindle.protocol.consensus.Validity;

/**
 * A {@link StateSnapshot} cut into chunks by state-key prefix, so a state of any size crosses the
 * network in frames of bounded size, and each chunk is checked on arrival against a manifest of
 * slice hashes that is itself checked against the certified header's state root
 * (see {@link SubtreeRoots}). A peer that lies is caught at the first bad piece, not after the
 * whole state has been downloaded.
 */
final class StateChunks {
    /** Items per chunk the server aims at: about half a megabyte of accounts. */
    static final int DEFAULT_CHUNK_ITEMS = 8_192;
    /** The deepest cut a manifest may describe: 65,536 slices, a manifest of about 2.3 MB. */
    static final int MAX_DEPTH = 16;

    private final StateSnapshot snapshot;
    private final int depth;
    private final List<SubtreeRoots.Slice> slices;
    private final List<List<Map.Entry<Address, Account>>> accounts;
    private final List<List<ReceiptId>> consumed;

    private StateChunks(StateSnapshot snapshot, int depth) {
        this.snapshot = snapshot;
        this.depth = depth;
        int n = 1 << depth;
        accounts = new ArrayList<>(n);
        consumed = new ArrayList<>(n);
        List<List<SubtreeRoots.Entry>> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            accounts.add(new ArrayList<>());
            consumed.add(new ArrayList<>());
            entries.add(new ArrayList<>());
        }
        for (Map.Entry<Address, Account> a : snapshot.accounts()) {
            SubtreeRoots.Entry e = entry(a);
            int i = SubtreeRoots.sliceOf(e.key(), depth);
            accounts.get(i).add(a);
            entries.get(i).add(e);
        }
        for (ReceiptId r : snapshot.consumed()) {
            SubtreeRoots.Entry e = entry(r);
            int i = SubtreeRoots.sliceOf(e.key(), depth);
            consumed.get(i).add(r);
            entries.get(i).add(e);
        }
        slices = entries.stream().map(list -> SubtreeRoots.slice(list, depth)).toList();
    }

    /**
     * Cuts {@code snapshot} as shallow as gives chunks of about {@code targetItems}, deeper if an
     * unlucky slice would not fit in one chunk message.
     */
    static StateChunks cut(StateSnapshot snapshot, int targetItems) {
        if (targetItems < 1 || targetItems > LedgerMessage.MAX_CHUNK_ITEMS) {
            throw new IllegalArgumentException("items per chunk between 1 and " + LedgerMessage.MAX_CHUNK_ITEMS
                    + ", got " + targetItems);
        }
        int depth = 0;
        while (depth < MAX_DEPTH && ((long) snapshot.items() >> depth) > targetItems) {
            depth++;
        }
        StateChunks c = new StateChunks(snapshot, depth);
        while (c.largestChunk() > LedgerMessage.MAX_CHUNK_ITEMS && c.depth < MAX_DEPTH) {
            c = new StateChunks(snapshot, c.depth + 1);
        }
        if (c.largestChunk() > LedgerMessage.MAX_CHUNK_ITEMS) {
            throw new IllegalStateException("a state of " + snapshot.items() + " items does not cut into chunks of at most "
                    + LedgerMessage.MAX_CHUNK_ITEMS);
        }
        return c;
    }

    /** {@code snapshot} cut at exactly {@code depth}, whatever the chunk sizes. */
    static StateChunks cutAt(StateSnapshot snapshot, int depth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a cut depth between 0 and " + MAX_DEPTH + ", got " + depth);
        }
        return new StateChunks(snapshot, depth);
    }

    long height() {
        return snapshot.header().height();
    }

    LedgerMessage.SnapshotManifest manifest() {
        return new LedgerMessage.SnapshotManifest(snapshot.header(), depth, slices);
    }

    /** Chunk {@code index}; an index outside the manifest has none. */
    java.util.Optional<LedgerMessage.SnapshotChunk> chunk(int index) {
        if (index < 0 || index >= slices.size()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LedgerMessage.SnapshotChunk(height(), index, accounts.get(index),
                consumed.get(index)));
    }

    private int largestChunk() {
        long max = 0;
        for (SubtreeRoots.Slice s : slices) {
            max = Math.max(max, s.count());
        }
        return (int) Math.min(Integer.MAX_VALUE, max);
    }

    /** Whether a manifest's slices fold up to its header's state root (the certificate is checked elsewhere). */
    static Validity checkManifest(LedgerMessage.SnapshotManifest m) {
        Hash folded;
        try {
            folded = SubtreeRoots.fold(m.slices());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Validity.invalid("the state manifest is malformed: " + e.getMessage());
        }
        if (!folded.equals(m.header().stateRoot())) {
            return Validity.invalid("the state manifest folds to " + folded.toHex() + ", the final header at height "
                    + m.header().height() + " has state root " + m.header().stateRoot().toHex());
        }
        return Validity.VALID;
    }

    /** Whether a chunk holds exactly the entries of its slice in {@code manifest}. */
    static Validity checkChunk(LedgerMessage.SnapshotManifest manifest, LedgerMessage.SnapshotChunk c) {
        if (c.height() != manifest.header().height() || c.index() < 0 || c.index() >= manifest.slices().size()) {
            return Validity.invalid("chunk " + c.index() + " at height " + c.height() + " is not part of the state at height "
                    + manifest.header().height() + " in " + manifest.slices().size() + " chunks");
        }
        List<SubtreeRoots.Entry> entries = new ArrayList<>(c.accounts().size() + c.consumed().size());
        c.accounts().forEach(a -> entries.add(entry(a)));
        c.consumed().forEach(r -> entries.add(entry(r)));
        SubtreeRoots.Slice got;
        try {
            got = SubtreeRoots.slice(entries, manifest.depth());
        } catch (IllegalArgumentException e) {
            return Validity.invalid("chunk " + c.index() + " is malformed: " + e.getMessage());
        }
        if (!entries.isEmpty() && SubtreeRoots.sliceOf(entries.get(0).key(), manifest.depth()) != c.index()) {
            return Validity.invalid("chunk " + c.index() + " holds the entries of chunk "
                    + SubtreeRoots.sliceOf(entries.get(0).key(), manifest.depth()));
        }
        SubtreeRoots.Slice expected = manifest.slices().get(c.index());
        if (!got.equals(expected)) {
            return Validity.invalid("chunk " + c.index() + " holds " + got.count() + " entries hashing to "
                    + got.hash().toHex() + ", the manifest lists " + expected.count() + " hashing to "
                    + expected.hash().toHex());
        }
        return Validity.VALID;
    }

    private static SubtreeRoots.Entry entry(Map.Entry<Address, Account> a) {
        return new SubtreeRoots.Entry(StateKeys.accountKey(a.getKey()), StateKeys.accountValueHash(a.getValue()));
    }

    private static SubtreeRoots.Entry entry(ReceiptId r) {
        return new SubtreeRoots.Entry(StateKeys.receiptKey(r), StateKeys.CONSUMED);
    }
}

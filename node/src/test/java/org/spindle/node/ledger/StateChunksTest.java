package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.SubtreeRoots;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;

/** Cutting a state into chunks and checking each piece as it arrives, without a network. */
class StateChunksTest {
    private static final NodeId PEER = new NodeId(1);

    private static StateSnapshot state(int accounts, int receipts) {
        Map<Address, Account> m = new TreeMap<>(java.util.Comparator.comparing(Address::toHex));
        for (int i = 0; i < accounts; i++) {
            byte[] h = Hashing.keccak256(Bytes.wrap(("account-" + i).getBytes())).bytes().toArray();
            m.put(Address.wrap(java.util.Arrays.copyOf(h, Address.SIZE)), new Account(i % 7, BigInteger.valueOf(1_000 + i)));
        }
        Set<ReceiptId> consumed = new HashSet<>();
        for (int i = 0; i < receipts; i++) {
            consumed.add(new ReceiptId(Hashing.keccak256(Bytes.wrap(("receipt-" + i).getBytes()))));
        }
        WorldState w = new WorldState(0, 1);
        w.replaceContents(m, consumed);
        BlockHeader h = new BlockHeader(Hash.ZERO, 42, 0, 0, w.root(), Hash.ZERO, Hash.ZERO, Hash.ZERO,
                Bytes.of((byte) 1), Address.ZERO, new TreeMap<>(), Bytes.of((byte) 2));
        return StateSnapshot.of(h, m, consumed);
    }

    private static List<LedgerMessage.SnapshotChunk> chunks(StateChunks cut) {
        List<LedgerMessage.SnapshotChunk> out = new ArrayList<>();
        for (int i = 0; i < cut.manifest().slices().size(); i++) {
            out.add(cut.chunk(i).orElseThrow());
        }
        return out;
    }

    @Test
    void aStateDownloadedChunkByChunkIsTheStateThatWasServed() {
        StateSnapshot served = state(300, 40);
        StateChunks cut = StateChunks.cut(served, 50);
        LedgerMessage.SnapshotManifest manifest = cut.manifest();
        assertThat(manifest.depth()).isEqualTo(3);
        assertThat(StateChunks.checkManifest(manifest).isValid()).isTrue();

        SnapshotDownload d = new SnapshotDownload(PEER, manifest);
        List<LedgerMessage.SnapshotRequest> asked = new ArrayList<>(d.nextRequests());
        assertThat(asked).as("a bounded window in flight").hasSize(SnapshotDownload.WINDOW);
        int rounds = 0;
        while (!d.complete()) {
            LedgerMessage.SnapshotRequest r = asked.remove(0);
            assertThat(d.accept(cut.chunk(r.chunk()).orElseThrow()).isValid()).isTrue();
            asked.addAll(d.nextRequests());
            rounds++;
        }
        assertThat(rounds).isEqualTo(d.wantedChunks()).isEqualTo(8);
        StateSnapshot got = d.snapshot();
        assertThat(got.accountMap()).isEqualTo(served.accountMap());
        assertThat(got.consumedSet()).isEqualTo(served.consumedSet());
        assertThat(got.header()).isEqualTo(served.header());
    }

    @Test
    void aTamperedChunkIsRefusedWithTheReasonAndTheRestOfTheDownloadIsUnaffected() {
        StateChunks cut = StateChunks.cut(state(200, 10), 40);
        SnapshotDownload d = new SnapshotDownload(PEER, cut.manifest());
        d.nextRequests();
        LedgerMessage.SnapshotChunk honest = cut.chunk(0).orElseThrow();
        List<Map.Entry<Address, Account>> accounts = new ArrayList<>(honest.accounts());
        Map.Entry<Address, Account> first = accounts.get(0);
        accounts.set(0, Map.entry(first.getKey(), first.getValue().credit(BigInteger.ONE)));
        Validity raised = d.accept(new LedgerMessage.SnapshotChunk(honest.height(), 0, accounts, honest.consumed()));
        assertThat(raised).isInstanceOfSatisfying(Validity.Invalid.class, i -> assertThat(i.reason())
                .contains("chunk 0 holds " + (honest.accounts().size() + honest.consumed().size()) + " entries hashing to").contains("the manifest lists"));
        accounts.remove(0);
        assertThat(d.accept(new LedgerMessage.SnapshotChunk(honest.height(), 0, accounts, honest.consumed())))
                .as("an entry left out").isInstanceOf(Validity.Invalid.class);
        LedgerMessage.SnapshotChunk other = cut.chunk(1).orElseThrow();
        assertThat(d.accept(new LedgerMessage.SnapshotChunk(other.height(), 0, other.accounts(), other.consumed())))
                .as("another slice's entries").isInstanceOfSatisfying(Validity.Invalid.class,
                        i -> assertThat(i.reason()).contains("holds the entries of chunk 1"));
        assertThat(d.accept(cut.chunk(7).orElseThrow())).as("a chunk not asked for yet")
                .isInstanceOfSatisfying(Validity.Invalid.class, i -> assertThat(i.reason()).contains("not asked for"));
        assertThat(d.accept(honest).isValid()).as("the honest chunk still fits").isTrue();
        assertThat(d.accept(honest)).as("the same chunk twice").isInstanceOf(Validity.Invalid.class);
        assertThat(d.receivedChunks()).isEqualTo(1);
    }

    @Test
    void aManifestThatDoesNotFoldToTheHeadersStateRootIsRefused() {
        StateSnapshot served = state(100, 0);
        LedgerMessage.SnapshotManifest honest = StateChunks.cut(served, 30).manifest();
        List<SubtreeRoots.Slice> slices = new ArrayList<>(honest.slices());
        SubtreeRoots.Slice s = slices.get(2);
        slices.set(2, new SubtreeRoots.Slice(Hashing.sha256(s.hash().bytes().unsafeArray()), s.count()));
        LedgerMessage.SnapshotManifest forged = new LedgerMessage.SnapshotManifest(honest.header(), honest.depth(), slices);
        assertThat(StateChunks.checkManifest(forged)).isInstanceOfSatisfying(Validity.Invalid.class,
                i -> assertThat(i.reason()).contains("folds to").contains("state root"));
        slices.set(2, new SubtreeRoots.Slice(Hash.ZERO, 3));
        assertThat(StateChunks.checkManifest(new LedgerMessage.SnapshotManifest(honest.header(), honest.depth(), slices)))
                .isInstanceOfSatisfying(Validity.Invalid.class, i -> assertThat(i.reason()).contains("malformed"));
    }

    @Test
    void aStateBeyondWhatOneFrameCouldCarryTravelsInChunksThatEachFitAFrame() {
        StateSnapshot big = state(250_000, 1_000);
        StateChunks cut = StateChunks.cut(big, StateChunks.DEFAULT_CHUNK_ITEMS);
        LedgerMessage.SnapshotManifest manifest = cut.manifest();
        assertThat(StateChunks.checkManifest(manifest).isValid()).isTrue();
        assertThat(manifest.slices()).hasSize(32);
        long items = 0;
        for (LedgerMessage.SnapshotChunk c : chunks(cut)) {
            assertThat(c.encodedSize()).isLessThan(LedgerMessage.MAX_SIZE);
            assertThat(StateChunks.checkChunk(manifest, c).isValid()).isTrue();
            items += c.accounts().size() + c.consumed().size();
        }
        assertThat(items).isEqualTo(251_000);
        assertThat(manifest.encodedSize()).isLessThan(LedgerMessage.MAX_SIZE);
    }

    @Test
    void anEmptySliceIsNeverAskedForAndAnEmptyStateNeedsNoChunkAtAll() {
        StateChunks sparse = StateChunks.cutAt(state(3, 0), 4);
        SnapshotDownload d = new SnapshotDownload(PEER, sparse.manifest());
        assertThat(d.wantedChunks()).isBetween(1, 3);
        List<LedgerMessage.SnapshotRequest> asked = d.nextRequests();
        assertThat(asked).hasSize(d.wantedChunks()).allSatisfy(r ->
                assertThat(sparse.manifest().slices().get(r.chunk()).count()).isPositive());
        asked.forEach(r -> assertThat(d.accept(sparse.chunk(r.chunk()).orElseThrow()).isValid()).isTrue());
        assertThat(d.snapshot().accounts()).hasSize(3);
        StateChunks none = StateChunks.cut(state(0, 0), 10);
        SnapshotDownload empty = new SnapshotDownload(PEER, none.manifest());
        assertThat(empty.complete()).isTrue();
        assertThat(empty.snapshot().accounts()).isEmpty();
    }
}

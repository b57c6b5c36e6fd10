package org.spindle.node.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;

/**
 * One state download in progress from one peer: which chunks of its manifest are still wanted, a
 * bounded window of requests in flight, and the chunks received so far (each already checked).
 * The manifest must have been checked against a certified header before a download starts.
 */
final class SnapshotDownload {
    /** Chunk requests in flight at once: enough to keep a link busy, few enough to bound a peer's burst. */
    static final int WINDOW = 4;

    private final NodeId peer;
    private final LedgerMessage.SnapshotManifest manifest;
    private final Deque<Integer> toAsk = new ArrayDeque<>();
    private final Set<Integer> inFlight = new HashSet<>();
    private final List<Map.Entry<Address, Account>> accounts = new ArrayList<>();
    private final List<ReceiptId> consumed = new ArrayList<>();
    private int received;
    private int wanted;
    private boolean progressed;

    SnapshotDownload(NodeId peer, LedgerMessage.SnapshotManifest manifest) {
        this.peer = peer;
        this.manifest = manifest;
        for (int i = 0; i < manifest.slices().size(); i++) {
            // An empty slice has nothing to fetch: the manifest already proves it empty.
            if (manifest.slices().get(i).count() > 0) {
                toAsk.add(i);
                wanted++;
            }
        }
    }

    NodeId peer() {
        return peer;
    }

    LedgerMessage.SnapshotManifest manifest() {
        return manifest;
    }

    long height() {
        return manifest.header().height();
    }

    /** The requests to send now, filling the window. */
    List<LedgerMessage.SnapshotRequest> nextRequests() {
        List<LedgerMessage.SnapshotRequest> out = new ArrayList<>();
        while (inFlight.size() < WINDOW && !toAsk.isEmpty()) {
            int i = toAsk.poll();
            inFlight.add(i);
            out.add(new LedgerMessage.SnapshotRequest(height(), i));
        }
        return out;
    }

    /** Takes a chunk from {@link #peer()} if it is one that was asked for and matches the manifest. */
    Validity accept(LedgerMessage.SnapshotChunk c) {
        if (c.height() != height() || !inFlight.contains(c.index())) {
            return Validity.invalid("chunk " + c.index() + " at height " + c.height() + " was not asked for");
        }
        Validity v = StateChunks.checkChunk(manifest, c);
        if (v.isValid()) {
            inFlight.remove(c.index());
            accounts.addAll(c.accounts());
            consumed.addAll(c.consumed());
            received++;
            progressed = true;
        }
        return v;
    }

    boolean complete() {
        return received == wanted;
    }

    int receivedChunks() {
        return received;
    }

    int wantedChunks() {
        return wanted;
    }

    /** Whether a chunk arrived since the last call: a download that stops moving is abandoned. */
    boolean progressedSinceLastAsked() {
        boolean p = progressed;
        progressed = false;
        return p;
    }

    /** The whole state, once {@link #complete()}. */
    StateSnapshot snapshot() {
        if (!complete()) {
            throw new IllegalStateException(received + " of " + wanted + " chunks received");
        }
        return new StateSnapshot(manifest.header(), accounts, consumed);
    }
}

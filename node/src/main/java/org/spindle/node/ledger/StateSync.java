package org.spindle.node.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

/**
 * State sync between members of one shard, both sides. A node far behind asks a peer for the
 * manifest of its state, checks the manifest's certificate and slice hashes against the header,
 * then fetches the chunks a few at a time, checking each on arrival. A bad manifest or chunk is
 * refused with the reason and another peer is asked; a download that stops moving is abandoned
 * the same way. A complete state goes to the host to install.
 */
final class StateSync {
    private static final Logger LOG = LoggerFactory.getLogger(StateSync.class);
    /** Sync ticks without a chunk before a download is given up on. */
    private static final int STALL_TICKS = 10;
    /** A served state this many blocks old is still good enough: a joiner fetches the blocks after it. */
    private static final long SERVED_STALENESS = 16;
    /** Sync ticks without a request after which the served state is let go. */
    private static final int SERVED_IDLE_TICKS = 100;

    /** What state sync needs from the node it runs in. */
    interface Host {
        /** The state at this node's last final block, if it has one. */
        Optional<StateSnapshot> currentState();

        /** The next height this node would commit. */
        long nextHeight();

        /** Whether this node is far enough behind to fetch a state rather than blocks. */
        boolean wantsState();

        /** Installs a complete, checked state from {@code from}; invalid if the ledger refuses it. */
        Validity install(NodeId from, StateSnapshot state);
    }

    private final NodeContext ctx;
    private final List<NodeId> members;
    private final List<NodeId> others;
    private final int quorum;
    private final int chunkItems;
    private final Host host;
    private final Metrics.Counter refused;
    private final Metrics.Counter chunksReceived;
    private final Metrics.Counter chunksServed;
    private UnaryOperator<StateSnapshot> alterServed = UnaryOperator.identity();
    private StateChunks served;
    private int servedIdleTicks;
    private SnapshotDownload download;
    private NodeId askedForManifest;
    private int stalledTicks;
    private int nextPeer;
    private final java.util.ArrayDeque<String> refusals = new java.util.ArrayDeque<>();

    StateSync(NodeContext ctx, List<NodeId> members, List<NodeId> others, int quorum, int chunkItems, Host host) {
        this.ctx = ctx;
        this.members = members;
        this.others = others;
        this.quorum = quorum;
        this.chunkItems = chunkItems;
        this.host = host;
        Metrics m = ctx.metrics();
        refused = m.counter("ledger.snapshotsRefused");
        chunksReceived = m.counter("ledger.snapshotChunksReceived");
        chunksServed = m.counter("ledger.snapshotChunksServed");
    }

    boolean downloading() {
        return download != null;
    }

    /** The reasons of the last few refusals, oldest first. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    void alterServed(UnaryOperator<StateSnapshot> alter) {
        this.alterServed = alter;
        this.served = null;
    }

    /** Asks the next peer in turn for its state's manifest, unless a download or a request is under way. */
    void askForState() {
        if (download == null && askedForManifest == null && !others.isEmpty()) {
            askManifest(others.get(Math.floorMod(nextPeer++, others.size())));
        }
    }

    private void askManifest(NodeId peer) {
        askedForManifest = peer;
        stalledTicks = 0;
        ctx.send(peer, LedgerMessage.SnapshotRequest.MANIFEST);
    }

    /**
     * Called on every sync tick: gives up on a peer that does not answer or a download that stopped
     * moving, and lets an idle served state go.
     */
    void onTick() {
        if (served != null && ++servedIdleTicks > SERVED_IDLE_TICKS) {
            served = null;
        }
        if (askedForManifest != null && ++stalledTicks >= STALL_TICKS) {
            askedForManifest = null; // the next tick that finds the node behind asks another peer
        }
        if (download != null) {
            if (download.progressedSinceLastAsked()) {
                stalledTicks = 0;
            } else if (++stalledTicks >= STALL_TICKS) {
                refuse(download.peer(), download.height(), "no chunk arrived for " + STALL_TICKS + " sync ticks ("
                        + download.receivedChunks() + " of " + download.wantedChunks() + " received)");
            }
        }
    }

    // ---- serving ----

    void onRequest(NodeId from, LedgerMessage.SnapshotRequest r) {
        servedIdleTicks = 0;
        if (r.chunk() >= 0 && served != null && served.height() == r.height()) {
            served.chunk(r.chunk()).ifPresent(c -> {
                chunksServed.increment();
                ctx.send(from, c);
            });
            return;
        }
        // A manifest request, or a chunk of a state no longer served: answer with the current manifest.
        Optional<StateSnapshot> current = host.currentState();
        if (current.isEmpty()) {
            return;
        }
        if (served == null || served.height() + SERVED_STALENESS < current.get().header().height()) {
            served = StateChunks.cut(alterServed.apply(current.get()), chunkItems);
        }
        ctx.send(from, served.manifest());
    }

    // ---- fetching ----

    void onManifest(NodeId from, LedgerMessage.SnapshotManifest m) {
        boolean asked = from.equals(askedForManifest);
        // A peer serving chunks answers with a new manifest once it has moved on from the old state.
        boolean moved = download != null && download.peer().equals(from) && download.height() != m.header().height();
        if (!(asked || moved) || !host.wantsState()) {
            return; // unasked for: costs nothing to drop
        }
        askedForManifest = null;
        if (m.header().height() < host.nextHeight()) {
            refuse(from, m.header().height(), "the state is not ahead of the next height " + host.nextHeight());
            return;
        }
        Validity v = ConsensusProof.verify(m.header(), members, quorum, ctx.crypto());
        if (v.isValid()) {
            v = StateChunks.checkManifest(m);
        }
        if (v instanceof Validity.Invalid(String why)) {
            refuse(from, m.header().height(), why);
            return;
        }
        download = new SnapshotDownload(from, m);
        stalledTicks = 0;
        LOG.info("{}: fetching the state at height {} from {} in {} chunks", ctx.self(), m.header().height(), from,
                download.wantedChunks());
        continueDownload();
    }

    void onChunk(NodeId from, LedgerMessage.SnapshotChunk c) {
        if (download == null || !download.peer().equals(from)) {
            return;
        }
        Validity v = download.accept(c);
        if (v instanceof Validity.Invalid(String why)) {
            refuse(from, download.height(), why);
            return;
        }
        chunksReceived.increment();
        continueDownload();
    }

    private void continueDownload() {
        if (!download.complete()) {
            download.nextRequests().forEach(r -> ctx.send(download.peer(), r));
            return;
        }
        SnapshotDownload done = download;
        download = null;
        if (host.install(done.peer(), done.snapshot()) instanceof Validity.Invalid(String why)) {
            refuse(done.peer(), done.height(), why);
        }
    }

    private void refuse(NodeId from, long height, String why) {
        refused.increment();
        String reason = "state at height " + height + " from " + from + ": " + why;
        LOG.warn("{}: refused the {}", ctx.self(), reason);
        if (refusals.size() == 8) {
            refusals.poll();
        }
        refusals.add(reason);
        download = null;
        askedForManifest = null;
        if (host.wantsState() && others.size() > 1) {
            NodeId next = others.get(Math.floorMod(nextPeer++, others.size()));
            if (next.equals(from)) {
                next = others.get(Math.floorMod(nextPeer++, others.size()));
            }
            askManifest(next);
        }
    }
}

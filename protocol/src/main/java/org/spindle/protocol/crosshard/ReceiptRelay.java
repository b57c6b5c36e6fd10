package org.spindle.protocol.crosshard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.MerkleProof;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.ReceiptProof;

/**
 * The source side of cross-shard transfers. It is told of every block this shard executes
 * ({@link #track}) with the receipts the block emits, holds them while the block is not final, and
 * releases them for relay only when the sharding protocol reports the block final
 * ({@link #onFinal}): then each receipt is packaged with its Merkle proof against the block's
 * outgoing receipts root and the final header, one message per destination shard (split into
 * chunks of at most {@link CrossShardMessage#MAX_RECEIPTS_PER_MESSAGE}).
 *
 * <p>Receipts stay pending until known credited ({@link #acknowledge} with consumption proofs from
 * a final destination header, or {@link #markCredited} when the caller saw it itself), and final
 * ones can be re-relayed ({@link #reRelay}); the destination rejects duplicates, so re-relaying is
 * always safe. When a block becomes final, tracked blocks at the same or lower height that are not
 * final are dropped: a competing fork's receipts are never relayed.
 *
 * <p>Bounded: at most {@code maxPending} receipts are held; a block that would exceed it is refused
 * ({@link Track.Refused}), which the shard should treat as back-pressure.
 */
public final class ReceiptRelay {
    /** The result of {@link #track}. */
    public sealed interface Track {
        record Tracked(int receipts) implements Track {}

        record Refused(Why why, String detail) implements Track {}

        enum Why { WRONG_SHARD, ROOT_MISMATCH, RECEIPT_MISMATCH, FULL, ALREADY_TRACKED }
    }

    /**
     * A message for {@code destinationShard}; {@code attempt} is 0 for a block's first relay and
     * counts re-relays, so a sender can aim each attempt at members it has not asked yet.
     */
    public record Outbound(int destinationShard, RelayReceipts message, int attempt) {}

    /** The result of {@link #acknowledge}: how many pending receipts it cleared, and what it refused. */
    public record AckResult(int cleared, List<String> refused) {}

    private final int shard;
    private final int maxPending;
    /** Blocks executed but not final yet, by hash, in execution order. */
    private final LinkedHashMap<Hash, Unfinal> unfinal = new LinkedHashMap<>();
    /** Receipts of final blocks not known credited, in emission order. */
    private final LinkedHashMap<ReceiptId, Entry> pendingFinal = new LinkedHashMap<>();
    /** Final blocks with receipts still pending, and how many. */
    private final Map<Hash, Integer> pendingPerFinalBlock = new HashMap<>();
    private int unfinalReceipts;
    /**
     * No pending final receipt was last relayed before this time (a lower bound: clearing receipts
     * only raises the true minimum). Lets {@link #reRelay} answer "nothing due" without a scan:
     * every member of a shard ticks, and with tens of thousands of receipts pending under load the
     * scans grew with members × pending and dominated large simulations.
     */
    private long earliestRelayAt = Long.MAX_VALUE;

    private record Unfinal(BlockHeader header, List<Receipt> receipts, long executedAt) {}

    private static final class Entry {
        final IncomingReceipt incoming;
        final BlockHeader header;
        final long emittedAt;
        final long finalAt;
        long lastRelayAt;
        int relays;

        Entry(IncomingReceipt incoming, BlockHeader header, long emittedAt, long finalAt) {
            this.incoming = incoming;
            this.header = header;
            this.emittedAt = emittedAt;
            this.finalAt = finalAt;
        }
    }

    public ReceiptRelay(int shard, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive");
        }
        this.shard = shard;
        this.maxPending = maxPending;
    }

    public int shard() {
        return shard;
    }

    /**
     * Records a block this shard executed and the receipts it emitted (in block order). Checks that
     * the block is this shard's and that the receipts are exactly those its header commits to.
     */
    public Track track(BlockHeader header, List<Receipt> outgoing, long nowMicros) {
        Objects.requireNonNull(header, "header");
        if (header.shard() != shard) {
            return new Track.Refused(Track.Why.WRONG_SHARD, "block of shard " + header.shard() + ", relay of " + shard);
        }
        Hash hash = header.hash();
        if (unfinal.containsKey(hash) || isFinalTracked(hash)) {
            return new Track.Refused(Track.Why.ALREADY_TRACKED, "block " + hash.toHex() + " is tracked already");
        }
        for (int i = 0; i < outgoing.size(); i++) {
            Receipt r = outgoing.get(i);
            if (r.sourceShard() != shard || r.sourceHeight() != header.height() || r.index() != i
                    || r.destinationShard() == shard) {
                return new Track.Refused(Track.Why.RECEIPT_MISMATCH, "receipt " + i + " (" + r.id()
                        + ") does not belong at index " + i + " of shard " + shard + " height " + header.height());
            }
        }
        Hash root = Block.outgoingReceiptsRoot(outgoing);
        if (!root.equals(header.outgoingReceiptsRoot())) {
            return new Track.Refused(Track.Why.ROOT_MISMATCH, "receipts hash to " + root.toHex() + ", header says "
                    + header.outgoingReceiptsRoot().toHex());
        }
        if (pendingFinal.size() + unfinalReceipts + outgoing.size() > maxPending) {
            return new Track.Refused(Track.Why.FULL, (pendingFinal.size() + unfinalReceipts) + " receipts pending, limit "
                    + maxPending);
        }
        unfinal.put(hash, new Unfinal(header, List.copyOf(outgoing), nowMicros));
        unfinalReceipts += outgoing.size();
        return new Track.Tracked(outgoing.size());
    }

    private boolean isFinalTracked(Hash hash) {
        return pendingPerFinalBlock.containsKey(hash);
    }

    private void removePending(ReceiptId id) {
        Entry e = pendingFinal.remove(id);
        if (e != null) {
            pendingPerFinalBlock.computeIfPresent(e.incoming.sourceBlockHash(), (h, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * The finality callback: {@code finalHeader} (with its certificate) is final. Releases the
     * block's receipts for relay and returns the messages to send now; an untracked block gives
     * none. Drops competing unfinal blocks at heights up to this one.
     */
    public List<Outbound> onFinal(BlockHeader finalHeader, long nowMicros) {
        Hash hash = finalHeader.hash();
        Unfinal u = unfinal.remove(hash);
        if (u == null) {
            return List.of();
        }
        unfinalReceipts -= u.receipts().size();
        for (Iterator<Unfinal> it = unfinal.values().iterator(); it.hasNext(); ) {
            Unfinal other = it.next();
            if (other.header().height() <= finalHeader.height()) {
                unfinalReceipts -= other.receipts().size();
                it.remove();
            }
        }
        if (u.receipts().isEmpty()) {
            return List.of();
        }
        List<MerkleProof> proofs = MerkleTree.proveAll(Block.encodeReceipts(u.receipts()));
        List<Entry> released = new ArrayList<>(u.receipts().size());
        for (int i = 0; i < u.receipts().size(); i++) {
            Receipt r = u.receipts().get(i);
            Entry e = new Entry(new IncomingReceipt(r, hash, proofs.get(i)), finalHeader, u.executedAt(), nowMicros);
            // A receipt id is unique on a chain (sender, nonce), so it cannot be pending twice.
            pendingFinal.put(r.id(), e);
            pendingPerFinalBlock.merge(hash, 1, Integer::sum);
            released.add(e);
        }
        earliestRelayAt = Math.min(earliestRelayAt, nowMicros);
        return package_(released, nowMicros);
    }

    /**
     * Messages re-sending every final receipt still pending whose last relay is at least
     * {@code minAgeMicros} old: for receipts whose relay or ack was lost.
     */
    public List<Outbound> reRelay(long nowMicros, long minAgeMicros) {
        if (pendingFinal.isEmpty() || nowMicros - earliestRelayAt < minAgeMicros) {
            return new ArrayList<>(); // every pending receipt was relayed later than the earliest, so none is due
        }
        List<Entry> due = new ArrayList<>();
        long earliestKept = Long.MAX_VALUE;
        for (Entry e : pendingFinal.values()) {
            if (nowMicros - e.lastRelayAt >= minAgeMicros) {
                due.add(e);
            } else {
                earliestKept = Math.min(earliestKept, e.lastRelayAt);
            }
        }
        earliestRelayAt = due.isEmpty() ? earliestKept : Math.min(earliestKept, nowMicros);
        return package_(due, nowMicros);
    }

    /** Groups entries by (destination shard, source block) and chunks them into messages. */
    private static List<Outbound> package_(List<Entry> entries, long nowMicros) {
        TreeMap<Integer, LinkedHashMap<Hash, List<Entry>>> byShard = new TreeMap<>();
        for (Entry e : entries) {
            byShard.computeIfAbsent(e.incoming.receipt().destinationShard(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(e.incoming.sourceBlockHash(), h -> new ArrayList<>()).add(e);
        }
        List<Outbound> out = new ArrayList<>();
        for (Map.Entry<Integer, LinkedHashMap<Hash, List<Entry>>> s : byShard.entrySet()) {
            for (List<Entry> block : s.getValue().values()) {
                for (int from = 0; from < block.size(); from += CrossShardMessage.MAX_RECEIPTS_PER_MESSAGE) {
                    List<Entry> chunk = block.subList(from,
                            Math.min(block.size(), from + CrossShardMessage.MAX_RECEIPTS_PER_MESSAGE));
                    List<IncomingReceipt> rs = new ArrayList<>(chunk.size());
                    int attempt = chunk.get(0).relays;
                    for (Entry e : chunk) {
                        e.lastRelayAt = nowMicros;
                        e.relays++;
                        rs.add(e.incoming);
                    }
                    out.add(new Outbound(s.getKey(), new RelayReceipts(chunk.get(0).header, rs), attempt));
                }
            }
        }
        return out;
    }

    /**
     * Clears pending receipts that a destination proves consumed under the state root of
     * {@code ack.destinationHeader()}, which {@code finality} must accept. Proofs that fail are
     * listed with the reason and change nothing.
     */
    public AckResult acknowledge(CreditAck ack, FinalityVerifier finality) {
        List<String> refused = new ArrayList<>();
        FinalityCheck fc = finality.check(ack.destinationHeader());
        if (fc instanceof FinalityCheck.NotFinal nf) {
            refused.add("destination header not final: " + nf.reason());
            return new AckResult(0, refused);
        }
        Hash stateRoot = ack.destinationHeader().stateRoot();
        int cleared = 0;
        for (ReceiptProof p : ack.proofs()) {
            Entry e = pendingFinal.get(p.id());
            if (e == null) {
                refused.add(p.id() + ": not pending here");
            } else if (e.incoming.receipt().destinationShard() != ack.destinationHeader().shard()) {
                refused.add(p.id() + ": destined for shard " + e.incoming.receipt().destinationShard()
                        + ", ack from shard " + ack.destinationHeader().shard());
            } else if (!p.consumed()) {
                refused.add(p.id() + ": proof says not consumed yet");
            } else if (!p.verify(stateRoot)) {
                refused.add(p.id() + ": proof does not match the state root " + stateRoot.toHex());
            } else {
                removePending(p.id());
                cleared++;
            }
        }
        return new AckResult(cleared, refused);
    }

    /** Clears a receipt the caller itself saw credited in a final destination block. */
    public boolean markCredited(ReceiptId id) {
        boolean was = pendingFinal.containsKey(id);
        removePending(id);
        return was;
    }

    /** Every receipt emitted and not known credited, oldest first; final ones after unfinal ones. */
    public List<PendingReceipt> pending(long nowMicros) {
        List<PendingReceipt> out = new ArrayList<>(pendingFinal.size() + unfinalReceipts);
        for (Entry e : pendingFinal.values()) {
            out.add(new PendingReceipt(e.incoming.receipt(), e.incoming.sourceBlockHash(), e.emittedAt, e.finalAt,
                    e.relays, nowMicros - e.emittedAt));
        }
        for (Unfinal u : unfinal.values()) {
            Hash h = u.header().hash();
            for (Receipt r : u.receipts()) {
                out.add(new PendingReceipt(r, h, u.executedAt(), -1, 0, nowMicros - u.executedAt()));
            }
        }
        return out;
    }

    public int pendingCount() {
        return pendingFinal.size() + unfinalReceipts;
    }

    public int pendingFinalCount() {
        return pendingFinal.size();
    }

    /** When a final receipt not known credited was last relayed (µs), or -1 if {@code id} is not one. */
    public long lastRelayedAt(ReceiptId id) {
        Entry e = pendingFinal.get(id);
        return e == null ? -1 : e.lastRelayAt;
    }
}

package org.spindle.protocol.crosshard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.crosshard.RelayVerdict.Accepted;
import org.spindle.protocol.crosshard.RelayVerdict.Reason;
import org.spindle.protocol.crosshard.RelayVerdict.Rejected;

/**
 * The destination side of cross-shard transfers: verifies relayed receipts and queues them for
 * this shard's next block.
 *
 * <p>A receipt is accepted when it is addressed to this shard (and its recipient lives here), its
 * source header is final according to the {@link FinalityVerifier}, it matches that header
 * ({@link IncomingReceipt#verifyAgainst}: block hash, shard, height, index, proof against the
 * outgoing receipts root), it is not consumed in this shard's {@link WorldState}, and it is not
 * queued already. Nothing here writes the state: crediting happens when a block carrying the
 * receipt is executed ({@link org.spindle.core.execution.BlockExecutor}), which records the id as
 * consumed in the same state, so a receipt is credited exactly once however often it is relayed.
 * Queued receipts leave the queue once the state shows them consumed.
 *
 * <p>Headers that passed the finality check are remembered (up to {@code maxHeaders}) so that
 * {@link #checkProposed} can validate the receipts in a block proposed by another node.
 */
public final class ReceiptInbox {
    private final int shard;
    private final FinalityVerifier finality;
    private final int maxQueued;
    private final int maxHeaders;
    /** Accepted receipts in arrival order: the order blocks take them in. */
    private final LinkedHashMap<ReceiptId, IncomingReceipt> queue = new LinkedHashMap<>();
    private final LinkedHashMap<Hash, BlockHeader> finalHeaders = new LinkedHashMap<>();

    public ReceiptInbox(int shard, FinalityVerifier finality, int maxQueued, int maxHeaders) {
        if (maxQueued < 1 || maxHeaders < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        this.shard = shard;
        this.finality = finality;
        this.maxQueued = maxQueued;
        this.maxHeaders = maxHeaders;
    }

    public int shard() {
        return shard;
    }

    /** Verifies each receipt of a relay message against {@code state} and queues the good ones. */
    public List<RelayVerdict> offer(RelayReceipts message, WorldState state) {
        checkState(state);
        BlockHeader header = message.sourceHeader();
        Hash headerHash = header.hash();
        FinalityCheck fc = finality.check(header);
        List<RelayVerdict> out = new ArrayList<>(message.receipts().size());
        for (IncomingReceipt r : message.receipts()) {
            ReceiptId id = r.receipt().id();
            if (r.equals(queue.get(id)) && !state.isConsumed(id)) {
                // Every source member relays each receipt to several of ours: an exact copy of one
                // that passed every check needs no second proof check.
                out.add(new Rejected(id, Reason.ALREADY_QUEUED, "waiting for a block already"));
                continue;
            }
            RelayVerdict v = verify(r, header, headerHash, fc, state);
            if (v.accepted()) {
                if (queue.containsKey(r.receipt().id())) {
                    v = new Rejected(r.receipt().id(), Reason.ALREADY_QUEUED, "waiting for a block already");
                } else if (queue.size() >= maxQueued) {
                    v = new Rejected(r.receipt().id(), Reason.INBOX_FULL, queue.size() + " receipts queued");
                } else {
                    queue.put(r.receipt().id(), r);
                    rememberHeader(header);
                }
            }
            out.add(v);
        }
        return out;
    }

    /**
     * The full check of one receipt against a source header, without queueing: the same rules a
     * validator applies to receipts in a proposed block.
     */
    public RelayVerdict verify(IncomingReceipt r, BlockHeader header, WorldState state) {
        checkState(state);
        return verify(r, header, header.hash(), finality.check(header), state);
    }

    /**
     * Checks a receipt carried by a block another node proposed, using a source header this inbox
     * has already verified as final. The proposal is valid only if every receipt passes.
     */
    public RelayVerdict checkProposed(IncomingReceipt r, WorldState state) {
        BlockHeader header = finalHeaders.get(r.sourceBlockHash());
        if (header == null) {
            return new Rejected(r.receipt().id(), Reason.UNKNOWN_SOURCE_HEADER,
                    "source block " + r.sourceBlockHash().toHex() + " has not been relayed here");
        }
        return verify(r, header, state);
    }

    private RelayVerdict verify(IncomingReceipt in, BlockHeader header, Hash headerHash, FinalityCheck fc,
            WorldState state) {
        Receipt r = in.receipt();
        ReceiptId id = r.id();
        if (r.destinationShard() != shard) {
            return new Rejected(id, Reason.WRONG_DESTINATION_SHARD,
                    "addressed to shard " + r.destinationShard() + ", this is shard " + shard);
        }
        int owner = state.shardOf(r.to());
        if (owner != shard) {
            return new Rejected(id, Reason.RECIPIENT_NOT_IN_SHARD, "recipient " + r.to() + " lives in shard " + owner);
        }
        if (fc instanceof FinalityCheck.NotFinal nf) {
            return new Rejected(id, Reason.SOURCE_NOT_FINAL, nf.reason());
        }
        IncomingReceipt.Check check = in.verifyAgainst(header, headerHash);
        switch (check) {
            case VALID -> { }
            case HEADER_MISMATCH -> {
                return new Rejected(id, Reason.HEADER_MISMATCH, "receipt names block " + in.sourceBlockHash().toHex()
                        + ", relayed with block " + headerHash.toHex());
            }
            case SHARD_MISMATCH, HEIGHT_MISMATCH, INDEX_MISMATCH -> {
                return new Rejected(id, Reason.POSITION_MISMATCH, check + " against shard " + header.shard()
                        + " height " + header.height());
            }
            case BAD_PROOF -> {
                return new Rejected(id, Reason.BAD_PROOF, "proof does not lead to the outgoing receipts root "
                        + header.outgoingReceiptsRoot().toHex());
            }
        }
        if (state.isConsumed(id)) {
            return new Rejected(id, Reason.ALREADY_CONSUMED, "credited already");
        }
        return new Accepted(id);
    }

    /**
     * Up to {@code max} queued receipts for the next block, in arrival order, after dropping those
     * {@code state} shows consumed. They stay queued until a block that credits them is applied, so
     * a proposal that fails does not lose them.
     */
    public List<IncomingReceipt> nextBatch(int max, WorldState state) {
        prune(state);
        List<IncomingReceipt> out = new ArrayList<>(Math.min(max, queue.size()));
        for (IncomingReceipt r : queue.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    /** Drops queued receipts that {@code state} shows consumed; returns how many. */
    public int prune(WorldState state) {
        checkState(state);
        int dropped = 0;
        for (Iterator<ReceiptId> it = queue.keySet().iterator(); it.hasNext(); ) {
            if (state.isConsumed(it.next())) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    public int queued() {
        return queue.size();
    }

    public boolean isQueued(ReceiptId id) {
        return queue.containsKey(id);
    }

    /** Queued receipts per source shard, for reports. */
    public Map<Integer, Integer> queuedBySourceShard() {
        Map<Integer, Integer> out = new HashMap<>();
        queue.values().forEach(r -> out.merge(r.receipt().sourceShard(), 1, Integer::sum));
        return out;
    }

    private void rememberHeader(BlockHeader header) {
        if (finalHeaders.putIfAbsent(header.hash(), header) == null && finalHeaders.size() > maxHeaders) {
            Iterator<Hash> it = finalHeaders.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private void checkState(WorldState state) {
        if (state.shard() != shard) {
            throw new IllegalArgumentException("inbox of shard " + shard + " given the state of shard " + state.shard());
        }
    }
}

package org.spindle.protocol.sharding.spiralshard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.execution.TxOutcome;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.sharding.HeaderFields;
import org.spindle.protocol.sharding.ledger.ConsensusProof;
import org.spindle.protocol.sharding.ledger.LedgerListener;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.TxPool;

/**
 * One shard's ledger under LCE: the state at the latest <em>finalized</em> block, the tree of
 * <em>prepared</em> blocks above it (possibly forked, in a corrupted shard), the certified headers
 * received from the group, and the pool, inbox and relay.
 *
 * <ul>
 *   <li>Propose: on the prepared block the member's consensus extends (its latest non-discarded
 *       block), pre-execute the prepared chain above the finalized state and the new block on a
 *       checkpoint, then revert it: pre-executed state is never applied before finality, so a
 *       discarded block rolls back by forgetting it. The leader picks the endorsement
 *       ({@link EndorsementRules#choose}).
 *   <li>Check: parent prepared and not discarded, body known with the roots claimed, latest
 *       finalized hash true, endorsement rules (a), (c) and certificate.
 *   <li>Prepare (a member's consensus committed it): keep the certified header; a second block
 *       at one height is a fork.
 *   <li>Finalize (a certified header of the last shard of the group whose list reaches back to a
 *       prepared block of this shard): apply that block and its ancestors to the finalized state,
 *       release their receipts, discard the prepared blocks conflicting with them and return their
 *       transactions to the pool.
 * </ul>
 *
 * In the simulator one instance serves the honest members of a shard, as {@link ShardLedger}
 * does. Not thread-safe.
 */
public final class SpiralLedger {
    /** A prepared block: its certified header, body, the BFT block hash its members extend, and its LCE fields. */
    public record Prepared(BlockHeader certified, Block block, int bulkBytes, long proposedAtMicros,
            long preparedAtMicros, Hash bftHash, LceFields fields) {}

    /**
     * A proposal's body with the result and state changes of executing it on its chain (the
     * finalized state and its prepared ancestors).
     */
    private record Proposed(long height, Block block, BlockResult result, int bulkBytes, long proposedAtMicros,
            WorldState.Changes changes) {}

    /** What a member's commit (preparation) came to. */
    public sealed interface Preparation {
        /** Newly prepared: forward this certified header to the next shard of the group. */
        record Fresh(BlockHeader certified) implements Preparation {}

        record Repeat(BlockHeader certified) implements Preparation {}

        /** The block conflicts with the finalized chain (discarded): the member must move to {@link #tip()}. */
        record Discarded(Hash hash) implements Preparation {}
    }

    /** The blocks one finality proof finalized, oldest first, with what each released. */
    public record Finalization(List<ShardLedger.Applied> applied, List<Hash> discarded) {
        public static final Finalization NOTHING = new Finalization(List.of(), List.of());
    }

    private static final int MAX_PROPOSALS = 512;
    private static final int RECENT = 256;
    private static final int PROOF_MEMORY = 4096;

    private final int shard;
    private final SpiralShardSharding protocol;
    /** Kept, not asked of the protocol per header: it remembers the membership's hash. */
    private final HeaderFields headerFields;
    private final EndorsementRules rules;
    private final Membership membership;
    private final WorldState state;
    private final BlockExecutor executor;
    private final TxPool pool;
    private final ReceiptInbox inbox;
    private final ReceiptRelay relay;
    private final KnownFinalHeaders finalHeaders;
    private final Address feeRecipient;
    private final ShardLedger.Limits limits;
    private final ShardLedger.Clients clients;
    private final LedgerListener listener;
    private final LceListener lce;
    private final HeaderBook book;

    private final Map<Hash, Proposed> proposals = new LinkedHashMap<>();
    private final Map<Hash, Prepared> prepared = new HashMap<>();
    /**
     * The state changes of executing each prepared block on its chain. A block's chain is fixed by
     * its parent links and the finalized state is always that of a block on it, so the changes
     * apply to the same contents they were taken on however far finalization has moved: proposing
     * replays the prepared chain from them instead of executing every block again.
     */
    private final Map<Hash, WorldState.Changes> preparedChanges = new HashMap<>();
    /** BFT block hash → ledger header hash, for prepared and recently finalized blocks. */
    private final LinkedHashMap<Hash, Hash> byBft = new LinkedHashMap<>();
    private final LinkedHashMap<Hash, Boolean> discardedBft = new LinkedHashMap<>();
    private final Set<Long> forkedHeights = new HashSet<>();
    /** Recently finalized headers by height, and their finality proofs by hash. */
    private final TreeMap<Long, BlockHeader> finals = new TreeMap<>();
    /**
     * The hashes of {@link #finals}' headers, kept with it: {@link #isFinal} runs for every forwarded
     * header at every member, and hashing each of up to {@value #RECENT} headers there was half the
     * simulator's CPU at paper scale.
     */
    private final Set<Hash> finalHashes = new HashSet<>();
    /**
     * Every final block's hash by height from the first one this ledger finalized (32 bytes a block,
     * where {@code finals} keeps only the recent headers): a late finality proof for a block final
     * long ago is not mistaken for a conflicting one.
     */
    private final List<Hash> finalChain = new ArrayList<>();
    private long finalChainStart;
    private final LinkedHashMap<Hash, FinalityProof> proofs = new LinkedHashMap<>();
    private final Map<Hash, Hash> finalBft = new HashMap<>();
    private Hash finalHead = Hash.ZERO;
    private Hash finalHeadBft = Hash.ZERO;
    private long finalHeight = -1;
    private Hash predecessorFinalized = Hash.ZERO;
    private long predecessorFinalizedHeight = -1;
    private long storedBytes;
    private long executions;
    private long discardedCount;

    public SpiralLedger(int shard, SpiralShardSharding protocol, Membership membership, WorldState genesis,
            BlockExecutor executor, TxPool pool, ReceiptInbox inbox, ReceiptRelay relay,
            KnownFinalHeaders finalHeaders, Address feeRecipient, ShardLedger.Limits limits,
            ShardLedger.Clients clients, LedgerListener listener, LceListener lce, int headerMemory) {
        if (genesis.shard() != shard || inbox.shard() != shard || relay.shard() != shard) {
            throw new IllegalArgumentException("state, inbox and relay must all be of shard " + shard);
        }
        this.shard = shard;
        this.protocol = Objects.requireNonNull(protocol);
        this.headerFields = protocol.headerFields();
        this.rules = new EndorsementRules(protocol.groups());
        this.membership = membership;
        this.state = genesis;
        this.executor = executor;
        this.pool = pool;
        this.inbox = inbox;
        this.relay = relay;
        this.finalHeaders = finalHeaders;
        this.feeRecipient = feeRecipient;
        this.limits = limits;
        this.clients = clients;
        this.listener = listener;
        this.lce = lce;
        this.book = new HeaderBook(headerMemory);
        byBft.put(Hash.ZERO, Hash.ZERO);
    }

    /**
     * At most this many prepared blocks above the finalized head: a finality proof carries the
     * origin's headers from its target to the endorsed block, so a longer pipeline could finalize a
     * block no bounded proof covers. A shard this far ahead of its group's endorsements waits (its
     * leaders propose nothing, and voters refuse a block beyond the bound).
     */
    public static final int MAX_AHEAD = FinalityProof.MAX_CHAIN;

    // ---- proposing ----

    /**
     * The payload a member whose consensus head is {@code bftParent} proposes at {@code height}. A
     * {@code forking} proposer (an adversary) endorses, in every second block it makes at a height,
     * another branch of the predecessor than in the first, when rule (a) allows one.
     * An empty payload (which no check accepts) when the member's head was discarded or is unknown.
     */
    public Payload propose(long height, Hash bftParent, Bytes proposerKey, long nowMicros, boolean forking) {
        Hash parentHash = byBft.get(bftParent);
        if (parentHash == null) {
            return empty("unknownParent");
        }
        // Bounded memory of bodies: forget the oldest (long decided or abandoned views) rather than stop
        // proposing, which would stall the shard for as long as its group does not finalize.
        if (proposals.size() >= MAX_PROPOSALS) {
            long decided = tip().nextHeight() - 2;
            proposals.values().removeIf(x -> x.height() < decided && !prepared.containsKey(x.block().header().hash()));
        }
        while (proposals.size() >= MAX_PROPOSALS) {
            Hash oldest = proposals.keySet().iterator().next();
            proposals.remove(oldest);
        }
        Prepared already = preparedChild(parentHash, height);
        if (already != null && !forking) {
            // A lagging leader re-proposes what its shard prepared already.
            return ConsensusProof.payloadOf(already.certified(), already.bulkBytes());
        }
        List<Prepared> chain = chainTo(parentHash);
        if (chain == null) {
            return empty(isFinal(parentHash) ? "finalizedParent" : "parentNotLive");
        }
        if (height != (chain.isEmpty() ? finalHeight + 1 : chain.getLast().certified().height() + 1)) {
            return empty("wrongHeight");
        }
        if (height - finalHeight > MAX_AHEAD) {
            return empty("pipelineFull");
        }
        emptyReason = "";
        clients.deliverUntil(nowMicros);
        int earlier = (int) proposals.values().stream().filter(p -> p.height() == height).count();
        WorldState.Checkpoint cp = state.checkpoint();
        BlockResult r;
        WorldState.Changes changes;
        List<IncomingReceipt> carried;
        try {
            // Receipts are taken against the finalized state (pruning only what final blocks consumed,
            // so a discarded block's credits stay queued), leaving out those the prepared chain credits.
            Set<org.spindle.core.ledger.ReceiptId> chainReceipts = new HashSet<>();
            for (Prepared p : chain) {
                p.block().incomingReceipts().forEach(i -> chainReceipts.add(i.receipt().id()));
            }
            List<IncomingReceipt> incoming = new ArrayList<>();
            for (IncomingReceipt i : inbox.nextBatch(limits.maxReceipts() + chainReceipts.size(), state)) {
                if (!chainReceipts.contains(i.receipt().id()) && incoming.size() < limits.maxReceipts()) {
                    incoming.add(i);
                }
            }
            Set<Hash> inChain = new HashSet<>();
            int chainTx = 0;
            for (Prepared p : chain) {
                WorldState.Changes kept = preparedChanges.get(p.certified().hash());
                if (kept != null) {
                    state.apply(kept);
                } else if (!execute(p.block()).allApplied()) {
                    throw new IllegalStateException("a prepared block no longer applies on its own chain");
                }
                for (Transaction t : p.block().transactions()) {
                    inChain.add(t.hash());
                }
                chainTx += p.block().transactions().size();
            }
            List<Transaction> txs = new ArrayList<>(limits.maxTransactions());
            for (Transaction t : pool.peek(limits.maxTransactions() + chainTx)) {
                if (!inChain.contains(t.hash()) && txs.size() < limits.maxTransactions()) {
                    txs.add(t);
                }
            }
            // An equivocating proposer leaves out one more transaction each time, so its blocks differ.
            txs = txs.subList(0, Math.max(0, txs.size() - earlier));
            WorldState.Checkpoint own = state.checkpoint();
            executions++;
            r = executor.execute(state, height, feeRecipient, txs,
                    incoming.stream().map(IncomingReceipt::receipt).toList());
            changes = state.changesSince(own);
            Set<Receipt> credited = new HashSet<>();
            for (ReceiptOutcome o : r.receiptOutcomes()) {
                if (o instanceof ReceiptOutcome.Credited c) {
                    credited.add(c.receipt());
                }
            }
            carried = incoming.stream().filter(i -> credited.contains(i.receipt())).toList();
        } finally {
            state.revert(cp);
        }
        List<Transaction> rejected = new ArrayList<>();
        for (TxOutcome o : r.txOutcomes()) {
            if (o instanceof TxOutcome.Rejected x && chain.isEmpty()) {
                // Judged on the finalized state only: on a prepared chain a rejection may be the chain's doing.
                rejected.add(x.tx());
                listener.invalid(nowMicros, x.tx(), x.reason().name());
            }
        }
        pool.removeAll(rejected);
        for (IncomingReceipt i : carried) {
            listener.receiptExecuted(nowMicros, shard, height, i.receipt());
        }
        LceFields parentFields = fieldsOf(parentHash);
        // A forking proposer's second block of a height endorses another predecessor branch than its first.
        LceFields fields = rules.choose(shard, parentFields, book, predecessorFinalized, forking && earlier % 2 == 1)
                .map(y -> LceFields.endorsing(finalHead, y, LceFields.of(y), rules.groups().length(shard)))
                .orElse(parentFields.withFinalized(finalHead));
        BlockHeader header = new BlockHeader(parentHash, height, shard, membership.epoch(), r.stateRoot(),
                r.transactionsRoot(), r.outgoingReceiptsRoot(), Block.incomingReceiptsRoot(carried), proposerKey,
                feeRecipient, fields.into(headerFields.fieldsFor(membership, shard)), Bytes.EMPTY);
        int bulk = r.applied().size() * limits.txBytes();
        for (IncomingReceipt i : carried) {
            bulk += IncomingReceipt.CODEC.encode(i).size();
        }
        proposals.putIfAbsent(header.hash(), new Proposed(height, new Block(header, r.applied(), carried), r, bulk,
                nowMicros, changes));
        return ConsensusProof.payloadOf(header, bulk);
    }

    private String emptyReason = "";

    private Payload empty(String why) {
        emptyReason = why;
        return new Payload(Bytes.EMPTY, 0);
    }

    /** Why the last {@link #propose} came back empty (for the summary's counters); blank after a block. */
    public String emptyReason() {
        return emptyReason;
    }

    private BlockResult execute(Block b) {
        executions++;
        return executor.execute(state, b.header().height(), b.header().feeRecipient(), b.transactions(),
                b.incomingReceipts().stream().map(IncomingReceipt::receipt).toList());
    }

    private Prepared preparedChild(Hash parent, long height) {
        for (Prepared p : prepared.values()) {
            if (p.certified().height() == height && p.certified().parentHash().equals(parent)) {
                return p;
            }
        }
        return null;
    }

    /** The prepared blocks from just above the finalized head up to {@code hash}; null when it is not on a live chain. */
    private List<Prepared> chainTo(Hash hash) {
        List<Prepared> chain = new ArrayList<>();
        Hash at = hash;
        while (!at.equals(finalHead)) {
            Prepared p = prepared.get(at);
            if (p == null) {
                return null;
            }
            chain.add(p);
            at = p.certified().parentHash();
        }
        java.util.Collections.reverse(chain);
        return chain;
    }

    private LceFields fieldsOf(Hash hash) {
        Prepared p = prepared.get(hash);
        if (p != null) {
            return p.fields();
        }
        if (hash.equals(finalHead) && !finals.isEmpty()) {
            return LceFields.of(finals.lastEntry().getValue());
        }
        return LceFields.NONE;
    }

    // ---- checking ----

    /** Whether a member may vote for {@code payload} at {@code height}, and if not, why. */
    public Validity check(long height, Payload payload) {
        BlockHeader h;
        try {
            h = ConsensusProof.headerOf(payload);
        } catch (CodecException e) {
            return Validity.invalid("payload is not a block header: " + e.getMessage());
        }
        if (h.shard() != shard) {
            return Validity.invalid("header of shard " + h.shard() + " proposed in shard " + shard);
        }
        if (h.height() != height) {
            return Validity.invalid("header at height " + h.height() + " proposed for height " + height);
        }
        var fields = headerFields.check(h, membership);
        if (fields.isPresent()) {
            return Validity.invalid(fields.get());
        }
        Hash hash = h.hash();
        if (prepared.containsKey(hash) || (finals.containsKey(height) && finals.get(height).hash().equals(hash))) {
            return Validity.VALID; // checked when it was first prepared
        }
        if (height <= finalHeight) {
            return Validity.invalid("height " + height + " is finalized with another block");
        }
        if (height - finalHeight > MAX_AHEAD) {
            return Validity.invalid("height " + height + " is more than " + MAX_AHEAD
                    + " blocks above the finalized height " + finalHeight + " (the pipeline's bound)");
        }
        Hash parent = h.parentHash();
        LceFields parentFields;
        if (parent.equals(finalHead)) {
            if (height != finalHeight + 1) {
                return Validity.invalid("header does not sit on its parent's height");
            }
            parentFields = fieldsOf(parent);
        } else {
            Prepared p = prepared.get(parent);
            if (p == null) {
                return Validity.invalid("header does not extend a prepared, non-discarded block of shard " + shard);
            }
            if (p.certified().height() != height - 1) {
                return Validity.invalid("header does not sit on its parent's height");
            }
            parentFields = p.fields();
        }
        LceFields f = LceFields.of(h);
        if (!f.latestFinalized().equals(finalHead) && !isFinal(f.latestFinalized())) {
            return Validity.invalid("latest finalized hash " + f.latestFinalized().toHex()
                    + " is not a finalized block of shard " + shard);
        }
        Proposed body = proposals.get(hash);
        if (body == null) {
            return Validity.invalid("body of block " + hash.toHex() + " was never received");
        }
        if (body.bulkBytes() != payload.bulkBytes()) {
            return Validity.invalid("payload carries " + payload.bulkBytes() + " body bytes, the body has "
                    + body.bulkBytes());
        }
        BlockResult r = body.result();
        if (!r.stateRoot().equals(h.stateRoot()) || !r.transactionsRoot().equals(h.transactionsRoot())
                || !r.outgoingReceiptsRoot().equals(h.outgoingReceiptsRoot())) {
            return Validity.invalid("header roots differ from the roots of executing its body");
        }
        return rules.check(shard, f, parentFields, book, predecessorFinalized);
    }

    /** The hash of the final block at {@code height}, or null if none is final there yet. */
    private Hash finalHashAt(long height) {
        long i = height - finalChainStart;
        return finalChain.isEmpty() || i < 0 || i >= finalChain.size() ? null : finalChain.get((int) i);
    }

    private boolean isFinal(Hash hash) {
        if (hash.isZero()) {
            return true;
        }
        return finalHashes.contains(hash);
    }

    /** Transactions and receipts in a proposed block's body, for charging the work of checking it. */
    public int itemsIn(Payload payload) {
        try {
            Proposed p = proposals.get(ConsensusProof.headerOf(payload).hash());
            return p == null ? 0 : p.block().transactions().size() + p.block().incomingReceipts().size();
        } catch (CodecException e) {
            return 0;
        }
    }

    // ---- preparing ----

    /** A member's consensus committed {@code payload} on {@code bftParent} with {@code qc}: the block is prepared. */
    public Preparation prepare(Payload payload, Hash bftParent, QuorumCertificate qc, long nowMicros) {
        BlockHeader h = ConsensusProof.headerOf(payload);
        Hash hash = h.hash();
        // One ledger block can be committed as several consensus blocks (re-proposed by a lagging
        // leader on another consensus parent): each must map to it, or a member whose head is such a
        // block could neither propose on it nor be recognised as standing on a live block.
        Hash repeatBft = new ConsensusProof(bftParent, payload.bulkBytes(), qc).bftBlockHash(h);
        Prepared known = prepared.get(hash);
        if (known != null) {
            remember(repeatBft, hash);
            return new Preparation.Repeat(known.certified());
        }
        BlockHeader fin = finals.get(h.height());
        if (fin != null && fin.hash().equals(hash)) {
            remember(repeatBft, hash);
            return new Preparation.Repeat(fin);
        }
        Proposed body = proposals.get(hash);
        if (body == null) {
            throw new IllegalStateException("prepared block " + hash.toHex() + " was never checked here");
        }
        ConsensusProof proof = new ConsensusProof(bftParent, body.bulkBytes(), qc);
        Hash bftHash = proof.bftBlockHash(h);
        if (h.height() <= finalHeight || (!h.parentHash().equals(finalHead) && !prepared.containsKey(h.parentHash()))) {
            discardBft(bftHash);
            discardedCount++;
            lce.discarded(nowMicros, shard, h.height(), hash);
            return new Preparation.Discarded(hash);
        }
        BlockHeader certified = h.withCertificate(proof.encode());
        Prepared p = new Prepared(certified, body.block(), body.bulkBytes(), body.proposedAtMicros(), nowMicros, bftHash,
                LceFields.of(h));
        if (preparedAt(h.height()) > 0 && forkedHeights.add(h.height())) {
            listener.fork(nowMicros, shard, h.height());
        }
        prepared.put(hash, p);
        preparedChanges.put(hash, body.changes());
        remember(bftHash, hash);
        book.put(certified);
        lce.prepared(nowMicros, shard, h.height(), hash);
        return new Preparation.Fresh(certified);
    }

    private void remember(Hash bftHash, Hash ledgerHash) {
        byBft.put(bftHash, ledgerHash);
        while (byBft.size() > PROOF_MEMORY) {
            byBft.pollFirstEntry();
        }
    }

    private int preparedAt(long height) {
        int n = 0;
        for (Prepared p : prepared.values()) {
            if (p.certified().height() == height) {
                n++;
            }
        }
        return n;
    }

    private void discardBft(Hash bftHash) {
        discardedBft.put(bftHash, Boolean.TRUE);
        if (discardedBft.size() > 4 * RECENT) {
            discardedBft.pollFirstEntry();
        }
    }

    // ---- headers from the group ----

    /**
     * Takes certified headers forwarded by the previous shard of the group ({@code history}: the
     * endorsement chain they carry, newest first). Each is admitted with a valid certificate only;
     * a header of the previous shard whose list reaches back to a block of this shard finalizes it.
     * Returns the first refusal's reason, if any, and what got finalized.
     */
    public Forwarded acceptForwarded(List<BlockHeader> headers, Crypto crypto, long nowMicros) {
        String refused = null;
        Finalization done = Finalization.NOTHING;
        for (int i = headers.size() - 1; i >= 0; i--) {
            BlockHeader h = headers.get(i);
            if (h.shard() == shard) {
                continue; // our own blocks we know from our own consensus
            }
            Validity v = book.offer(h, membership, crypto);
            if (v instanceof Validity.Invalid(String why)) {
                refused = refused == null ? why : refused;
                continue;
            }
            if (h.shard() == rules.groups().predecessor(shard)) {
                LceFields f = LceFields.of(h);
                notePredecessorFinal(f.latestFinalized());
                Finalization x = finalizeBy(h, f, nowMicros);
                if (!x.applied().isEmpty() || !x.discarded().isEmpty()) {
                    done = x;
                }
            }
        }
        return new Forwarded(Optional.ofNullable(refused), done);
    }

    /** The outcome of {@link #acceptForwarded}. */
    public record Forwarded(Optional<String> refused, Finalization finalization) {}

    private void notePredecessorFinal(Hash f) {
        if (f.isZero()) {
            return;
        }
        book.get(f).ifPresent(h -> {
            if (h.height() > predecessorFinalizedHeight) {
                predecessorFinalized = f;
                predecessorFinalizedHeight = h.height();
            }
        });
    }

    /**
     * What goes with a header this shard forwards, newest first: the header, the certified headers
     * its endorsement list names (the endorsement history) and its own not yet finalized ancestors
     * down to the finalized head (at most {@link #MAX_ANCESTORS}), so the next shard can link it to
     * what it endorsed before even when it missed forwards (a silent shard, lost messages).
     */
    public List<BlockHeader> history(BlockHeader own) {
        List<BlockHeader> out = new ArrayList<>();
        out.add(own);
        for (Hash e : LceFields.of(own).endorsements()) {
            Optional<BlockHeader> h = book.get(e);
            if (h.isEmpty() || h.get().shard() == shard) {
                break;
            }
            out.add(h.get());
        }
        Hash at = own.parentHash();
        for (int i = 0; i < MAX_ANCESTORS && !at.isZero(); i++) {
            Prepared p = prepared.get(at);
            if (p != null) {
                out.add(p.certified());
                at = p.certified().parentHash();
                continue;
            }
            if (at.equals(finalHead) && !finals.isEmpty()) {
                out.add(finals.lastEntry().getValue());
            }
            break;
        }
        return out;
    }

    private static final int MAX_ANCESTORS = 128;

    private Finalization finalizeBy(BlockHeader last, LceFields f, long nowMicros) {
        int g = rules.groups().length(shard);
        if (g < 2 || f.endorsements().size() < g - 1) {
            return Finalization.NOTHING;
        }
        Hash target = f.endorsements().get(g - 2);
        List<BlockHeader> endorsers = new ArrayList<>();
        for (int k = g - 3; k >= 0; k--) {
            Optional<BlockHeader> e = book.get(f.endorsements().get(k));
            if (e.isEmpty()) {
                return Finalization.NOTHING;
            }
            endorsers.add(e.get());
        }
        endorsers.add(last);
        return finalize(target, endorsers, nowMicros);
    }

    /**
     * The block {@code target} of this shard is final, as {@code endorsers} (certified, in ring
     * order) show: applies it and its prepared ancestors to the finalized state, then discards every
     * prepared block conflicting with it. A target conflicting with the finalized chain is reported
     * ({@link LceListener#conflictingFinal}) and changes nothing: only a group beyond the model
     * produces one.
     */
    public Finalization finalize(Hash target, List<BlockHeader> endorsers, long nowMicros) {
        if (isFinal(target)) {
            return Finalization.NOTHING;
        }
        List<Prepared> chain = chainTo(target);
        if (chain == null) {
            // Known but not on the live chain above the finalized head: final long ago (older than the
            // recent headers), or conflicting with a finalized block.
            book.get(target).filter(h -> !target.equals(finalHashAt(h.height())))
                    .ifPresent(h -> lce.conflictingFinal(nowMicros, shard, h.height(), target));
            return Finalization.NOTHING;
        }
        List<ShardLedger.Applied> applied = new ArrayList<>();
        List<BlockHeader> chainHeaders = chain.stream().map(Prepared::certified).toList();
        for (int i = 0; i < chain.size(); i++) {
            Prepared p = chain.get(i);
            applied.add(apply(p, nowMicros));
            proofs.put(p.certified().hash(), new FinalityProof(chainHeaders.subList(i, chainHeaders.size()), endorsers));
            while (proofs.size() > PROOF_MEMORY) {
                proofs.pollFirstEntry();
            }
        }
        List<Hash> discarded = discardConflicting(nowMicros);
        return new Finalization(applied, discarded);
    }

    /** For a group of one shard: prepared is final. */
    public Finalization finalizeAlone(Hash target, long nowMicros) {
        if (rules.groups().length(shard) != 1) {
            throw new IllegalStateException("shard " + shard + " has a group of " + rules.groups().length(shard));
        }
        return finalize(target, List.of(), nowMicros);
    }

    private ShardLedger.Applied apply(Prepared p, long nowMicros) {
        BlockHeader h = p.certified();
        // Executed for real, once per final block: this also checks what the kept changes of its proposal
        // (replayed by later proposals) led to.
        preparedChanges.remove(h.hash());
        BlockResult r = execute(p.block());
        if (!r.stateRoot().equals(h.stateRoot()) || !r.allApplied()) {
            throw new IllegalStateException("finalizing block " + h.hash().toHex() + " gave another state root");
        }
        pool.removeAll(p.block().transactions());
        inbox.prune(state);
        finalHeaders.markFinal(h);
        relay.track(h, r.outgoingReceipts(), p.proposedAtMicros());
        List<ReceiptRelay.Outbound> out = relay.onFinal(h, nowMicros);
        prepared.remove(h.hash());
        BlockHeader replaced = finals.put(h.height(), h);
        if (replaced != null) {
            finalHashes.remove(replaced.hash());
        }
        finalHashes.add(h.hash());
        if (finalChain.isEmpty()) {
            finalChainStart = h.height();
        }
        finalChain.add(h.hash());
        finalBft.put(h.hash(), p.bftHash());
        while (finals.size() > RECENT) {
            BlockHeader old = finals.pollFirstEntry().getValue();
            finalBft.remove(old.hash());
            finalHashes.remove(old.hash());
        }
        finalHead = h.hash();
        finalHeadBft = p.bftHash();
        finalHeight = h.height();
        storedBytes += BlockHeader.CODEC.encode(h).size() + p.bulkBytes();
        ShardLedger.Applied a = new ShardLedger.Applied(shard, p.block(), r, h, p.proposedAtMicros(), out,
                state.totalSupply());
        lce.finalized(nowMicros, shard, h.height(), h.hash(), nowMicros - p.preparedAtMicros());
        listener.applied(nowMicros, a);
        return a;
    }

    private List<Hash> discardConflicting(long nowMicros) {
        List<Prepared> byHeight = new ArrayList<>(prepared.values());
        byHeight.sort(java.util.Comparator.comparingLong(p -> p.certified().height()));
        Set<Hash> live = new HashSet<>();
        live.add(finalHead);
        List<Hash> out = new ArrayList<>();
        for (Prepared p : byHeight) {
            if (p.certified().height() > finalHeight && live.contains(p.certified().parentHash())) {
                live.add(p.certified().hash());
                continue;
            }
            Hash hash = p.certified().hash();
            prepared.remove(hash);
            preparedChanges.remove(hash);
            byBft.remove(p.bftHash());
            discardBft(p.bftHash());
            discardedCount++;
            out.add(hash);
            for (Transaction t : p.block().transactions()) {
                if (state.account(t.from()).nonce() <= t.nonce()) {
                    pool.add(t); // rolled back: the transaction waits for a block that will be final
                }
            }
            lce.discarded(nowMicros, shard, p.certified().height(), hash);
        }
        proposals.values().removeIf(x -> x.height() <= finalHeight);
        forkedHeights.removeIf(x -> x <= finalHeight);
        return out;
    }

    // ---- where members stand ----

    /** Whether a member whose consensus head is {@code bftHead} sits on a discarded block. */
    public boolean discarded(Hash bftHead) {
        if (discardedBft.containsKey(bftHead)) {
            return true;
        }
        // Another consensus block of a ledger block that was discarded since (see prepare).
        Hash h = byBft.get(bftHead);
        return h != null && !h.isZero() && !prepared.containsKey(h) && !isFinal(h);
    }

    /** Whether the block with BFT hash {@code bftHash} is the finalized head or a live prepared block, at {@code height}. */
    public boolean live(Hash bftHash, long height) {
        if (bftHash.equals(finalHeadBft)) {
            return height == finalHeight;
        }
        Hash h = byBft.get(bftHash);
        if (h != null && h.equals(finalHead)) {
            return height == finalHeight;
        }
        Prepared p = h == null ? null : prepared.get(h);
        return p != null && p.certified().height() == height && chainTo(h) != null;
    }

    /** The BFT hash and height of the latest live prepared block (the finalized head if none): where members go. */
    public Tip tip() {
        Prepared best = null;
        for (Prepared p : prepared.values()) {
            if (chainTo(p.certified().hash()) != null
                    && (best == null || p.certified().height() > best.certified().height())) {
                best = p;
            }
        }
        return best == null ? new Tip(finalHeight + 1, finalHeadBft)
                : new Tip(best.certified().height() + 1, best.bftHash());
    }

    /** The next height and BFT head a member moves to when its own head was discarded. */
    public record Tip(long nextHeight, Hash bftHead) {}

    // ---- accessors ----

    public int shard() {
        return shard;
    }

    public Optional<FinalityProof> proofOf(Hash finalHeader) {
        return Optional.ofNullable(proofs.get(finalHeader));
    }

    public Optional<BlockHeader> lastFinal() {
        return finals.isEmpty() ? Optional.empty() : Optional.of(finals.lastEntry().getValue());
    }

    public long finalHeight() {
        return finalHeight;
    }

    public int preparedCount() {
        return prepared.size();
    }

    /** Block bodies executed so far (proposals, chain replays without kept changes, finalizations). */
    public long executions() {
        return executions;
    }

    public long discardedCount() {
        return discardedCount;
    }

    public HeaderBook book() {
        return book;
    }

    public WorldState state() {
        return state;
    }

    public TxPool pool() {
        return pool;
    }

    public ReceiptInbox inbox() {
        return inbox;
    }

    public ReceiptRelay relay() {
        return relay;
    }

    public KnownFinalHeaders finalHeaders() {
        return finalHeaders;
    }

    public Membership membership() {
        return membership;
    }

    public SpiralShardSharding protocol() {
        return protocol;
    }

    public EndorsementGroups groups() {
        return rules.groups();
    }

    public void deliverClients(long nowMicros) {
        clients.deliverUntil(nowMicros);
    }

    public long storedBytes() {
        return storedBytes + 100L * state.accountCount() + 64L * book.size();
    }

    public BigInteger finalSupply() {
        return state.totalSupply();
    }
}

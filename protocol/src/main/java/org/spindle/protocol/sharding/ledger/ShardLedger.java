package org.spindle.protocol.sharding.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.execution.TxOutcome;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.sharding.ShardingProtocol;

/**
 * One shard's replicated ledger: the state at the last committed block, the transaction pool, the
 * receipt inbox and relay, and the bodies of blocks proposed at the next height.
 *
 * <p>A proposal executes up to {@code maxTransactions} pooled transactions and {@code maxReceipts}
 * queued receipts on a checkpoint of the committed state (then reverts it), keeps the body under
 * the header's hash and returns the header as the consensus payload, the body's size as its bulk.
 * A check accepts a payload whose header extends the last committed one at the right height, fits
 * the sharding protocol's header fields, and whose body is known with the roots the header claims.
 * A commit applies the block to the state for real, clears what it applied from the pool and the
 * inbox, and releases its receipts to the relay (for the baseline, committed is final).
 *
 * <p>Each block is executed once per ledger: executing a proposal (or a body received from its
 * proposer) keeps its result and the state changes it made, taken on the state's current
 * {@link WorldState#version() version}; the commit applies those changes when the state is still
 * at that version, and executes the block again only when it is not. The kept results are those
 * of the proposals held for the next height, so they are bounded and dropped with them.
 *
 * <p>In the simulator one instance serves all honest members of a shard: they would apply the
 * same blocks to the same state, so the work is done once, as DESIGN.md allows, while each member
 * is still charged its modelled CPU time and sends and receives every consensus message. The
 * first member to commit a height applies it; the others find it applied. Not thread-safe.
 */
public final class ShardLedger {
    /** Block limits: transactions and receipts per block, and the modelled size of one transaction. */
    public record Limits(int maxTransactions, int maxReceipts, int txBytes) {
        public Limits {
            if (maxTransactions < 0 || maxReceipts < 0 || txBytes < 0
                    || (long) maxTransactions * txBytes > Payload.MAX_BULK / 2) {
                throw new IllegalArgumentException("block limits must be non-negative and transactions must fit "
                        + Payload.MAX_BULK / 2 + " bytes");
            }
        }
    }

    /** Where client transactions come from: called with the current time before each proposal. */
    @FunctionalInterface
    public interface Clients {
        Clients NONE = now -> {};

        void deliverUntil(long nowMicros);
    }

    /**
     * Sees each block this ledger proposes, with the receipts it would emit: for tools, and for the
     * simulator's deliberately broken relay that releases receipts before their block is final.
     */
    @FunctionalInterface
    public interface ProposalTap {
        ProposalTap NONE = (header, outgoing, now) -> {};

        void proposed(BlockHeader header, List<Receipt> outgoing, long nowMicros);
    }

    /** A block this ledger applied on commit, with what it moved and what it released for relay. */
    public record Applied(int shard, Block block, BlockResult result, BlockHeader certified, long proposedAtMicros,
            List<ReceiptRelay.Outbound> relays, BigInteger shardBalance) {}

    /** The result of a commit reported by one node. */
    public sealed interface Commit {
        record First(Applied applied) implements Commit {}

        /** Another member committed this block already. */
        record Repeat(BlockHeader header) implements Commit {}

        /** A different block was committed at this height already: a safety violation. */
        record Conflict(BlockHeader header, Hash committed) implements Commit {}
    }

    /**
     * A block held for the next height: its body, the result of executing it, and the state changes
     * that execution made on the state at {@code stateVersion} ({@code null} when they cannot stand
     * for a re-execution of the body).
     */
    private record Proposed(long height, Block block, BlockResult result, int bulkBytes, long proposedAtMicros,
            long stateVersion, WorldState.Changes changes) {}

    /** What executing a proposal on a checkpoint gave: its result and the changes, before they were reverted. */
    private record Trial(BlockResult result, long stateVersion, WorldState.Changes changes) {}

    private static final int MAX_PROPOSALS = 256;
    private static final int RECENT = 64;

    private final int shard;
    private final ShardingProtocol protocol;
    /** The membership by the first height it governs: one entry unless the beacon reconfigured the shards. */
    private final TreeMap<Long, Membership> memberships = new TreeMap<>();
    private final WorldState state;
    private final BlockExecutor executor;
    private final TxPool pool;
    private final ReceiptInbox inbox;
    private final ReceiptRelay relay;
    private final KnownFinalHeaders finalHeaders;
    private final Address feeRecipient;
    private final Limits limits;
    private final Clients clients;
    private final LedgerListener listener;
    private final Map<Hash, Proposed> proposals = new LinkedHashMap<>();
    private final Set<Long> forkedHeights = new HashSet<>();
    /** Recently committed headers (with certificates) by height. */
    private final TreeMap<Long, BlockHeader> committed = new TreeMap<>();
    private long nextHeight;
    private Hash head = Hash.ZERO;
    private long storedBytes;
    private ProposalTap tap = ProposalTap.NONE;
    private long executions;

    public ShardLedger(int shard, ShardingProtocol protocol, Membership membership, WorldState genesis,
            BlockExecutor executor, TxPool pool, ReceiptInbox inbox, ReceiptRelay relay,
            KnownFinalHeaders finalHeaders, Address feeRecipient, Limits limits, Clients clients,
            LedgerListener listener) {
        if (genesis.shard() != shard || inbox.shard() != shard || relay.shard() != shard) {
            throw new IllegalArgumentException("state, inbox and relay must all be of shard " + shard);
        }
        if (genesis.shardOf(feeRecipient) != shard) {
            throw new IllegalArgumentException("the fee recipient must live in shard " + shard);
        }
        this.shard = shard;
        this.protocol = Objects.requireNonNull(protocol);
        memberships.put(0L, Objects.requireNonNull(membership));
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
    }

    // ---- proposing ----

    /**
     * The payload for {@code height} proposed by the holder of {@code proposerKey}. A height that
     * is committed already gets the committed block (a lagging leader re-proposes what was
     * decided); a height beyond the next gets an empty payload that no check accepts.
     */
    public Payload propose(long height, Bytes proposerKey, long nowMicros) {
        if (height < nextHeight) {
            BlockHeader h = committed.get(height);
            if (h != null) {
                return ConsensusProof.payloadOf(h, ConsensusProof.decode(h.certificate()).bulkBytes());
            }
        }
        if (height != nextHeight || proposals.size() >= MAX_PROPOSALS) {
            return new Payload(Bytes.EMPTY, 0);
        }
        clients.deliverUntil(nowMicros);
        // A proposer asked again at one height (a later view, or an equivocating leader) leaves out one
        // more transaction each time, so its blocks differ as they would with a real, changing pool.
        int earlier = (int) proposals.values().stream().filter(p -> p.height() == height).count();
        List<Transaction> txs = pool.peek(limits.maxTransactions());
        txs = txs.subList(0, Math.max(0, txs.size() - earlier));
        List<IncomingReceipt> incoming = inbox.nextBatch(limits.maxReceipts(), state);
        Trial trial = trial(height, feeRecipient, txs, incoming.stream().map(IncomingReceipt::receipt).toList());
        BlockResult r = trial.result();
        List<Transaction> rejected = new ArrayList<>();
        for (TxOutcome o : r.txOutcomes()) {
            if (o instanceof TxOutcome.Rejected x) {
                rejected.add(x.tx());
                listener.invalid(nowMicros, x.tx(), x.reason().name());
            }
        }
        pool.removeAll(rejected);
        Set<Receipt> credited = new HashSet<>();
        for (ReceiptOutcome o : r.receiptOutcomes()) {
            if (o instanceof ReceiptOutcome.Credited c) {
                credited.add(c.receipt());
            }
        }
        List<IncomingReceipt> carried = incoming.stream().filter(i -> credited.contains(i.receipt())).toList();
        for (IncomingReceipt i : carried) {
            listener.receiptExecuted(nowMicros, shard, height, i.receipt());
        }
        Membership membership = membershipAt(height);
        BlockHeader header = new BlockHeader(head, height, shard, membership.epoch(), r.stateRoot(),
                r.transactionsRoot(), r.outgoingReceiptsRoot(), Block.incomingReceiptsRoot(carried), proposerKey,
                feeRecipient, protocol.headerFields().fieldsFor(membership, shard), Bytes.EMPTY);
        int bulk = r.applied().size() * limits.txBytes();
        for (IncomingReceipt i : carried) {
            bulk += IncomingReceipt.CODEC.encode(i).size();
        }
        Block block = new Block(header, r.applied(), carried);
        Hash hash = header.hash();
        // Rejected items changed nothing, so without their outcomes the result is what executing the
        // block's body (applied transactions, credited receipts) gives; the changes stand for it too
        // unless the body carries more items than were credited (a receipt listed twice).
        BlockResult bodyResult = appliedOnly(r);
        WorldState.Changes changes = bodyResult.receiptOutcomes().size() == carried.size() ? trial.changes() : null;
        if (proposals.putIfAbsent(hash, new Proposed(height, block, bodyResult, bulk, nowMicros,
                trial.stateVersion(), changes)) == null && earlier > 0
                && forkedHeights.add(height)) {
            listener.fork(nowMicros, shard, height);
        }
        tap.proposed(header, r.outgoingReceipts(), nowMicros);
        return ConsensusProof.payloadOf(header, bulk);
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
        var fields = protocol.headerFields().check(h, membershipAt(height));
        if (fields.isPresent()) {
            return Validity.invalid(fields.get());
        }
        Hash hash = h.hash();
        if (height < nextHeight) {
            BlockHeader c = committed.get(height);
            return c != null && c.hash().equals(hash) ? Validity.VALID
                    : Validity.invalid("height " + height + " is decided with another block");
        }
        if (height > nextHeight) {
            return Validity.invalid("the shard has committed only up to height " + (nextHeight - 1));
        }
        if (!h.parentHash().equals(head)) {
            return Validity.invalid("header does not extend the last committed block " + head.toHex());
        }
        Proposed p = proposals.get(hash);
        if (p == null) {
            return Validity.invalid("body of block " + hash.toHex() + " was never received");
        }
        if (p.bulkBytes() != payload.bulkBytes()) {
            return Validity.invalid("payload carries " + payload.bulkBytes() + " body bytes, the body has "
                    + p.bulkBytes());
        }
        BlockResult r = p.result();
        if (!r.stateRoot().equals(h.stateRoot()) || !r.transactionsRoot().equals(h.transactionsRoot())
                || !r.outgoingReceiptsRoot().equals(h.outgoingReceiptsRoot())) {
            return Validity.invalid("header roots differ from the roots of executing its body");
        }
        return Validity.VALID;
    }

    /** Transactions and receipts in the body of a proposed block, for charging the work of checking it. */
    public int itemsIn(Payload payload) {
        try {
            Proposed p = proposals.get(ConsensusProof.headerOf(payload).hash());
            return p == null ? 0 : p.block().transactions().size() + p.block().incomingReceipts().size();
        } catch (CodecException e) {
            return 0;
        }
    }

    // ---- committing ----

    /**
     * A member committed the consensus block with {@code payload}, extending {@code bftParent},
     * certified by {@code qc}. The first commit of a height applies it.
     */
    public Commit commit(Payload payload, Hash bftParent, QuorumCertificate qc, long nowMicros) {
        return apply(payload, bulk -> new ConsensusProof(bftParent, bulk, qc).encode(), nowMicros);
    }

    /**
     * The block with {@code payload} is final under a protocol whose proof is not a BFT certificate
     * (Reticulum: the accepted control block covering it); {@code certificate} is what its header
     * carries. The first call for a height applies it, as {@link #commit} does.
     */
    public Commit commitFinal(Payload payload, Bytes certificate, long nowMicros) {
        return apply(payload, bulk -> certificate, nowMicros);
    }

    /**
     * Forgets the blocks proposed at {@code height}: the height was not decided for them (a
     * Reticulum process block the control shard rejected), so the next proposal there starts afresh
     * on the unchanged state rather than counting as a fork.
     */
    public void discardProposals(long height) {
        proposals.values().removeIf(x -> x.height() == height);
        forkedHeights.remove(height);
    }

    /**
     * The kept result of {@code p}, after applying its changes to the state, when the state is still
     * the one it was executed on; empty (and the state untouched) otherwise. The result carries the
     * root the state reached, so callers refuse changes that do not reach the header's root as
     * they refuse an execution that does not.
     */
    private Optional<BlockResult> reuse(Proposed p) {
        if (p.changes() == null || state.version() != p.stateVersion()) {
            return Optional.empty();
        }
        state.apply(p.changes());
        Hash root = state.root();
        BlockResult r = p.result();
        return Optional.of(root.equals(r.stateRoot()) ? r : new BlockResult(r.receiptOutcomes(), r.txOutcomes(),
                r.applied(), r.outgoingReceipts(), root, r.transactionsRoot(), r.outgoingReceiptsRoot()));
    }

    /** Executes {@code block}'s body on the state for real. */
    private BlockResult execute(BlockHeader h, Block block) {
        executions++;
        return executor.execute(state, h.height(), h.feeRecipient(), block.transactions(),
                block.incomingReceipts().stream().map(IncomingReceipt::receipt).toList());
    }

    /** Executes a candidate body on a checkpoint and reverts it, keeping the result and the changes it made. */
    private Trial trial(long height, Address recipient, List<Transaction> txs, List<Receipt> incoming) {
        long version = state.version();
        WorldState.Checkpoint cp = state.checkpoint();
        try {
            executions++;
            BlockResult r = executor.execute(state, height, recipient, txs, incoming);
            return new Trial(r, version, state.changesSince(cp));
        } finally {
            state.revert(cp);
        }
    }

    private static BlockResult appliedOnly(BlockResult r) {
        if (r.allApplied()) {
            return r;
        }
        return new BlockResult(r.receiptOutcomes().stream().filter(o -> o instanceof ReceiptOutcome.Credited).toList(),
                r.txOutcomes().stream().filter(o -> o instanceof TxOutcome.Applied).toList(), r.applied(),
                r.outgoingReceipts(), r.stateRoot(), r.transactionsRoot(), r.outgoingReceiptsRoot());
    }

    private Commit apply(Payload payload, java.util.function.IntFunction<Bytes> certificateFor, long nowMicros) {
        BlockHeader h = ConsensusProof.headerOf(payload);
        Hash hash = h.hash();
        if (h.height() < nextHeight) {
            BlockHeader c = committed.get(h.height());
            if (c == null || c.hash().equals(hash)) {
                return new Commit.Repeat(c == null ? h : c);
            }
            return new Commit.Conflict(h, c.hash());
        }
        Proposed p = proposals.get(hash);
        if (h.height() != nextHeight || p == null) {
            // Consensus only commits what a check accepted, which needs the body at the next height.
            throw new IllegalStateException("commit of block " + hash.toHex() + " at height " + h.height()
                    + " that was never accepted; next height " + nextHeight);
        }
        Block block = p.block();
        BlockResult r = reuse(p).orElseGet(() -> execute(h, block));
        if (!r.stateRoot().equals(h.stateRoot()) || !r.allApplied()) {
            throw new IllegalStateException("re-executing block " + hash.toHex() + " gave another result: execution "
                    + "is not deterministic");
        }
        BlockHeader certified = h.withCertificate(certificateFor.apply(p.bulkBytes()));
        pool.removeAll(block.transactions());
        inbox.prune(state);
        finalHeaders.markFinal(certified);
        if (relay.track(certified, r.outgoingReceipts(), p.proposedAtMicros()) instanceof ReceiptRelay.Track.Refused f
                && f.why() == ReceiptRelay.Track.Why.FULL) {
            // The block is final and its senders debited: dropping its receipts would destroy money.
            throw new IllegalStateException("relay refused final block " + hash.toHex() + ": " + f.detail());
        }
        List<ReceiptRelay.Outbound> out = relay.onFinal(certified, nowMicros);
        committed.put(h.height(), certified);
        while (committed.size() > RECENT) {
            committed.pollFirstEntry();
        }
        long height = h.height();
        proposals.values().removeIf(x -> x.height() <= height);
        forkedHeights.removeIf(x -> x <= height);
        nextHeight = height + 1;
        head = hash;
        storedBytes += BlockHeader.CODEC.encode(certified).size() + p.bulkBytes();
        Applied a = new Applied(shard, block, r, certified, p.proposedAtMicros(), out, state.totalSupply());
        listener.applied(nowMicros, a);
        return new Commit.First(a);
    }

    // ---- real nodes: bodies travel between members, final blocks are replayed ----

    /** The body of a block proposed (or accepted) at the next height, by its header's hash. */
    public Optional<Block> proposedBlock(Hash headerHash) {
        Proposed p = proposals.get(headerHash);
        return p == null ? Optional.empty() : Optional.of(p.block());
    }

    /**
     * Takes the body of a block another member proposed at the next height: on a real node each
     * member holds its own ledger, so the body travels beside the consensus proposal. The body is
     * executed on a checkpoint (then reverted) and kept only when every transaction applies, every
     * carried receipt is proven under a source header this member verified as final, and the
     * header's roots are those of the execution; afterwards {@link #check} accepts its payload.
     */
    public Validity acceptBody(Block block, long nowMicros) {
        BlockHeader h = block.header();
        if (!h.certificate().isEmpty()) {
            return Validity.invalid("a proposed body carries no certificate");
        }
        if (h.shard() != shard) {
            return Validity.invalid("body of shard " + h.shard() + " sent to shard " + shard);
        }
        if (h.height() != nextHeight) {
            return Validity.invalid("body at height " + h.height() + ", the next height is " + nextHeight);
        }
        if (!h.parentHash().equals(head)) {
            return Validity.invalid("body does not extend the last committed block " + head.toHex());
        }
        var fields = protocol.headerFields().check(h, membershipAt(h.height()));
        if (fields.isPresent()) {
            return Validity.invalid(fields.get());
        }
        Hash hash = h.hash();
        if (proposals.containsKey(hash)) {
            return Validity.VALID;
        }
        if (proposals.size() >= MAX_PROPOSALS) {
            return Validity.invalid("holding " + MAX_PROPOSALS + " proposed bodies already");
        }
        if (block.transactions().size() > limits.maxTransactions()
                || block.incomingReceipts().size() > limits.maxReceipts()) {
            return Validity.invalid("body exceeds the block limits");
        }
        if (!Block.incomingReceiptsRoot(block.incomingReceipts()).equals(h.incomingReceiptsRoot())) {
            return Validity.invalid("incoming receipts root differs from the body's receipts");
        }
        for (IncomingReceipt i : block.incomingReceipts()) {
            if (inbox.checkProposed(i, state) instanceof org.spindle.protocol.crosshard.RelayVerdict.Rejected x) {
                return Validity.invalid("carried receipt refused: " + x.reason() + " " + x.detail());
            }
        }
        Trial trial = trial(h.height(), h.feeRecipient(), block.transactions(),
                block.incomingReceipts().stream().map(IncomingReceipt::receipt).toList());
        BlockResult r = trial.result();
        if (!r.allApplied()) {
            return Validity.invalid("body holds a transaction or receipt that does not apply");
        }
        if (!r.stateRoot().equals(h.stateRoot()) || !r.transactionsRoot().equals(h.transactionsRoot())
                || !r.outgoingReceiptsRoot().equals(h.outgoingReceiptsRoot())) {
            return Validity.invalid("header roots differ from the roots of executing its body");
        }
        int bulk = block.transactions().size() * limits.txBytes();
        for (IncomingReceipt i : block.incomingReceipts()) {
            bulk += IncomingReceipt.CODEC.encode(i).size();
        }
        proposals.put(hash, new Proposed(h.height(), block, r, bulk, nowMicros, trial.stateVersion(),
                trial.changes()));
        return Validity.VALID;
    }

    /**
     * Applies a final block at the next height whose certificate the caller has checked (or that
     * this node stored itself): a restarted node replaying its store, or a lagging one catching up
     * from peers. Re-executes it and refuses it unless the state root matches; then proceeds as a
     * commit does (pool, inbox, relay). Throws {@link IllegalArgumentException} with the reason.
     */
    public Applied applyFinal(Block certified, long nowMicros) {
        BlockHeader h = certified.header();
        if (h.shard() != shard || h.height() != nextHeight || !h.parentHash().equals(head)) {
            throw new IllegalArgumentException("final block of shard " + h.shard() + " at height " + h.height()
                    + " does not extend shard " + shard + " at height " + nextHeight);
        }
        if (h.certificate().isEmpty()) {
            throw new IllegalArgumentException("final block at height " + h.height() + " carries no certificate");
        }
        Hash hash = h.hash();
        Proposed held = proposals.get(hash); // the header's hash binds the body's roots: the same body
        WorldState.Checkpoint cp = state.checkpoint();
        BlockResult r = (held == null ? Optional.<BlockResult>empty() : reuse(held))
                .orElseGet(() -> execute(h, certified));
        if (!r.stateRoot().equals(h.stateRoot()) || !r.allApplied()) {
            state.revert(cp);
            throw new IllegalArgumentException("executing final block at height " + h.height()
                    + " does not reach its state root");
        }
        state.release(cp);
        pool.removeAll(certified.transactions());
        inbox.prune(state);
        finalHeaders.markFinal(h);
        relay.track(h, r.outgoingReceipts(), nowMicros);
        List<ReceiptRelay.Outbound> out = relay.onFinal(h, nowMicros);
        committed.put(h.height(), h);
        while (committed.size() > RECENT) {
            committed.pollFirstEntry();
        }
        long height = h.height();
        proposals.values().removeIf(x -> x.height() <= height);
        forkedHeights.removeIf(x -> x <= height);
        nextHeight = height + 1;
        head = hash;
        int bulk = certified.transactions().size() * limits.txBytes();
        storedBytes += BlockHeader.CODEC.encode(h).size() + bulk;
        Applied a = new Applied(shard, certified, r, h, nowMicros, out, state.totalSupply());
        listener.applied(nowMicros, a);
        return a;
    }

    /**
     * Jumps to a final state fetched from a peer (state sync) instead of replaying the blocks up to
     * it: {@code certified} is a final header of this shard whose certificate the caller has
     * checked; the accounts and consumed receipts must hash to its state root. Changes nothing and
     * says why when they do not, or when the header is not ahead of this ledger. Receipts that
     * blocks up to the header sent to other shards are not tracked for relay here (other members
     * relay them); transactions of those blocks are not listed to the listener.
     */
    public Validity adoptFinalState(BlockHeader certified, Map<Address, Account> accounts, Set<ReceiptId> consumed) {
        if (certified.shard() != shard) {
            return Validity.invalid("a state of shard " + certified.shard() + " offered to shard " + shard);
        }
        if (certified.height() < nextHeight) {
            return Validity.invalid("a state at height " + certified.height() + " is not ahead of the next height "
                    + nextHeight);
        }
        if (certified.certificate().isEmpty()) {
            return Validity.invalid("the header of the state at height " + certified.height() + " carries no certificate");
        }
        WorldState candidate = new WorldState(shard, state.shardCount());
        try {
            candidate.replaceContents(accounts, consumed);
        } catch (IllegalArgumentException e) {
            return Validity.invalid("the state does not fit this shard: " + e.getMessage());
        }
        if (!candidate.root().equals(certified.stateRoot())) {
            return Validity.invalid("the state hashes to " + candidate.root().toHex() + ", the final header at height "
                    + certified.height() + " has state root " + certified.stateRoot().toHex());
        }
        state.replaceContents(accounts, consumed);
        inbox.prune(state);
        finalHeaders.markFinal(certified);
        committed.clear();
        committed.put(certified.height(), certified);
        proposals.clear();
        forkedHeights.clear();
        nextHeight = certified.height() + 1;
        head = certified.hash();
        return Validity.VALID;
    }

    /** Installs a tap that sees every proposal from now on. */
    public void tapProposals(ProposalTap t) {
        tap = Objects.requireNonNull(t);
    }

    /** Lets clients hand in what they submitted up to {@code nowMicros}. */
    public void deliverClients(long nowMicros) {
        clients.deliverUntil(nowMicros);
    }

    // ---- accessors ----

    public int shard() {
        return shard;
    }

    public long nextHeight() {
        return nextHeight;
    }

    /** The committed state: read it between handlers only (proposals revert their changes at once). */
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

    /** Source headers this shard's members verified as final: the inbox's finality verifier. */
    public KnownFinalHeaders finalHeaders() {
        return finalHeaders;
    }

    /** The membership of the latest epoch this ledger knows of (the one given at construction unless reconfigured). */
    public Membership membership() {
        return memberships.lastEntry().getValue();
    }

    /** The membership whose committee certifies the block at {@code height}. */
    public Membership membershipAt(long height) {
        return memberships.floorEntry(Math.max(0, height)).getValue();
    }

    /**
     * The beacon reconfigured the shards: blocks from {@code fromHeight} on belong to
     * {@code next}'s epoch and are certified by its committee. The height must lie beyond every
     * height committed or proposed so far, and the epochs must increase with the heights.
     */
    public void reconfigure(long fromHeight, Membership next) {
        var last = memberships.lastEntry();
        if (fromHeight <= nextHeight || fromHeight <= last.getKey() || next.epoch() <= last.getValue().epoch()) {
            throw new IllegalArgumentException("epoch " + next.epoch() + " from height " + fromHeight + " does not follow "
                    + "epoch " + last.getValue().epoch() + " from height " + last.getKey() + " (next height "
                    + nextHeight + ")");
        }
        if (next.shardCount() <= shard) {
            throw new IllegalArgumentException("epoch " + next.epoch() + " has no shard " + shard);
        }
        memberships.put(fromHeight, next);
    }

    /** The first height of each epoch this ledger knows of, by height. */
    public SortedMap<Long, Membership> epochStarts() {
        return Collections.unmodifiableSortedMap(memberships);
    }

    public ShardingProtocol protocol() {
        return protocol;
    }

    /** The last committed header with its certificate, if any block was committed. */
    public Optional<BlockHeader> lastCommitted() {
        return committed.isEmpty() ? Optional.empty() : Optional.of(committed.lastEntry().getValue());
    }

    /** A recently committed header (the last {@value #RECENT}) with its certificate. */
    public Optional<BlockHeader> committedHeader(long height) {
        return Optional.ofNullable(committed.get(height));
    }

    /** Bytes a member stores: committed headers and bodies, and about 100 bytes per account. */
    public long storedBytes() {
        return storedBytes + 100L * state.accountCount();
    }

    public Limits limits() {
        return limits;
    }

    /**
     * How many times this ledger has executed a block body (proposals, received bodies, and
     * commits or final blocks whose kept result could not be reused): for tests and metrics.
     */
    public long executions() {
        return executions;
    }
}

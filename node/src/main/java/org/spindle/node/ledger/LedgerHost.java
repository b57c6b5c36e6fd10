package org.spindle.node.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.state.WorldState;
import org.spindle.node.runtime.OffLoopWork;
import org.spindle.protocol.beacon.Genesis;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.BftSignatures;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.Decided;
import org.spindle.protocol.consensus.bft.Proposal;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.Time;
import org.spindle.protocol.sharding.baseline.BaselineSharding;
import org.spindle.protocol.sharding.ledger.ConsensusProof;
import org.spindle.protocol.sharding.ledger.LedgerListener;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.ShardValidator;
import org.spindle.protocol.sharding.ledger.TxPool;

/**
 * A baseline shard validator hosted on a real node. It runs the same {@link ShardValidator} as the
 * simulator, over its own {@link ShardLedger}, and adds what a node that shares no memory with its
 * peers needs:
 *
 * <ul>
 *   <li>a leader sends the body of its proposal ({@link LedgerMessage.Body}) to the shard just before
 *       each consensus proposal, new or re-proposed (links are FIFO, so it arrives first); a body for a
 *       height not reached yet waits (bounded) until this node commits the height before; bodies of
 *       the next height are stored until it is committed, so a restarted node can still check the
 *       block it may be locked on;
 *   <li>client transactions arrive as raw signed bytes; senders are recovered here (secp256k1) and
 *       the transactions are forwarded to every member of the sender's shard;
 *   <li>every final block is stored with its certificate; a restart replays them (checking each
 *       state root), and a node that sees consensus ahead of its ledger fetches final blocks from a
 *       peer ({@link LedgerMessage.Request}), checks each certificate against the shard's members
 *       and its state root by executing it, and hands the decision to its BFT.
 * </ul>
 */
public final class LedgerHost implements Protocol, OffLoopWork {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerHost.class);
    private static final Bytes BODY_PREFIX = Bytes.wrap("ledger/body/".getBytes(StandardCharsets.US_ASCII));
    private static final Bytes BLOCK_PREFIX = Bytes.wrap("ledger/block/".getBytes(StandardCharsets.US_ASCII));
    /** Beside each stored final block: its senders as this node recovered them, 20 bytes each, in order. */
    private static final Bytes SENDERS_PREFIX = Bytes.wrap("ledger/senders/".getBytes(StandardCharsets.US_ASCII));
    private static final Bytes POOL_PREFIX = Bytes.wrap("ledger/pool/".getBytes(StandardCharsets.US_ASCII));
    /** Admitted transactions reach storage in one batch at most this long after admission. */
    private static final long PERSIST_POOL_MICROS = Time.millis(50);
    private static final Bytes SNAPSHOT_KEY = Bytes.wrap("ledger/snapshot".getBytes(StandardCharsets.US_ASCII));
    /** Behind by more blocks than this, a node fetches a peer's state instead of the blocks. */
    public static final long DEFAULT_SNAPSHOT_LAG = 64;
    private static final long SYNC_MICROS = Time.millis(300);
    private static final long FLUSH_MICROS = Time.millis(5);
    /** How long a proposal of an empty block waits while the pool is empty too. */
    private static final long EMPTY_BLOCK_DELAY_MICROS = Time.millis(100);
    /** Recovered transactions kept beside the pool (which holds its own): those forwarded or in bodies lately. */
    private static final int KNOWN_TXS = 50_000;
    /** Final transactions whose status this node remembers (the oldest are forgotten first). */
    private static final int MAX_FINAL_INDEX = 1_000_000;
    private static final int MAX_WAITING_BODIES = 32;

    /** Housekeeping timers of the host (the validator has its own). */
    record SyncTick() {}

    record FlushForwards() {}

    record PersistPool() {}

    record DeferredProposal(List<NodeId> to, Proposal proposal) {}

    /** What became of a submitted transaction. */
    public sealed interface Submission {
        record Accepted(Hash hash, int shard) implements Submission {}

        record Refused(String reason) implements Submission {}
    }

    /** A transaction's status as this node knows it. */
    public sealed interface TxStatus {
        record Final(int shard, long height, long finalAtMicros) implements TxStatus {}

        record Pending(int shard) implements TxStatus {}

        record Rejected(String reason) implements TxStatus {}

        record Unknown() implements TxStatus {}
    }

    /** A node's view of its shard, for the API. */
    public record Status(NodeId node, int shard, int shards, List<NodeId> members, long height, String head,
            int pool, int relayPending, int inboxQueued) {}

    private final NodeContext ctx;
    private final DevnetSpec spec;
    private final int shard;
    private final List<NodeId> members;
    /** Every shard's members (fixed for a devnet's life), for checking other shards' certificates off the loop. */
    private final Membership membership;
    private final List<NodeId> others;
    private final int quorum;
    private final ShardLedger ledger;
    private final ShardValidator validator;
    /** Each transaction's sender is recovered once per node (here or on a verifier thread), then looked up. */
    private final RecoveredTransactions known;
    /** Stateless: shared by {@link #known} and the replay of this node's own stored blocks. */
    private final TransactionDecoder decoder;
    private final Metrics.Counter recoveriesOnLoop;
    private record FinalTx(long height, long atMicros) {}

    private final Map<Hash, FinalTx> finalTxs = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, FinalTx> e) {
            return size() > MAX_FINAL_INDEX;
        }
    };
    private final Map<Hash, String> rejected = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, String> e) {
            return size() > KNOWN_TXS;
        }
    };
    /** Bodies kept in storage (key → height) until their height is committed. */
    private final Map<Bytes, Long> keptBodies = new HashMap<>();
    private final TreeMap<Long, List<WireBlock>> waitingBodies = new TreeMap<>();
    private final Map<Integer, List<Bytes>> forwards = new TreeMap<>();
    private final Metrics.Counter blocks;
    private final Metrics.Counter txFinal;
    private final Metrics.Counter bodiesRefused;
    private final Metrics.Counter synced;
    private final Metrics.Counter snapshotsInstalled;
    private final long snapshotLag;
    private final StateSync stateSync;
    private BftNode bft;
    private BodiesFirst consensusContext;
    private boolean replaying;
    private long maxSeenHeight;
    private long heightAtLastTick = -1;
    private int syncPeer;
    private boolean flushScheduled;
    /** Admitted transactions not yet in storage, and pool entries to remove from it (rejected ones). */
    private final Map<Hash, Bytes> poolToStore = new LinkedHashMap<>();
    private final List<Hash> poolToDrop = new ArrayList<>();
    private boolean persistScheduled;

    public LedgerHost(NodeContext ctx, DevnetSpec spec) {
        this(ctx, spec, DEFAULT_SNAPSHOT_LAG);
    }

    /** A host that fetches a peer's state rather than blocks when more than {@code snapshotLag} blocks behind. */
    public LedgerHost(NodeContext ctx, DevnetSpec spec, long snapshotLag) {
        this(ctx, spec, snapshotLag, StateChunks.DEFAULT_CHUNK_ITEMS);
    }

    /** As above, serving its state in chunks of about {@code chunkItems} accounts and receipts. */
    public LedgerHost(NodeContext ctx, DevnetSpec spec, long snapshotLag, int chunkItems) {
        this.ctx = ctx;
        this.snapshotLag = snapshotLag;
        this.spec = spec;
        Genesis genesis = spec.genesis();
        Membership membership = genesis.initialMembership();
        this.membership = membership;
        this.shard = membership.shardOf(ctx.self()).orElseThrow(
                () -> new IllegalArgumentException(ctx.self() + " is not a validator of this devnet"));
        this.members = membership.members(shard);
        this.others = members.stream().filter(m -> !m.equals(ctx.self())).toList();
        this.decoder = new TransactionDecoder(spec.chainId());
        this.known = new RecoveredTransactions(decoder, spec.shards(), KNOWN_TXS,
                ctx.metrics().counter("ledger.senderRecoveries"));
        BftConfig bft = BftConfig.standard(members, Time.millis(spec.baseTimeoutMs()));
        this.quorum = bft.quorum();
        KnownFinalHeaders finalHeaders = new KnownFinalHeaders(100_000);
        WorldState state = WorldState.genesisOfShard(shard, spec.shards(), genesis.accounts());
        Metrics m = ctx.metrics();
        blocks = m.counter("ledger.blocks");
        recoveriesOnLoop = m.counter("ledger.senderRecoveriesOnLoop");
        txFinal = m.counter("ledger.txFinal");
        bodiesRefused = m.counter("ledger.bodiesRefused");
        synced = m.counter("ledger.syncedBlocks");
        snapshotsInstalled = m.counter("ledger.snapshotsInstalled");
        LedgerListener listener = new Listener();
        this.ledger = new ShardLedger(shard, new BaselineSharding(new ShardCount.Fixed(spec.shards())), membership,
                state, new BlockExecutor(new TransferExecutor(spec.chainId())), new TxPool(100_000),
                new ReceiptInbox(shard, finalHeaders, 1_000_000, 100_000), new ReceiptRelay(shard, 10_000_000),
                finalHeaders, feeRecipient(shard, spec.shards()),
                new ShardLedger.Limits(spec.maxTxPerBlock(), 2_000, 120), ShardLedger.Clients.NONE, listener);
        Bytes proposerKey = spec.nodeKeys(ctx.self().index()).publicKey().bytes();
        // Every member relays each final block's receipts, each to f+1 members of the destination: a
        // copy always reaches an honest member, and since the members' windows start at their own
        // indices, shards of equal size (a devnet's) still give every destination member every
        // receipt while the source members are up, at half the copies of sending to every member.
        // At least two, so that a two-member shard (f = 0) keeps both copies: it has no spare leader.
        int relayFanout = Math.min(members.size(), Math.max(2, BftConfig.faults(members.size()) + 1));
        this.validator = new ShardValidator(ctx, ledger, proposerKey,
                new ShardValidator.Settings(relayFanout, Time.millis(100), Time.millis(2_000), 0), listener, true,
                (c, rules, l) -> this.bft = new BftNode(consensusContext = new BodiesFirst(c), bft,
                        new KeepBodies(rules), afterCommit(l)));
        this.stateSync = new StateSync(ctx, members, others, quorum, chunkItems, new StateSync.Host() {
            @Override
            public Optional<StateSnapshot> currentState() {
                return snapshot();
            }

            @Override
            public long nextHeight() {
                return ledger.nextHeight();
            }

            @Override
            public boolean wantsState() {
                return LedgerHost.this.wantsState();
            }

            @Override
            public Validity install(NodeId from, StateSnapshot state) {
                return installState(from, state);
            }
        });
    }

    @Override
    public void onStart() {
        Optional<StateSnapshot> snapshot = replayStore();
        reloadPool();
        restoreBodies();
        validator.onStart();
        // A crash between installing a snapshot and the consensus journal noting it leaves consensus behind.
        snapshot.ifPresent(sn -> bft.skipTo(decidedOf(sn.header())));
        ctx.schedule(SYNC_MICROS, new SyncTick());
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case BftMessage b -> {
                maxSeenHeight = Math.max(maxSeenHeight, b.height());
                validator.onMessage(from, b);
            }
            case CrossShardMessage c -> validator.onMessage(from, c);
            case LedgerMessage.Body b when members.contains(from) -> onBody(b.block());
            case LedgerMessage.Forward f -> onForward(f.rawTransactions());
            case LedgerMessage.Request r when members.contains(from) -> serve(from, r.fromHeight());
            case LedgerMessage.FinalBlocks f when members.contains(from) -> onFinalBlocks(from, f.blocks());
            case LedgerMessage.SnapshotRequest r when members.contains(from) -> stateSync.onRequest(from, r);
            case LedgerMessage.SnapshotManifest sm when members.contains(from) -> stateSync.onManifest(from, sm);
            case LedgerMessage.SnapshotChunk c when members.contains(from) -> stateSync.onChunk(from, c);
            default -> ctx.metrics().counter("ledger.ignored").increment();
        }
    }

    /**
     * Signature work is done on verifier threads, not on the loop: senders of forwarded and block
     * transactions are recovered into {@code known}, and consensus signatures and certificates are
     * verified through the node's crypto, which remembers each outcome for the loop's own check.
     */
    @Override
    public boolean wantsPreparation(Message m) {
        return m instanceof BftMessage || m instanceof CrossShardMessage || m instanceof LedgerMessage.Forward
                || m instanceof LedgerMessage.Body || m instanceof LedgerMessage.FinalBlocks;
    }

    /** Forwarded transactions only need to be in order among themselves (an account's nonces). */
    @Override
    public boolean bulk(Message m) {
        return m instanceof LedgerMessage.Forward;
    }

    @Override
    public Message prepare(NodeId from, Message m) {
        switch (m) {
            case BftMessage b -> BftSignatures.verify(b, members, quorum, ctx.crypto());
            case RelayReceipts r -> verifyCertificate(r.sourceHeader());
            case CreditAck a -> verifyCertificate(a.destinationHeader());
            case LedgerMessage.Forward f -> f.rawTransactions().forEach(known::decode);
            case LedgerMessage.Body b -> b.block().rawTransactions().forEach(known::decode);
            case LedgerMessage.FinalBlocks f -> f.blocks().forEach(wb -> {
                ConsensusProof.verify(wb.header(), members, quorum, ctx.crypto());
                wb.rawTransactions().forEach(known::decode);
            });
            default -> { }
        }
        return m;
    }

    /** Warms the crypto's memory with another shard's certificate on {@code h}; the loop decides. */
    private void verifyCertificate(BlockHeader h) {
        if (h.shard() >= 0 && h.shard() < membership.shardCount()) {
            List<NodeId> of = membership.members(h.shard());
            ConsensusProof.verify(h, of, of.size() - BftConfig.faults(of.size()), ctx.crypto());
        }
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case SyncTick t -> onSyncTick();
            case FlushForwards f -> flushForwards();
            case PersistPool p -> persistPool();
            case DeferredProposal d -> {
                consensusContext.bodyFirst(d.to(), d.proposal());
                ctx.multicast(d.to(), d.proposal());
            }
            default -> validator.onTimer(event);
        }
    }

    // ---- clients (called on the node's loop) ----

    /** Admits a transaction whose sender was recovered already (by the API, off the loop). */
    public Submission submit(Transaction tx) {
        if (tx.chainId() != spec.chainId()) {
            return new Submission.Refused("transaction is for chain " + tx.chainId() + ", this is chain "
                    + spec.chainId());
        }
        if (finalTxs.containsKey(tx.hash())) {
            return new Submission.Refused("transaction " + tx.hash().toHex() + " is final already");
        }
        int senderShard = known.put(tx).senderShard();
        if (senderShard == shard) {
            Account a = ledger.state().account(tx.from());
            if (tx.nonce() < a.nonce()) {
                return new Submission.Refused("nonce " + tx.nonce() + " is below the sender's next nonce " + a.nonce());
            }
            if (ledger.pool().add(tx) instanceof TxPool.Admission.Refused r) {
                return new Submission.Refused(r.reason());
            }
            storePooled(tx);
        }
        forwards.computeIfAbsent(senderShard, s -> new ArrayList<>()).add(tx.raw());
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.schedule(FLUSH_MICROS, new FlushForwards());
        }
        return new Submission.Accepted(tx.hash(), senderShard);
    }

    public TxStatus status(Hash tx) {
        FinalTx f = finalTxs.get(tx);
        if (f != null) {
            return new TxStatus.Final(shard, f.height(), f.atMicros());
        }
        if (ledger.pool().contains(tx)) {
            return new TxStatus.Pending(shard);
        }
        String why = rejected.get(tx);
        if (why != null) {
            return new TxStatus.Rejected(why);
        }
        Transaction t = known.get(tx);
        return t != null ? new TxStatus.Pending(ShardMath.shardOf(t.from(), spec.shards())) : new TxStatus.Unknown();
    }

    /** The account if it lives in this node's shard. */
    public Optional<Account> account(Address a) {
        return ShardMath.shardOf(a, spec.shards()) == shard ? Optional.of(ledger.state().account(a)) : Optional.empty();
    }

    public Status status() {
        return new Status(ctx.self(), shard, spec.shards(), members, ledger.nextHeight() - 1,
                ledger.lastCommitted().map(h -> h.hash().toHex()).orElse(""), ledger.pool().size(),
                ledger.relay().pendingCount(), ledger.inbox().queued());
    }

    public int shard() {
        return shard;
    }

    /** The node's clock (microseconds since it started), to date {@link TxStatus.Final#finalAtMicros}. */
    public long nowMicros() {
        return ctx.now();
    }

    public DevnetSpec spec() {
        return spec;
    }

    /** Blocks applied to this node's ledger: the next height. */
    public long nextHeight() {
        return ledger.nextHeight();
    }

    public ShardLedger ledger() {
        return ledger;
    }

    // ---- bodies ----

    /**
     * The consensus's view of the node: every proposal it sends (new, or a locked block proposed
     * again in a later view) is preceded, on the same FIFO links, by the block's body.
     */
    private final class BodiesFirst implements NodeContext {
        private final NodeContext inner;

        BodiesFirst(NodeContext inner) {
            this.inner = inner;
        }

        private void bodyFirst(java.util.Collection<NodeId> to, Message m) {
            if (m instanceof Proposal p && !p.block().payload().content().isEmpty()) {
                try {
                    ledger.proposedBlock(ConsensusProof.headerOf(p.block().payload()).hash())
                            .ifPresent(b -> inner.multicast(to, new LedgerMessage.Body(WireBlock.of(b))));
                } catch (CodecException e) {
                    LOG.warn("{}: proposing a payload that is not a ledger header: {}", ctx.self(), e.getMessage());
                }
            }
        }

        @Override
        public NodeId self() {
            return inner.self();
        }

        @Override
        public long now() {
            return inner.now();
        }

        @Override
        public void send(NodeId to, Message m) {
            bodyFirst(List.of(to), m);
            inner.send(to, m);
        }

        @Override
        public void multicast(java.util.Collection<NodeId> to, Message m) {
            if (m instanceof Proposal p && isEmptyBlock(p)) {
                // An idle shard need not commit empty blocks as fast as the network allows: holding the
                // proposal back a little saves every member's CPU and disk, like a network delay would.
                inner.schedule(EMPTY_BLOCK_DELAY_MICROS, new DeferredProposal(List.copyOf(to), p));
                return;
            }
            bodyFirst(to, m);
            inner.multicast(to, m);
        }

        @Override
        public org.spindle.protocol.runtime.TimerId schedule(long delayMicros, Object timerEvent) {
            return inner.schedule(delayMicros, timerEvent);
        }

        @Override
        public void cancel(org.spindle.protocol.runtime.TimerId id) {
            inner.cancel(id);
        }

        @Override
        public RandomGenerator random() {
            return inner.random();
        }

        @Override
        public org.spindle.protocol.runtime.Crypto crypto() {
            return inner.crypto();
        }

        @Override
        public org.spindle.core.storage.Storage storage() {
            return inner.storage();
        }

        @Override
        public Metrics metrics() {
            return inner.metrics();
        }

        @Override
        public org.spindle.protocol.runtime.Cpu cpu() {
            return inner.cpu();
        }
    }

    /**
     * Stores the body of each block this node proposes, so that after a restart it still holds the
     * body of a block it may have voted for (and be locked on): without it no member could check
     * the locked block again and the shard would stall.
     */
    private final class KeepBodies implements PayloadRules {
        private final PayloadRules inner;

        KeepBodies(PayloadRules inner) {
            this.inner = inner;
        }

        @Override
        public Payload propose(long height, Hash parent, RandomGenerator random) {
            Payload p = inner.propose(height, parent, random);
            if (!p.content().isEmpty() && height == ledger.nextHeight()) {
                ledger.proposedBlock(ConsensusProof.headerOf(p).hash()).ifPresent(LedgerHost.this::keepBody);
            }
            return p;
        }

        @Override
        public Validity check(long height, Payload payload) {
            return inner.check(height, payload);
        }
    }

    private boolean isEmptyBlock(Proposal p) {
        if (p.block().payload().content().isEmpty() || ledger.pool().size() > 0) {
            return false;
        }
        try {
            return ledger.proposedBlock(ConsensusProof.headerOf(p.block().payload()).hash())
                    .map(b -> b.transactions().isEmpty() && b.incomingReceipts().isEmpty()).orElse(false);
        } catch (CodecException e) {
            return false;
        }
    }

    /**
     * Stores a body without waiting for the disk: before this node votes for the block (or proposes
     * it), consensus syncs its journal, and RocksDB's log keeps writes in order, so the body is on
     * disk whenever a vote for it could be.
     */
    private void keepBody(Block b) {
        Bytes key = BODY_PREFIX.concat(b.header().hash().bytes());
        if (keptBodies.putIfAbsent(key, b.header().height()) == null) {
            ctx.storage().writeUnsynced(new org.spindle.core.storage.WriteBatch().put(key, WireBlock.of(b).encode()));
        }
    }

    /** Drops stored bodies of heights now committed (unsynced: a restart drops any left over). */
    private void forgetBodies() {
        long next = ledger.nextHeight();
        org.spindle.core.storage.WriteBatch batch = new org.spindle.core.storage.WriteBatch();
        keptBodies.entrySet().removeIf(e -> {
            if (e.getValue() < next) {
                batch.delete(e.getKey());
                return true;
            }
            return false;
        });
        if (!batch.ops().isEmpty()) {
            ctx.storage().writeUnsynced(batch);
        }
    }

    /** After a restart: takes back the stored bodies of the next height, drops the rest. */
    private void restoreBodies() {
        List<Bytes> stale = new ArrayList<>();
        List<WireBlock> next = new ArrayList<>();
        ctx.storage().scan(BODY_PREFIX, (k, v) -> {
            WireBlock wb = WireBlock.decode(v);
            if (wb.header().height() == ledger.nextHeight()) {
                next.add(wb);
                keptBodies.put(k, wb.header().height());
            } else {
                stale.add(k);
            }
        });
        stale.forEach(ctx.storage()::delete);
        next.forEach(this::accept);
    }

    private CommitListener afterCommit(CommitListener l) {
        return (node, block, qc, at) -> {
            l.committed(node, block, qc, at);
            forgetBodies();
            acceptWaitingBodies();
        };
    }

    private void onBody(WireBlock wb) {
        long h = wb.header().height();
        if (h > ledger.nextHeight()) {
            if (h <= ledger.nextHeight() + 4 && waitingBodies.values().stream().mapToInt(List::size).sum()
                    < MAX_WAITING_BODIES) {
                waitingBodies.computeIfAbsent(h, x -> new ArrayList<>()).add(wb);
            }
            return;
        }
        accept(wb);
    }

    private void accept(WireBlock wb) {
        Optional<Block> b = toBlock(wb);
        Validity v = b.isEmpty() ? Validity.invalid("a transaction does not decode")
                : ledger.acceptBody(b.get(), ctx.now());
        if (v.isValid()) {
            keepBody(b.get());
        }
        if (v instanceof Validity.Invalid(String why)) {
            bodiesRefused.increment();
            LOG.debug("{}: body at height {} refused: {}", ctx.self(), wb.header().height(), why);
        }
    }

    private void acceptWaitingBodies() {
        waitingBodies.headMap(ledger.nextHeight()).clear();
        List<WireBlock> now = waitingBodies.remove(ledger.nextHeight());
        if (now != null) {
            now.forEach(this::accept);
        }
    }

    private Optional<Block> toBlock(WireBlock wb) {
        List<Transaction> txs = new ArrayList<>(wb.rawTransactions().size());
        for (Bytes raw : wb.rawTransactions()) {
            Optional<Transaction> t = decode(raw);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            txs.add(t.get());
        }
        return Optional.of(new Block(wb.header(), txs, wb.receipts()));
    }

    /** The transaction of {@code raw}: recovered recently, pending here already, or recovered now. */
    private Optional<Transaction> decode(Bytes raw) {
        return recovered(raw).map(RecoveredTransactions.Recovered::tx);
    }

    private Optional<RecoveredTransactions.Recovered> recovered(Bytes raw) {
        RecoveredTransactions.Recovered r = known.cached(raw);
        if (r != null) {
            return Optional.of(r);
        }
        // The pool holds more than the cache: a transaction pending for long may have left the cache.
        Optional<Transaction> pooled = ledger.pool().get(Hashing.keccak256(raw));
        if (pooled.isPresent()) {
            return Optional.of(known.put(pooled.get()));
        }
        recoveriesOnLoop.increment(); // the verifiers missed it (forgotten, or a message not prepared)
        return known.decode(raw);
    }

    // ---- forwarded transactions ----

    private void onForward(List<Bytes> raws) {
        for (Bytes raw : raws) {
            recovered(raw).ifPresent(r -> {
                Transaction tx = r.tx();
                if (r.senderShard() == shard && !finalTxs.containsKey(tx.hash())
                        && tx.nonce() >= ledger.state().account(tx.from()).nonce()) {
                    if (ledger.pool().add(tx) instanceof TxPool.Admission.Accepted) {
                        storePooled(tx);
                    }
                }
            });
        }
    }

    private void flushForwards() {
        flushScheduled = false;
        Membership membership = ledger.membership();
        for (Map.Entry<Integer, List<Bytes>> e : forwards.entrySet()) {
            List<Bytes> all = e.getValue();
            List<NodeId> to = membership.members(e.getKey()).stream().filter(n -> !n.equals(ctx.self())).toList();
            for (int i = 0; i < all.size(); i += LedgerMessage.MAX_FORWARD) {
                ctx.multicast(to, new LedgerMessage.Forward(all.subList(i, Math.min(all.size(),
                        i + LedgerMessage.MAX_FORWARD))));
            }
        }
        forwards.clear();
    }

    // ---- storage, restart and catching up ----

    private final class Listener implements LedgerListener {
        @Override
        public void applied(long atMicros, ShardLedger.Applied a) {
            long height = a.certified().height();
            for (Transaction t : a.block().transactions()) {
                finalTxs.put(t.hash(), new FinalTx(height, atMicros));
                rejected.remove(t.hash());
            }
            blocks.increment();
            txFinal.add(a.block().transactions().size());
            if (!replaying) {
                Block certified = new Block(a.certified(), a.block().transactions(), a.block().incomingReceipts());
                org.spindle.core.storage.WriteBatch batch = new org.spindle.core.storage.WriteBatch()
                        .put(blockKey(height), WireBlock.of(certified).encode())
                        .put(heightKey(SENDERS_PREFIX, height), sendersOf(a.block().transactions()));
                for (Transaction t : a.block().transactions()) {
                    if (poolToStore.remove(t.hash()) == null) {
                        batch.delete(poolKey(t.hash()));
                    }
                }
                ctx.storage().write(batch);
            }
        }

        @Override
        public void invalid(long atMicros, Transaction tx, String reason) {
            if (poolToStore.remove(tx.hash()) == null) {
                poolToDrop.add(tx.hash());
                schedulePersist();
            }
            rejected.put(tx.hash(), reason);
        }
    }

    private Optional<StateSnapshot> replayStore() {
        Optional<StateSnapshot> snapshot = ctx.storage().get(SNAPSHOT_KEY).map(StateSnapshot::decode);
        snapshot.ifPresent(sn -> {
            if (ledger.adoptFinalState(sn.header(), sn.accountMap(), sn.consumedSet())
                    instanceof Validity.Invalid(String why)) {
                throw new IllegalStateException("stored snapshot does not match its header: " + why);
            }
        });
        long first = ledger.nextHeight();
        replaying = true;
        try {
            for (long h = first; ; h++) {
                Optional<Bytes> stored = ctx.storage().get(blockKey(h));
                if (stored.isEmpty()) {
                    break;
                }
                WireBlock wb = WireBlock.decode(stored.get());
                Block b = storedBlock(wb, ctx.storage().get(heightKey(SENDERS_PREFIX, h))).orElseThrow(
                        () -> new IllegalStateException("stored block has a transaction that does not decode"));
                ledger.applyFinal(b, ctx.now());
            }
        } finally {
            replaying = false;
        }
        if (ledger.nextHeight() > first) {
            ctx.metrics().counter("ledger.replayedBlocks").add(ledger.nextHeight() - first);
            LOG.info("{}: replayed {} final blocks of shard {} from storage{}", ctx.self(), ledger.nextHeight() - first,
                    shard, first > 0 ? " after the snapshot at height " + (first - 1) : "");
        }
        return snapshot;
    }

    private void onSyncTick() {
        long next = ledger.nextHeight();
        stateSync.onTick();
        if (maxSeenHeight > next && next == heightAtLastTick && !others.isEmpty()) {
            if (wantsState()) {
                stateSync.askForState();
            } else {
                ctx.send(others.get(syncPeer++ % others.size()), new LedgerMessage.Request(next));
            }
        }
        heightAtLastTick = next;
        ctx.schedule(SYNC_MICROS, new SyncTick());
    }

    private void serve(NodeId to, long from) {
        List<WireBlock> batch = new ArrayList<>();
        int bytes = 0;
        for (long h = from; batch.size() < LedgerMessage.MAX_BATCH && bytes < LedgerMessage.BATCH_BYTES; h++) {
            Optional<Bytes> stored = ctx.storage().get(blockKey(h));
            if (stored.isEmpty()) {
                break;
            }
            batch.add(WireBlock.decode(stored.get()));
            bytes += stored.get().size();
        }
        if (!batch.isEmpty()) {
            ctx.send(to, new LedgerMessage.FinalBlocks(batch));
        }
    }

    private void onFinalBlocks(NodeId from, List<WireBlock> batch) {
        int applied = 0;
        for (WireBlock wb : batch) {
            BlockHeader h = wb.header();
            if (h.height() < ledger.nextHeight()) {
                continue;
            }
            if (h.height() > ledger.nextHeight()) {
                break;
            }
            if (ConsensusProof.verify(h, members, quorum, ctx.crypto()) instanceof Validity.Invalid(String why)) {
                LOG.warn("{}: final block {} from {} refused: {}", ctx.self(), h.height(), from, why);
                break;
            }
            Optional<Block> b = toBlock(wb);
            if (b.isEmpty()) {
                break;
            }
            try {
                ledger.applyFinal(b.get(), ctx.now());
            } catch (IllegalArgumentException | CodecException e) {
                LOG.warn("{}: final block {} from {} refused: {}", ctx.self(), h.height(), from, e.getMessage());
                break;
            }
            synced.increment();
            applied++;
            ConsensusProof proof = ConsensusProof.decode(h.certificate());
            var bftBlock = new org.spindle.protocol.consensus.bft.Block(h.height(), proof.bftParent(),
                    ConsensusProof.payloadOf(h, proof.bulkBytes()));
            validator.onMessage(ctx.self(), new Decided(bftBlock, proof.commit()));
        }
        if (applied > 0) {
            forgetBodies();
            acceptWaitingBodies();
            if (batch.size() == LedgerMessage.MAX_BATCH || maxSeenHeight > ledger.nextHeight()) {
                ctx.send(from, new LedgerMessage.Request(ledger.nextHeight()));
            }
        }
    }

    // ---- the pool survives restarts ----

    private void storePooled(Transaction tx) {
        poolToStore.put(tx.hash(), tx.raw());
        schedulePersist();
    }

    private void schedulePersist() {
        if (!persistScheduled) {
            persistScheduled = true;
            ctx.schedule(PERSIST_POOL_MICROS, new PersistPool());
        }
    }

    /**
     * Writes the admitted transactions of the last few milliseconds in one batch, without waiting
     * for the disk: a killed process loses none of it, a crashed machine may lose the newest (whose
     * senders then send them again), and consensus's next synced write makes them durable anyway.
     */
    private void persistPool() {
        persistScheduled = false;
        if (poolToStore.isEmpty() && poolToDrop.isEmpty()) {
            return;
        }
        org.spindle.core.storage.WriteBatch batch = new org.spindle.core.storage.WriteBatch();
        poolToStore.forEach((h, raw) -> batch.put(poolKey(h), raw));
        poolToDrop.forEach(h -> batch.delete(poolKey(h)));
        poolToStore.clear();
        poolToDrop.clear();
        ctx.storage().writeUnsynced(batch);
    }

    /** After a restart: admits the stored pending transactions again (senders recovered anew). */
    private void reloadPool() {
        List<Bytes> stale = new ArrayList<>();
        int[] reloaded = {0};
        ctx.storage().scan(POOL_PREFIX, (k, raw) -> {
            Optional<Transaction> t = decode(raw);
            if (t.isPresent() && ShardMath.shardOf(t.get().from(), spec.shards()) == shard
                    && t.get().nonce() >= ledger.state().account(t.get().from()).nonce()
                    && ledger.pool().add(t.get()) instanceof TxPool.Admission.Accepted) {
                reloaded[0]++;
            } else {
                stale.add(k);
            }
        });
        if (!stale.isEmpty()) {
            org.spindle.core.storage.WriteBatch batch = new org.spindle.core.storage.WriteBatch();
            stale.forEach(batch::delete);
            ctx.storage().write(batch);
        }
        if (reloaded[0] > 0) {
            ctx.metrics().counter("ledger.poolReloaded").add(reloaded[0]);
            LOG.info("{}: {} pending transactions back in the pool from storage", ctx.self(), reloaded[0]);
        }
    }

    private static Bytes poolKey(Hash tx) {
        return POOL_PREFIX.concat(tx.bytes());
    }

    // ---- state sync ----

    /** The state at this node's last final block, as a peer behind would receive it. */
    public Optional<StateSnapshot> snapshot() {
        return ledger.lastCommitted().map(h -> StateSnapshot.of(h, ledger.state().accounts(),
                ledger.state().consumedReceipts()));
    }

    /** Why the last state a peer sent was refused ("" if none was). */
    public String lastSnapshotRefusal() {
        List<String> all = stateSync.refusals();
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    /** The reasons of the last few refused states, oldest first. */
    public List<String> snapshotRefusals() {
        return stateSync.refusals();
    }

    /**
     * Changes the state this node serves: for tests of a hostile peer (a node that serves tampered
     * state must be refused by the joiner, which then asks another peer).
     */
    public void alterServedSnapshots(java.util.function.UnaryOperator<StateSnapshot> alter) {
        stateSync.alterServed(alter);
    }

    private boolean wantsState() {
        return maxSeenHeight - ledger.nextHeight() > snapshotLag;
    }

    /**
     * Installs a checked state (certificate and chunks verified by {@link StateSync}); the ledger
     * checks the whole against the header's state root once more. Once installed (and stored, for
     * restarts), consensus jumps past the height and the blocks after it are fetched as usual.
     */
    private Validity installState(NodeId from, StateSnapshot sn) {
        BlockHeader h = sn.header();
        Validity v = ledger.adoptFinalState(h, sn.accountMap(), sn.consumedSet());
        if (!v.isValid()) {
            return v;
        }
        ctx.storage().put(SNAPSHOT_KEY, sn.encode());
        snapshotsInstalled.increment();
        LOG.info("{}: installed the state of shard {} at height {} from {} ({} accounts)", ctx.self(), shard,
                h.height(), from, sn.accounts().size());
        if (bft.skipTo(decidedOf(h)) instanceof Validity.Invalid(String why)) {
            LOG.warn("{}: consensus did not jump to height {}: {}", ctx.self(), h.height(), why);
        }
        forgetBodies();
        acceptWaitingBodies();
        if (maxSeenHeight > ledger.nextHeight()) {
            ctx.send(from, new LedgerMessage.Request(ledger.nextHeight()));
        }
        return Validity.VALID;
    }

    private static Decided decidedOf(BlockHeader h) {
        ConsensusProof proof = ConsensusProof.decode(h.certificate());
        return new Decided(new org.spindle.protocol.consensus.bft.Block(h.height(), proof.bftParent(),
                ConsensusProof.payloadOf(h, proof.bulkBytes())), proof.commit());
    }

    private static Bytes sendersOf(List<Transaction> txs) {
        byte[] out = new byte[txs.size() * Address.SIZE];
        for (int i = 0; i < txs.size(); i++) {
            System.arraycopy(txs.get(i).from().bytes().unsafeArray(), 0, out, i * Address.SIZE, Address.SIZE);
        }
        return Bytes.wrap(out);
    }

    /**
     * A block from this node's own store: with the senders it stored beside the block, its
     * transactions decode without recovering them again (a restart replays every stored block);
     * without them (a store written before senders were kept), each sender is recovered.
     */
    private Optional<Block> storedBlock(WireBlock wb, Optional<Bytes> senders) {
        List<Bytes> raws = wb.rawTransactions();
        if (senders.isEmpty() || senders.get().size() != raws.size() * Address.SIZE) {
            return toBlock(wb);
        }
        byte[] all = senders.get().unsafeArray();
        List<Transaction> txs = new ArrayList<>(raws.size());
        for (int i = 0; i < raws.size(); i++) {
            Address from = Address.wrap(Arrays.copyOfRange(all, i * Address.SIZE, (i + 1) * Address.SIZE));
            if (!(decoder.decodeWithKnownSender(raws.get(i), from)
                    instanceof org.spindle.core.ledger.TransactionDecodeResult.Accepted(Transaction tx))) {
                return Optional.empty();
            }
            txs.add(tx);
        }
        return Optional.of(new Block(wb.header(), txs, wb.receipts()));
    }

    private static Bytes heightKey(Bytes prefix, long height) {
        byte[] k = Arrays.copyOf(prefix.unsafeArray(), prefix.size() + 8);
        for (int i = 0; i < 8; i++) {
            k[prefix.size() + i] = (byte) (height >>> (56 - 8 * i));
        }
        return Bytes.wrap(k);
    }

    private static Bytes blockKey(long height) {
        return heightKey(BLOCK_PREFIX, height);
    }

    /** A deterministic fee account living in {@code shard}. */
    static Address feeRecipient(int shard, int shards) {
        for (int i = 0; ; i++) {
            byte[] h = Hashing.keccak256(("spindle/devnet/fees/" + shard + "/" + i).getBytes(StandardCharsets.US_ASCII))
                    .bytes().unsafeArray();
            Address a = Address.wrap(Arrays.copyOf(h, Address.SIZE));
            if (ShardMath.shardOf(a, shards) == shard) {
                return a;
            }
        }
    }
}

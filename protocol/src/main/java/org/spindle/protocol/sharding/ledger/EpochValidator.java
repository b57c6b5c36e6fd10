package org.spindle.protocol.sharding.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.storage.Storage;
import org.spindle.core.storage.WriteBatch;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.Reconfiguration;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.TimerId;

/**
 * A validator of a sharded ledger whose membership the beacon reconfigures every epoch
 * ({@link EpochSchedule}). It runs one <em>segment</em> per (epoch, shard) committee it serves:
 * a {@link ShardValidator} whose consensus certifies that shard's heights of that epoch.
 *
 * <ul>
 *   <li>At each boundary every validator learns the new epoch. A segment's last height is the one
 *       before the shard's first height of the next epoch; the segment stops proposing, voting
 *       and timing out there, but keeps answering for its earlier heights (a lagging member of the
 *       old committee can still fetch the last decisions).</li>
 *   <li>A member that stays in its shard starts the next segment when it decides the old
 *       committee's last height, from the block it decided.</li>
 *   <li>A member that enters a shard (moved by {@link Reconfiguration}, or restarted without the
 *       shard's journal) first asks a holder of the shard's state for it ({@link EpochMessage.StateRequest}):
 *       first the source the beacon's sync plan names, then, every {@code syncRetryMicros} without an
 *       answer, the next member of the old committee. A holder answers once it has decided the
 *       old committee's last height, with the whole state ({@link EpochMessage.StateSync}, its size
 *       charged to the network); only then does the member join the shard's consensus, at the
 *       shard's current height.</li>
 *   <li>Relayed headers are judged by the committee of the epoch they name.</li>
 * </ul>
 *
 * Consensus messages travel as {@link EpochMessage.Routed}, tagged with their committee; messages
 * for a committee this node has not started yet are held (bounded) until it starts. Each segment
 * keeps its BFT journal under its own storage prefix, so a restarted node resumes the newest
 * segment it had started.
 */
public final class EpochValidator implements Protocol {
    /** Modelled bytes of one account in a state transfer (the figure {@link ShardLedger#storedBytes} uses). */
    public static final long ACCOUNT_BYTES = 100;
    private static final int MAX_HELD = 4096;
    private static final int MAX_QUEUED_REQUESTS = 256;

    /** Builds the consensus of one committee. */
    @FunctionalInterface
    public interface Consensus {
        Protocol create(NodeContext ctx, BftConfig config, PayloadRules rules, CommitListener listener);
    }

    /** Reconfiguration parameters. */
    public record Settings(long syncRetryMicros) {
        public Settings {
            if (syncRetryMicros <= 0) {
                throw new IllegalArgumentException("sync retry interval must be positive");
            }
        }
    }

    record Key(long epoch, int shard) {}

    /** A timer of one segment. */
    record SegmentTimer(long epoch, int shard, Object event) {}

    /** The next epoch boundary. */
    record Boundary(long epoch) {}

    /** Ask another holder for the state of {@code shard} if none answered. */
    record SyncRetry(long epoch, int shard, int attempt) {}

    /** A non-honest node has no commit listener: it follows the shard's decisions on this timer instead. */
    record Follow() {}

    private record Held(NodeId from, BftMessage message) {}

    private record Request(NodeId from, long epoch, int shard) {}

    private final NodeContext ctx;
    private final EpochSchedule schedule;
    private final Bytes proposerKey;
    private final ShardValidator.Settings settings;
    private final Settings reconfig;
    private final LedgerListener listener;
    private final boolean duties;
    private final Consensus consensus;
    private final Function<List<NodeId>, BftConfig> bftFor;
    private final FinalityVerifier finality;
    private final TreeMap<Key, Segment> segments = new TreeMap<>(
            (a, b) -> a.epoch() != b.epoch() ? Long.compare(a.epoch(), b.epoch()) : Integer.compare(a.shard(), b.shard()));
    private final Map<Key, ArrayDeque<Held>> held = new HashMap<>();
    private int heldCount;
    /** Per shard, the highest height whose state this node holds (it decided it, or synced past it). */
    private final Map<Integer, Long> holds = new HashMap<>();
    /** Per shard, the epoch whose state transfer this node awaits. */
    private final Map<Integer, Long> syncing = new HashMap<>();
    private final List<Request> queued = new ArrayList<>();
    private final Metrics.Counter syncBytes;
    private final Metrics.Counter syncs;
    private final Metrics.Counter transitions;

    public EpochValidator(NodeContext ctx, EpochSchedule schedule, Bytes proposerKey, ShardValidator.Settings settings,
            Settings reconfig, LedgerListener listener, boolean duties, Consensus consensus,
            Function<List<NodeId>, BftConfig> bftFor, FinalityVerifier finality) {
        this.ctx = ctx;
        this.schedule = schedule;
        this.proposerKey = proposerKey;
        this.settings = settings;
        this.reconfig = reconfig;
        this.listener = listener;
        this.duties = duties;
        this.consensus = consensus;
        this.bftFor = bftFor;
        this.finality = finality;
        syncBytes = ctx.metrics().counter("epoch.syncBytes");
        syncs = ctx.metrics().counter("epoch.syncs");
        transitions = ctx.metrics().counter("epoch.transitions");
    }

    @Override
    public void onStart() {
        long k = schedule.latest();
        long now = ctx.now();
        long next = (k + 1) * schedule.epochMicros();
        ctx.schedule(Math.max(1, next - now), new Boundary(k + 1));
        if (!duties) {
            ctx.schedule(settings.tickMicros(), new Follow());
        }
        EpochSchedule.Epoch current = schedule.known(k).orElseThrow();
        Optional<Integer> shard = current.shardOf(ctx.self());
        if (shard.isEmpty()) {
            return;
        }
        int s = shard.get();
        if (k == 0 || BftNode.hasJournal(storageOf(new Key(k, s)))) {
            startSegment(k, s, 0, Block.GENESIS_PARENT); // a journal, if any, says where it was
            return;
        }
        Optional<Integer> before = schedule.known(k - 1).orElseThrow().shardOf(ctx.self());
        if (before.isPresent() && before.get() == s && BftNode.hasJournal(storageOf(new Key(k - 1, s)))) {
            startSegment(k - 1, s, 0, Block.GENESIS_PARENT); // it reaches the boundary and moves on
            return;
        }
        requestState(k, s, Optional.empty(), 0);
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case EpochMessage.Routed r -> onRouted(from, r);
            case EpochMessage.StateRequest q -> onStateRequest(from, q);
            case EpochMessage.StateSync s -> onStateSync(s);
            case RelayReceipts r -> {
                if (!r.receipts().isEmpty()) {
                    newestActive(r.receipts().get(0).receipt().destinationShard())
                            .ifPresent(seg -> seg.validator.onMessage(from, r));
                }
            }
            case CreditAck a -> {
                for (Segment seg : List.copyOf(segments.values())) {
                    if (!seg.retired) {
                        seg.validator.onMessage(from, a);
                    }
                }
            }
            default -> { }
        }
    }

    @Override
    public void onTimer(Object event) {
        switch (event) {
            case SegmentTimer t -> {
                Segment seg = segments.get(new Key(t.epoch(), t.shard()));
                if (seg == null || (seg.retired && t.event() instanceof CrossShardDuties.Tick)) {
                    return; // a retired segment's housekeeping stops; its shard's new committee does it
                }
                if (t.event() instanceof BftNode.ViewTimer v && v.height() >= seg.end) {
                    return;
                }
                seg.validator.onTimer(t.event());
            }
            case Boundary b -> onBoundary(b.epoch());
            case SyncRetry r -> onSyncRetry(r);
            case Follow f -> {
                followLedgers();
                ctx.schedule(settings.tickMicros(), f);
            }
            default -> { }
        }
    }

    // ---- epochs ----

    private void onBoundary(long k) {
        EpochSchedule.Epoch e = schedule.announce(k, ctx.now());
        ctx.schedule(schedule.epochMicros(), new Boundary(k + 1));
        for (Segment seg : segments.values()) {
            if (seg.key.epoch() == k - 1) {
                seg.end = e.startHeight(seg.key.shard());
            }
        }
        Optional<Integer> mine = e.shardOf(ctx.self());
        if (mine.isEmpty()) {
            return;
        }
        int s = mine.get();
        for (Reconfiguration.SyncTransfer t : e.syncPlan()) {
            if (t.receiver().equals(ctx.self())) {
                requestState(k, s, Optional.of(t.source()), 0);
            }
        }
    }

    /** Segment {@code seg} decided {@code block}: the last of its epoch hands over to the next committee. */
    private void decided(Segment seg, Block block) {
        int shard = seg.key.shard();
        holds.merge(shard, block.height(), Math::max);
        answerQueued(shard);
        if (block.height() + 1 == seg.end) {
            handOver(seg, block.hash());
        }
    }

    private void handOver(Segment seg, Hash head) {
        seg.retired = true;
        transitions.increment();
        long next = seg.key.epoch() + 1;
        int shard = seg.key.shard();
        Optional<EpochSchedule.Epoch> e = schedule.known(next);
        if (e.isPresent() && e.get().shardOf(ctx.self()).filter(x -> x == shard).isPresent()
                && !segments.containsKey(new Key(next, shard))) {
            startSegment(next, shard, seg.end, head);
        }
    }

    /** Without a commit listener, a segment whose shard decided its last height hands over by the ledger. */
    private void followLedgers() {
        for (Segment seg : List.copyOf(segments.values())) {
            if (seg.retired || seg.end == Long.MAX_VALUE) {
                continue;
            }
            ShardLedger l = schedule.ledger(seg.key.shard());
            if (l.nextHeight() >= seg.end) {
                l.committedHeader(seg.end - 1).ifPresent(h -> handOver(seg, bftHash(h)));
            }
        }
    }

    private void startSegment(long epoch, int shard, long height, Hash head) {
        Key key = new Key(epoch, shard);
        Membership m = schedule.known(epoch).orElseThrow().membership();
        Segment seg = new Segment(key);
        if (height > 0) {
            BftNode.startAt(seg.context.storage(), height, head);
        }
        schedule.known(epoch + 1).ifPresent(n -> seg.end = n.startHeight(shard));
        BftConfig cfg = bftFor.apply(m.members(shard));
        seg.validator = new ShardValidator(seg.context, schedule.ledger(shard), proposerKey, settings, listener, duties,
                (c, rules, l) -> consensus.create(c, cfg, seg.gate(rules), (node, block, qc, at) -> {
                    l.committed(node, block, qc, at);
                    decided(seg, block);
                }), finality);
        segments.put(key, seg);
        seg.validator.onStart();
        ArrayDeque<Held> waiting = held.remove(key);
        if (waiting != null) {
            heldCount -= waiting.size();
            for (Held h : waiting) {
                seg.validator.onMessage(h.from(), h.message());
            }
        }
        // Old, retired segments of epochs long gone answer nobody any more.
        segments.headMap(new Key(epoch - 2, Integer.MAX_VALUE)).values().removeIf(x -> x.retired);
    }

    // ---- consensus messages ----

    private void onRouted(NodeId from, EpochMessage.Routed r) {
        Key key = new Key(r.epoch(), r.shard());
        Segment seg = segments.get(key);
        if (seg != null) {
            seg.validator.onMessage(from, r.inner());
            return;
        }
        Optional<EpochSchedule.Epoch> e = schedule.known(r.epoch());
        boolean member = e.isPresent() && e.get().shardOf(ctx.self()).filter(x -> x == r.shard()).isPresent();
        if (member && heldCount < MAX_HELD && r.epoch() >= schedule.latest() - 1) {
            held.computeIfAbsent(key, x -> new ArrayDeque<>()).add(new Held(from, r.inner()));
            heldCount++;
        }
    }

    // ---- state transfer ----

    private void requestState(long epoch, int shard, Optional<NodeId> source, int attempt) {
        syncing.put(shard, epoch);
        NodeId to = source.orElseGet(() -> holder(epoch, shard, attempt));
        if (!to.equals(ctx.self())) {
            ctx.send(to, new EpochMessage.StateRequest(epoch, shard));
        }
        ctx.schedule(reconfig.syncRetryMicros(), new SyncRetry(epoch, shard, attempt + 1));
    }

    /** The old committee holds the state the new epoch starts from; try its members in turn. */
    private NodeId holder(long epoch, int shard, int attempt) {
        List<NodeId> old = schedule.known(Math.max(0, epoch - 1)).orElseThrow().membership().members(shard);
        return old.get(Math.floorMod(attempt + ctx.self().index(), old.size()));
    }

    private void onSyncRetry(SyncRetry r) {
        Long awaited = syncing.get(r.shard());
        if (awaited != null && awaited == r.epoch()) {
            requestState(r.epoch(), r.shard(), Optional.empty(), r.attempt());
        }
    }

    private void onStateRequest(NodeId from, EpochMessage.StateRequest q) {
        if (!duties || schedule.known(q.epoch()).isEmpty() || q.shard() >= schedule.ledger(0).membership().shardCount()) {
            return; // a crashed or Byzantine node serves no state
        }
        if (!answer(new Request(from, q.epoch(), q.shard())) && queued.size() < MAX_QUEUED_REQUESTS) {
            queued.add(new Request(from, q.epoch(), q.shard()));
        }
    }

    private void answerQueued(int shard) {
        if (!queued.isEmpty()) {
            queued.removeIf(r -> r.shard() == shard && answer(r));
        }
    }

    /** Sends the state if this node holds it as of the epoch's first height; false if not yet. */
    private boolean answer(Request r) {
        long needed = schedule.known(r.epoch()).orElseThrow().startHeight(r.shard()) - 1;
        Long have = holds.get(r.shard());
        if (have == null || have < needed) {
            return false;
        }
        ShardLedger l = schedule.ledger(r.shard());
        int bytes = (int) Math.min(Integer.MAX_VALUE - 64, ACCOUNT_BYTES * l.state().accountCount());
        ctx.send(r.from(), new EpochMessage.StateSync(r.epoch(), r.shard(), l.nextHeight() - 1, bytes));
        syncBytes.add(bytes);
        return true;
    }

    private void onStateSync(EpochMessage.StateSync s) {
        Long awaited = syncing.get(s.shard());
        if (awaited == null || awaited > s.epoch()) {
            return; // a second answer, or one for an entry this node has moved past
        }
        syncing.remove(s.shard());
        syncs.increment();
        ShardLedger l = schedule.ledger(s.shard());
        long height = l.nextHeight();
        long epoch = l.membershipAt(height).epoch();
        holds.merge(s.shard(), height - 1, Math::max);
        boolean member = schedule.known(epoch).orElseThrow().shardOf(ctx.self()).filter(x -> x == s.shard()).isPresent();
        if (!member || segments.containsKey(new Key(epoch, s.shard()))) {
            return;
        }
        // The holder keeps forwarding what its shard commits while the state travels, so the member
        // joins at the shard's current height.
        Hash head = l.lastCommitted().map(EpochValidator::bftHash).orElse(Block.GENESIS_PARENT);
        startSegment(epoch, s.shard(), height, head);
    }

    private static Hash bftHash(BlockHeader h) {
        return ConsensusProof.decode(h.certificate()).commit().block();
    }

    private Optional<Segment> newestActive(int shard) {
        for (Segment seg : segments.descendingMap().values()) {
            if (seg.key.shard() == shard && !seg.retired) {
                return Optional.of(seg);
            }
        }
        return Optional.empty();
    }

    private Storage storageOf(Key key) {
        return new PrefixedStorage(ctx.storage(), Bytes.wrap(("epoch/" + key.epoch() + "/" + key.shard() + "/")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** The committees this node runs, for tests and tools: (epoch, shard) and whether it handed over. */
    public List<String> segments() {
        return segments.values().stream().map(s -> s.key.epoch() + "/" + s.key.shard() + (s.retired ? " retired" : ""))
                .toList();
    }

    // ---- one committee ----

    private final class Segment {
        final Key key;
        final SegmentContext context;
        ShardValidator validator;
        /** The shard's first height of the next epoch: this committee acts below it only. */
        long end = Long.MAX_VALUE;
        boolean retired;

        Segment(Key key) {
            this.key = key;
            this.context = new SegmentContext(this);
        }

        /** The ledger is asked nothing for heights the next committee owns. */
        PayloadRules gate(PayloadRules rules) {
            return new PayloadRules() {
                @Override
                public Payload propose(long height, Hash parent, RandomGenerator random) {
                    return height >= end ? new Payload(Bytes.EMPTY, 0) : rules.propose(height, parent, random);
                }

                @Override
                public Validity check(long height, Payload payload) {
                    return height >= end ? Validity.invalid("height " + height + " belongs to the next epoch")
                            : rules.check(height, payload);
                }
            };
        }
    }

    /** The node's context as one segment sees it: tagged messages and timers, its own journal, nothing past its end. */
    private final class SegmentContext implements NodeContext {
        private final Segment seg;
        private final Storage storage;

        SegmentContext(Segment seg) {
            this.seg = seg;
            this.storage = storageOf(seg.key);
        }

        private Optional<Message> outbound(Message m) {
            if (m instanceof BftMessage b) {
                return b.height() >= seg.end ? Optional.empty()
                        : Optional.of(new EpochMessage.Routed(seg.key.epoch(), seg.key.shard(), b));
            }
            return Optional.of(m);
        }

        @Override
        public NodeId self() {
            return ctx.self();
        }

        @Override
        public long now() {
            return ctx.now();
        }

        @Override
        public void send(NodeId to, Message m) {
            outbound(m).ifPresent(x -> ctx.send(to, x));
        }

        @Override
        public void multicast(Collection<NodeId> to, Message m) {
            outbound(m).ifPresent(x -> ctx.multicast(to, x));
        }

        @Override
        public TimerId schedule(long delayMicros, Object timerEvent) {
            return ctx.schedule(delayMicros, new SegmentTimer(seg.key.epoch(), seg.key.shard(), timerEvent));
        }

        @Override
        public void cancel(TimerId id) {
            ctx.cancel(id);
        }

        @Override
        public RandomGenerator random() {
            return ctx.random();
        }

        @Override
        public Crypto crypto() {
            return ctx.crypto();
        }

        @Override
        public Storage storage() {
            return storage;
        }

        @Override
        public Metrics metrics() {
            return ctx.metrics();
        }

        @Override
        public Cpu cpu() {
            return ctx.cpu();
        }
    }

    /** A view of a store under a key prefix. */
    private record PrefixedStorage(Storage store, Bytes prefix) implements Storage {
        @Override
        public Optional<Bytes> get(Bytes key) {
            return store.get(prefix.concat(key));
        }

        @Override
        public void put(Bytes key, Bytes value) {
            store.put(prefix.concat(key), value);
        }

        @Override
        public void delete(Bytes key) {
            store.delete(prefix.concat(key));
        }

        @Override
        public void write(WriteBatch batch) {
            WriteBatch b = new WriteBatch();
            for (WriteBatch.Op op : batch.ops()) {
                if (op.isDelete()) {
                    b.delete(prefix.concat(op.key()));
                } else {
                    b.put(prefix.concat(op.key()), op.value());
                }
            }
            store.write(b);
        }

        @Override
        public void scan(Bytes p, BiConsumer<Bytes, Bytes> visitor) {
            store.scan(prefix.concat(p), (k, v) -> visitor.accept(k.slice(prefix.size(), k.size() - prefix.size()), v));
        }
    }
}

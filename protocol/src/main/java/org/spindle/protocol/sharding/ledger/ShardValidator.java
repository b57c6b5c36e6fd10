package org.spindle.protocol.sharding.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.state.ReceiptProof;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.crosshard.RelayVerdict;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * One validator of a sharded ledger: its shard's consensus (whose payloads are ledger blocks, see
 * {@link LedgerPayloads}) plus the cross-shard duties around it.
 *
 * <ul>
 *   <li>On commit (final, for the baseline) the member that applies the block sends its receipts,
 *       with proofs and the certified header, to {@code relayFanout} members of each destination
 *       shard, and acknowledges the receipts the block credited to {@code relayFanout} members of
 *       each source shard ({@link CreditAck}, with consumption proofs under the block's state root).
 *   <li>A relayed header is checked against the source shard's committee ({@link CommitteeFinality})
 *       before its receipts enter the inbox; a receipt found consumed already is acknowledged back.
 *   <li>Every {@code tickMicros} it hands client submissions to the pool, reports pool and storage
 *       sizes, and re-relays final receipts not acknowledged for {@code reRelayMicros}.
 * </ul>
 *
 * A member without duties ({@code duties = false}: a crashed or Byzantine node in the simulator)
 * runs only its consensus protocol.
 */
public final class ShardValidator implements Protocol {
    /** Cross-shard and housekeeping parameters. */
    public record Settings(int relayFanout, long tickMicros, long reRelayMicros, long itemCpuMicros) {
        public Settings {
            if (relayFanout < 1 || tickMicros <= 0 || reRelayMicros <= 0 || itemCpuMicros < 0) {
                throw new IllegalArgumentException("fanout, tick and re-relay interval must be positive");
            }
        }
    }

    /** Builds the consensus protocol of a member from its payload rules and commit listener. */
    @FunctionalInterface
    public interface Consensus {
        Protocol create(NodeContext ctx, PayloadRules rules, CommitListener listener);
    }

    /** The housekeeping timer. */
    public record Tick() {}

    private final NodeContext ctx;
    private final ShardLedger ledger;
    private final Settings settings;
    private final LedgerListener listener;
    private final boolean duties;
    private final FinalityVerifier finality;
    private final Protocol consensus;

    public ShardValidator(NodeContext ctx, ShardLedger ledger, Bytes proposerKey, Settings settings,
            LedgerListener listener, boolean duties, Consensus consensus) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.settings = settings;
        this.listener = listener;
        this.duties = duties;
        this.finality = new CommitteeFinality(ledger.protocol(), ledger.membership(), ctx.crypto(), 4096);
        this.consensus = consensus.create(ctx, new LedgerPayloads(ledger, ctx, proposerKey, settings.itemCpuMicros()),
                this::committed);
    }

    @Override
    public void onStart() {
        consensus.onStart();
        if (duties) {
            ctx.schedule(1 + ctx.random().nextLong(settings.tickMicros()), new Tick());
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case BftMessage b -> consensus.onMessage(from, b);
            case RelayReceipts r when duties -> onRelay(from, r);
            case CreditAck a when duties -> ledger.relay().acknowledge(a, finality);
            default -> { }
        }
    }

    @Override
    public void onTimer(Object event) {
        if (event instanceof Tick) {
            onTick();
        } else {
            consensus.onTimer(event);
        }
    }

    private void committed(NodeId node, Block block, QuorumCertificate qc, long atMicros) {
        if (!duties) {
            return;
        }
        long now = ctx.now();
        switch (ledger.commit(block.payload(), block.parent(), qc, now)) {
            case ShardLedger.Commit.First(ShardLedger.Applied a) -> {
                listener.committed(ctx.self(), now, ledger.shard(), a.certified().height(), a.certified().hash());
                for (ReceiptRelay.Outbound o : a.relays()) {
                    sendToShard(o.destinationShard(), o.message(), a.certified().height());
                }
                Map<Integer, List<ReceiptId>> credited = new TreeMap<>();
                for (IncomingReceipt i : a.block().incomingReceipts()) {
                    credited.computeIfAbsent(i.receipt().sourceShard(), s -> new ArrayList<>()).add(i.receipt().id());
                }
                acknowledge(a.certified(), credited, null);
            }
            case ShardLedger.Commit.Repeat(BlockHeader h) ->
                    listener.committed(ctx.self(), now, ledger.shard(), h.height(), h.hash());
            case ShardLedger.Commit.Conflict(BlockHeader h, var other) ->
                    listener.committed(ctx.self(), now, ledger.shard(), h.height(), h.hash());
        }
    }

    private void onRelay(NodeId from, RelayReceipts r) {
        if (finality.check(r.sourceHeader()).isFinal()) {
            ledger.finalHeaders().markFinal(r.sourceHeader());
        }
        ctx.cpu().charge(r.receipts().size() * settings.itemCpuMicros());
        List<RelayVerdict> verdicts = ledger.inbox().offer(r, ledger.state());
        List<ReceiptId> consumed = new ArrayList<>();
        for (RelayVerdict v : verdicts) {
            if (v instanceof RelayVerdict.Rejected x && x.reason() == RelayVerdict.Reason.ALREADY_CONSUMED) {
                consumed.add(x.id());
            }
        }
        if (!consumed.isEmpty()) {
            Map<Integer, List<ReceiptId>> bySource = Map.of(r.sourceHeader().shard(), consumed);
            ledger.lastCommitted().ifPresent(h -> acknowledge(h, bySource, from));
        }
    }

    /**
     * Sends consumption proofs for {@code ids} under {@code header}, the last committed block (so the
     * state is the one its root commits to): to {@code to}, or to members of each source shard.
     */
    private void acknowledge(BlockHeader header, Map<Integer, List<ReceiptId>> bySource, NodeId to) {
        WorldState state = ledger.state();
        for (Map.Entry<Integer, List<ReceiptId>> e : new TreeMap<>(bySource).entrySet()) {
            List<ReceiptProof> proofs = e.getValue().stream().map(state::proveReceipt).toList();
            for (int i = 0; i < proofs.size(); i += CrossShardMessage.MAX_PROOFS_PER_ACK) {
                CreditAck ack = new CreditAck(header, proofs.subList(i,
                        Math.min(proofs.size(), i + CrossShardMessage.MAX_PROOFS_PER_ACK)));
                if (to != null) {
                    ctx.send(to, ack);
                } else {
                    sendToShard(e.getKey(), ack, header.height());
                }
            }
        }
    }

    private void onTick() {
        long now = ctx.now();
        ledger.deliverClients(now);
        listener.poolSize(now, ctx.self(), ledger.pool().size());
        listener.storage(now, ctx.self(), ledger.storedBytes());
        for (ReceiptRelay.Outbound o : ledger.relay().reRelay(now, settings.reRelayMicros())) {
            sendToShard(o.destinationShard(), o.message(), now / settings.tickMicros());
        }
        ctx.schedule(settings.tickMicros(), new Tick());
    }

    /** Sends to {@code relayFanout} members of {@code shard}, starting at a spot that rotates with {@code salt}. */
    private void sendToShard(int shard, Message m, long salt) {
        List<NodeId> members = ledger.membership().members(shard);
        int n = members.size();
        int start = (int) Math.floorMod(salt * 7 + ctx.self().index(), (long) n);
        for (int i = 0; i < Math.min(settings.relayFanout(), n); i++) {
            ctx.send(members.get((start + i) % n), m);
        }
    }
}

package org.spindle.protocol.sharding.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.state.ReceiptProof;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.crosshard.RelayVerdict;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;

/**
 * A ledger member's cross-shard duties, whatever decides finality: when this member applied a final
 * block it relays the block's receipts (with proofs and the final header) to {@code relayFanout}
 * members of each destination shard and acknowledges the receipts the block credited; a relayed
 * header enters the inbox only if {@code finality} says it is final; every tick it hands client
 * submissions to the pool, reports pool and storage sizes and re-relays unacknowledged receipts.
 * {@link ShardValidator} uses it with BFT committee finality, Reticulum with control-block finality.
 */
public final class CrossShardDuties {
    /** The housekeeping timer. */
    public record Tick() {}

    private final NodeContext ctx;
    private final ShardLedger ledger;
    private final ShardValidator.Settings settings;
    private final LedgerListener listener;
    private final FinalityVerifier finality;

    public CrossShardDuties(NodeContext ctx, ShardLedger ledger, ShardValidator.Settings settings,
            LedgerListener listener, FinalityVerifier finality) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.settings = settings;
        this.listener = listener;
        this.finality = finality;
    }

    /** Schedules the first tick at a random offset, so members do not all tick together. */
    public void start() {
        ctx.schedule(1 + ctx.random().nextLong(settings.tickMicros()), new Tick());
    }

    /** Handles a cross-shard message; false when {@code m} is not one. */
    public boolean onMessage(NodeId from, Message m) {
        switch (m) {
            case RelayReceipts r -> onRelay(from, r);
            case CreditAck a -> ledger.relay().acknowledge(a, finality);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Handles the tick; false when {@code event} is not one. */
    public boolean onTimer(Object event) {
        if (event instanceof Tick) {
            onTick();
            return true;
        }
        return false;
    }

    /** This member applied a final block first: relay its receipts and acknowledge its credits. */
    public void applied(ShardLedger.Applied a) {
        for (ReceiptRelay.Outbound o : a.relays()) {
            sendToShard(o.destinationShard(), o.message(), a.certified().height());
        }
        Map<Integer, List<ReceiptId>> credited = new TreeMap<>();
        for (IncomingReceipt i : a.block().incomingReceipts()) {
            credited.computeIfAbsent(i.receipt().sourceShard(), s -> new ArrayList<>()).add(i.receipt().id());
        }
        acknowledge(a.certified(), credited, null);
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
        List<NodeId> to = new ArrayList<>(Math.min(settings.relayFanout(), n));
        for (int i = 0; i < Math.min(settings.relayFanout(), n); i++) {
            to.add(members.get((start + i) % n));
        }
        ctx.multicast(to, m); // one encoding of a relay message that may carry thousands of receipts
    }
}

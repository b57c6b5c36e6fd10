package org.spindle.protocol.sharding.ledger;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.crosshard.CreditAck;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.RelayReceipts;
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

        /** The longest a final receipt not acknowledged waits between two relays: re-relays go out on ticks. */
        public long reRelayDueMicros() {
            return reRelayMicros + tickMicros;
        }
    }

    /** Builds the consensus protocol of a member from its payload rules and commit listener. */
    @FunctionalInterface
    public interface Consensus {
        Protocol create(NodeContext ctx, PayloadRules rules, CommitListener listener);
    }

    private final NodeContext ctx;
    private final ShardLedger ledger;
    private final Settings settings;
    private final LedgerListener listener;
    private final boolean duties;
    private final CrossShardDuties crossShard;
    private final Protocol consensus;

    public ShardValidator(NodeContext ctx, ShardLedger ledger, Bytes proposerKey, Settings settings,
            LedgerListener listener, boolean duties, Consensus consensus) {
        this(ctx, ledger, proposerKey, settings, listener, duties, consensus,
                new CommitteeFinality(ledger.protocol(), ledger.membership(), ctx.crypto(), 4096));
    }

    /** As above, judging relayed headers with {@code finality} (under reconfiguration: by the header's epoch). */
    public ShardValidator(NodeContext ctx, ShardLedger ledger, Bytes proposerKey, Settings settings,
            LedgerListener listener, boolean duties, Consensus consensus, FinalityVerifier finality) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.settings = settings;
        this.listener = listener;
        this.duties = duties;
        this.crossShard = new CrossShardDuties(ctx, ledger, settings, listener, finality);
        this.consensus = consensus.create(ctx, new LedgerPayloads(ledger, ctx, proposerKey, settings.itemCpuMicros()),
                this::committed);
    }

    @Override
    public void onStart() {
        consensus.onStart();
        if (duties) {
            crossShard.start();
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        // Plain instanceof tests: this runs for every message a member receives, and the type switch
        // showed in the simulator's profile.
        if (m instanceof BftMessage b) {
            consensus.onMessage(from, b);
        } else if (duties && (m instanceof RelayReceipts || m instanceof CreditAck)) {
            crossShard.onMessage(from, m);
        }
    }

    @Override
    public void onTimer(Object event) {
        if (!crossShard.onTimer(event)) {
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
                crossShard.applied(a);
            }
            case ShardLedger.Commit.Repeat(BlockHeader h) ->
                    listener.committed(ctx.self(), now, ledger.shard(), h.height(), h.hash());
            case ShardLedger.Commit.Conflict(BlockHeader h, var other) ->
                    listener.committed(ctx.self(), now, ledger.shard(), h.height(), h.hash());
        }
    }
}

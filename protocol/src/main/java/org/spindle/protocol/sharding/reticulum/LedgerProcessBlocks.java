package org.spindle.protocol.sharding.reticulum;

import java.util.List;
import java.util.function.Function;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ConsensusProof;
import org.spindle.protocol.sharding.ledger.ShardLedger;

/**
 * Process blocks that are ledger blocks: one {@link ShardLedger} per process shard (built with
 * {@link ReticulumSharding}, so headers name their control shard). A proposal executes pooled
 * transactions on the shard's last final state; a block becomes final, and is applied, only when
 * the control block covering its epoch accepts it, its header then carrying
 * {@link #certificate(long, Hash)}; a rejected block is discarded and the next one is proposed at
 * the same height on the unchanged state (state-block-state linking). Cross-shard receipts are not
 * relayed here yet.
 */
public final class LedgerProcessBlocks implements ProcessBlocks {
    private final List<ShardLedger> ledgers;
    private final Function<NodeId, Bytes> proposerKey;

    public LedgerProcessBlocks(List<ShardLedger> ledgers, Function<NodeId, Bytes> proposerKey) {
        this.ledgers = List.copyOf(ledgers);
        this.proposerKey = proposerKey;
    }

    /** What a final process block's header carries: the epoch and the hash of the control block accepting it. */
    public static Bytes certificate(long epoch, Hash controlBlock) {
        return new Encoder(48).u8(0x52).varint(epoch).hash(controlBlock).toBytes();
    }

    private ShardLedger ledger(int shard) {
        if (shard < 0 || shard >= ledgers.size()) {
            throw new IllegalArgumentException("no process shard " + shard);
        }
        return ledgers.get(shard);
    }

    @Override
    public Payload propose(int shard, long epoch, Hash state, NodeId proposer, long nowMicros) {
        ShardLedger l = ledger(shard);
        return l.propose(l.nextHeight(), proposerKey.apply(proposer), nowMicros);
    }

    @Override
    public Validity check(int shard, long epoch, Hash state, Payload payload) {
        BlockHeader h;
        try {
            h = ConsensusProof.headerOf(payload);
        } catch (CodecException e) {
            return Validity.invalid("payload is not a block header: " + e.getMessage());
        }
        ShardLedger l = ledger(shard);
        if (h.height() != l.nextHeight()) {
            return Validity.invalid("block at height " + h.height() + ", the shard's next height is " + l.nextHeight());
        }
        return l.check(h.height(), payload);
    }

    @Override
    public void accepted(int shard, long epoch, Payload payload, Hash covering, long nowMicros) {
        if (ledger(shard).commitFinal(payload, certificate(epoch, covering), nowMicros)
                instanceof ShardLedger.Commit.Conflict c) {
            throw new IllegalStateException("process shard " + shard + " finalised two blocks at height "
                    + c.header().height());
        }
    }

    @Override
    public void rejected(int shard, long epoch, long nowMicros) {
        ShardLedger l = ledger(shard);
        l.discardProposals(l.nextHeight());
    }
}

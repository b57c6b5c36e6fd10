package org.spindle.protocol.sharding.reticulum;

import java.util.List;
import java.util.Optional;
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
 * the same height on the unchanged state (state-block-state linking). Accepted control blocks are
 * recorded on the {@link ControlChain}, against which destination shards check relayed headers.
 */
public final class LedgerProcessBlocks implements ProcessBlocks {
    private final List<ShardLedger> ledgers;
    private final Function<NodeId, Bytes> proposerKey;
    private final ControlChain chain;

    public LedgerProcessBlocks(List<ShardLedger> ledgers, Function<NodeId, Bytes> proposerKey, ControlChain chain) {
        this.ledgers = List.copyOf(ledgers);
        this.proposerKey = proposerKey;
        this.chain = chain;
    }

    /**
     * What a final process block's header carries: the epoch, the hash of the control block accepting
     * it and the block's bulk size, so that {@link ReticulumFinality} can recompute the voted hash.
     */
    public static Bytes certificate(long epoch, Hash controlBlock, int bulkBytes) {
        return new Encoder(48).u8(0x52).varint(epoch).hash(controlBlock).varint(bulkBytes).toBytes();
    }

    public ControlChain chain() {
        return chain;
    }

    public ShardLedger ledger(int shard) {
        if (shard < 0 || shard >= ledgers.size()) {
            throw new IllegalArgumentException("no process shard " + shard);
        }
        return ledgers.get(shard);
    }

    @Override
    public void controlAccepted(ControlBlock block) {
        chain.record(block);
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
    public Optional<ShardLedger.Applied> accepted(int shard, long epoch, Payload payload, Hash covering,
            long nowMicros) {
        return switch (ledger(shard).commitFinal(payload, certificate(epoch, covering, payload.bulkBytes()),
                nowMicros)) {
            case ShardLedger.Commit.First f -> Optional.of(f.applied());
            case ShardLedger.Commit.Repeat r -> Optional.empty();
            case ShardLedger.Commit.Conflict c -> throw new IllegalStateException("process shard " + shard
                    + " finalised two blocks at height " + c.header().height());
        };
    }

    @Override
    public void rejected(int shard, long epoch, long nowMicros) {
        ShardLedger l = ledger(shard);
        l.discardProposals(l.nextHeight());
    }
}

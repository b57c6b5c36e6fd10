package org.spindle.protocol.sharding.reticulum;

import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.crosshard.FinalityCheck;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

/**
 * Reticulum's finality for relayed headers (reticulum.md §1.5: transactions are final when the
 * control block covering them is accepted): the header's certificate names an epoch, a control
 * block and the block's bulk size; that control block must be on the {@link ControlChain}, be of
 * that epoch, and accept, for the header's process shard, exactly the block this header is.
 */
public record ReticulumFinality(ControlChain chain) implements FinalityVerifier {
    /** What {@link LedgerProcessBlocks#certificate} encodes. */
    record Certificate(long epoch, Hash controlBlock, int bulkBytes) {}

    static Certificate decode(org.spindle.core.bytes.Bytes certificate) {
        Decoder in = new Decoder(certificate);
        if (in.u8() != 0x52) {
            throw new CodecException("not a reticulum certificate");
        }
        long epoch = in.varint();
        Hash control = in.hash();
        int bulk = in.varint(Payload.MAX_BULK, "bulk bytes");
        in.end();
        return new Certificate(epoch, control, bulk);
    }

    @Override
    public FinalityCheck check(BlockHeader header) {
        Certificate c;
        try {
            c = decode(header.certificate());
        } catch (CodecException e) {
            return new FinalityCheck.NotFinal("certificate is not a control-block reference: " + e.getMessage());
        }
        Optional<ControlBlock> found = chain.find(c.controlBlock());
        if (found.isEmpty()) {
            return new FinalityCheck.NotFinal("control block " + c.controlBlock().toHex() + " is not accepted");
        }
        ControlBlock block = found.get();
        if (block.epoch() != c.epoch()) {
            return new FinalityCheck.NotFinal("control block is of epoch " + block.epoch() + ", certificate says "
                    + c.epoch());
        }
        Hash voted = LeaderProposal.blockHash(VoteEpochs.process(c.epoch()),
                ConsensusProof.payloadOf(header, c.bulkBytes()));
        for (ControlEntry e : block.entries()) {
            if (e.processShard() == header.shard()) {
                return e.accepted() && e.block().equals(voted) ? FinalityCheck.FINAL
                        : new FinalityCheck.NotFinal("the control block does not accept this block of process shard "
                                + header.shard());
            }
        }
        return new FinalityCheck.NotFinal("the control block does not govern process shard " + header.shard());
    }
}

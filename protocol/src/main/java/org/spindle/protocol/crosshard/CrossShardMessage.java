package org.spindle.protocol.crosshard;

import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.state.ReceiptProof;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** The cross-shard transfer message family: receipts travelling to their destination, and acks back. */
public sealed interface CrossShardMessage extends Message permits RelayReceipts, CreditAck {
    int TAG_RELAY_RECEIPTS = 1;
    int TAG_CREDIT_ACK = 2;

    /** Receipts per relay message; a block's receipts for one shard are split into chunks of this. */
    int MAX_RECEIPTS_PER_MESSAGE = 4096;
    /** Credit proofs per ack message. */
    int MAX_PROOFS_PER_ACK = 1024;

    MessageCodec<CrossShardMessage> CODEC = MessageCodec.<CrossShardMessage>builder("crosshard",
                    1 + Math.max(
                            BlockHeader.CODEC.maxSize() + 3 + MAX_RECEIPTS_PER_MESSAGE * IncomingReceipt.CODEC.maxSize(),
                            BlockHeader.CODEC.maxSize() + 2 + MAX_PROOFS_PER_ACK * ReceiptProof.CODEC.maxSize()))
            .type(TAG_RELAY_RECEIPTS, RelayReceipts::readBody)
            .type(TAG_CREDIT_ACK, CreditAck::readBody)
            .build();
}

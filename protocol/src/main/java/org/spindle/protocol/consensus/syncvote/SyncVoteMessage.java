package org.spindle.protocol.consensus.syncvote;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** The synchronous-vote message family. */
public sealed interface SyncVoteMessage extends Message permits LeaderProposal, VoteChain, Echo, Certificate {
    int TAG_PROPOSAL = 1;
    int TAG_VOTE_CHAIN = 2;
    int TAG_ECHO = 3;
    int TAG_CERTIFICATE = 4;
    int MAX_SIGNATURE = 256;
    /** Longest relay chain accepted: one signer per group member at most. */
    int MAX_CHAIN = 4096;

    MessageCodec<SyncVoteMessage> CODEC = MessageCodec.<SyncVoteMessage>builder("syncvote",
                    Payload.MAX_BULK + Payload.MAX_CONTENT + (1 << 20))
            .type(TAG_PROPOSAL, LeaderProposal::readBody)
            .type(TAG_VOTE_CHAIN, VoteChain::readBody)
            .type(TAG_ECHO, Echo::readBody)
            .type(TAG_CERTIFICATE, Certificate::readBody)
            .build();

    static Bytes proposalBytes(long epoch, Hash block) {
        return new Encoder(48).u8(0x70).varint(epoch).hash(block).toBytes();
    }

    /** What the voter signs, and what every relayer signs again (with its own domain byte). */
    static Bytes voteBytes(boolean relay, long epoch, int voter, Hash block, boolean approve) {
        return new Encoder(48).u8(relay ? 0x72 : 0x76).varint(epoch).varint(voter).hash(block).bool(approve)
                .toBytes();
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.List;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.syncvote.Echo;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.consensus.syncvote.SyncVoteMessage;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** Reticulum's message family: synchronous-vote messages routed to one vote, and forwarded failed blocks. */
public sealed interface ReticulumMessage extends Message {
    int TAG_ROUTED = 1;
    int TAG_FAILED_BLOCK = 2;
    int TAG_ECHOES = 3;
    /** A control shard governs at most this many process shards (Algorithm 1 gives ⌊Nc/Np⌋ + a few). */
    int MAX_ECHOES = 4096;

    MessageCodec<ReticulumMessage> CODEC = MessageCodec.<ReticulumMessage>builder("reticulum",
                    Payload.MAX_BULK + Payload.MAX_CONTENT + (1 << 20))
            .type(TAG_ROUTED, Routed::readBody)
            .type(TAG_FAILED_BLOCK, FailedBlock::readBody)
            .type(TAG_ECHOES, Echoes::readBody)
            .build();

    /**
     * A message of one of the epoch's votes: {@code vote} 2s for process shard s's unanimous vote,
     * 2k+1 for attempt k of the control vote.
     */
    record Routed(int vote, SyncVoteMessage inner) implements ReticulumMessage {
        public Routed {
            if (vote < 0) {
                throw new IllegalArgumentException("vote index must be non-negative");
            }
        }

        public static int processVote(int shard) {
            return 2 * shard;
        }

        public static int controlVote(int attempt) {
            return 2 * attempt + 1;
        }

        @Override
        public int typeTag() {
            return TAG_ROUTED;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(vote);
            SyncVoteMessage.CODEC.write(out, inner);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(vote) + inner.encodedSize();
        }

        static Routed readBody(Decoder in) {
            int vote = in.varint(Integer.MAX_VALUE, "vote");
            return new Routed(vote, SyncVoteMessage.CODEC.read(in));
        }
    }

    /**
     * Algorithm 3's first step: a member of a process shard that failed phase 1 sends the shard's
     * leader-signed block to the rest of its control shard, which must check it. The shard's latest
     * state is what every control member already holds from the accepted control blocks.
     */
    record FailedBlock(int processShard, LeaderProposal proposal) implements ReticulumMessage {
        @Override
        public int typeTag() {
            return TAG_FAILED_BLOCK;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(processShard);
            SyncVoteMessage.CODEC.write(out, proposal);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(processShard) + proposal.encodedSize();
        }

        static FailedBlock readBody(Decoder in) {
            int shard = in.varint(Integer.MAX_VALUE, "process shard");
            if (!(SyncVoteMessage.CODEC.read(in) instanceof LeaderProposal p)) {
                throw new CodecException("a failed block is a leader proposal");
            }
            return new FailedBlock(shard, p);
        }
    }

    /**
     * A member's echoes for all the process votes of its control shard in one message (the echo
     * round of {@link org.spindle.protocol.consensus.syncvote.Broadcast#ECHO}, merged across the
     * votes: O(Nc²) messages per control shard instead of O(Nc²) per process shard).
     */
    record Echoes(List<Routed> echoes) implements ReticulumMessage {
        public Echoes {
            echoes = List.copyOf(echoes);
            if (echoes.size() > MAX_ECHOES) {
                throw new IllegalArgumentException("too many echoes: " + echoes.size());
            }
            for (Routed r : echoes) {
                if (!(r.inner() instanceof Echo)) {
                    throw new IllegalArgumentException("an echo batch carries echoes only");
                }
            }
        }

        @Override
        public int typeTag() {
            return TAG_ECHOES;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(echoes.size());
            for (Routed r : echoes) {
                r.encodeBody(out);
            }
        }

        @Override
        public int encodedSize() {
            int size = 1 + Message.varintSize(echoes.size());
            for (Routed r : echoes) {
                size += r.encodedSize() - 1;
            }
            return size;
        }

        static Echoes readBody(Decoder in) {
            List<Routed> list = in.list(MAX_ECHOES, Routed::readBody);
            try {
                return new Echoes(list);
            } catch (IllegalArgumentException e) {
                throw new CodecException("bad echo batch: " + e.getMessage());
            }
        }
    }
}

package org.spindle.protocol.consensus.bft;

import java.util.Optional;
import java.util.function.Function;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** The BFT message family. */
public sealed interface BftMessage extends Message
        permits Proposal, Vote, ViewChange, SyncRequest, Decided {
    int TAG_PROPOSAL = 1;
    int TAG_VOTE = 2;
    int TAG_VIEW_CHANGE = 3;
    int TAG_SYNC_REQUEST = 4;
    int TAG_DECIDED = 5;

    /** A frame carries at most one block, one certificate and a little framing. */
    int MAX_FRAME = Payload.MAX_BULK + Payload.MAX_CONTENT + 2 * (1 << 20);

    /** Every BFT message belongs to one height. */
    long height();

    MessageCodec<BftMessage> CODEC = MessageCodec.<BftMessage>builder("bft", MAX_FRAME)
            .type(TAG_PROPOSAL, Proposal::readBody)
            .type(TAG_VOTE, Vote::readBody)
            .type(TAG_VIEW_CHANGE, ViewChange::readBody)
            .type(TAG_SYNC_REQUEST, SyncRequest::readBody)
            .type(TAG_DECIDED, Decided::readBody)
            .build();

    /** Optional fields are a presence byte and the value. */
    static <T> void writeOptional(Encoder out, Optional<T> v, java.util.function.BiConsumer<Encoder, T> w) {
        out.bool(v.isPresent());
        v.ifPresent(x -> w.accept(out, x));
    }

    static <T> Optional<T> readOptional(Decoder in, Function<Decoder, T> r) {
        return in.bool() ? Optional.of(r.apply(in)) : Optional.empty();
    }
}

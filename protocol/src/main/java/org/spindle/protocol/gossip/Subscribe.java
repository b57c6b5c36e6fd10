package org.spindle.protocol.gossip;

import java.util.List;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;

/**
 * Announces the topics the sender subscribes to. A peer that lost its memory (a restart) asks for
 * its neighbours' subscriptions back with {@code wantReply}.
 */
public record Subscribe(List<String> topics, boolean wantReply) implements GossipMessage {
    public static final int MAX_TOPICS = 32;

    public Subscribe {
        if (topics.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("at most " + MAX_TOPICS + " topics, got " + topics.size());
        }
        topics.forEach(Topics::check);
        topics = List.copyOf(topics);
    }

    @Override
    public int typeTag() {
        return TAG_SUBSCRIBE;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.list(topics, Encoder::string);
        out.bool(wantReply);
    }

    @Override
    public int encodedSize() {
        int n = 1 + Message.varintSize(topics.size());
        for (String t : topics) {
            n += Message.varintSize(t.length()) + t.length();
        }
        return n + 1;
    }

    static Subscribe readBody(Decoder in) {
        List<String> topics = in.list(MAX_TOPICS, d -> d.string(Topics.MAX_LENGTH));
        boolean wantReply = in.bool();
        try {
            return new Subscribe(topics, wantReply);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad subscribe: " + e.getMessage());
        }
    }
}

package org.spindle.node.discovery;

import java.util.List;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.node.net.Wire;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/**
 * The bootnode protocol: a node {@link Register}s its signed record and gets a {@link Registered}
 * answer (accepted, or why not); {@link Fetch} returns every record held as {@link Records}. Records
 * are checked again by whoever receives them: a bootnode is trusted for nothing but liveness.
 */
public sealed interface DiscoveryMessage extends Message {
    int TAG_REGISTER = 1;
    int TAG_REGISTERED = 2;
    int TAG_FETCH = 3;
    int TAG_RECORDS = 4;
    int MAX_RECORDS = 4096;
    int MAX_REASON = 512;

    MessageCodec<DiscoveryMessage> CODEC = MessageCodec.<DiscoveryMessage>builder("discovery", 2 << 20)
            .type(TAG_REGISTER, in -> new Register(NodeRecord.read(in)))
            .type(TAG_REGISTERED, in -> new Registered(in.bool(), in.string(MAX_REASON)))
            .type(TAG_FETCH, in -> new Fetch())
            .type(TAG_RECORDS, in -> new Records(in.list(MAX_RECORDS, NodeRecord::read)))
            .build();

    Wire.Family FAMILY = new Wire.Family(Wire.DISCOVERY, CODEC, DiscoveryMessage.class);

    private static int size(java.util.function.Consumer<Encoder> body) {
        Encoder e = new Encoder(128);
        body.accept(e);
        return 1 + e.size();
    }

    record Register(NodeRecord record) implements DiscoveryMessage {
        @Override
        public int typeTag() {
            return TAG_REGISTER;
        }

        @Override
        public void encodeBody(Encoder out) {
            record.encode(out);
        }

        @Override
        public int encodedSize() {
            return size(this::encodeBody);
        }
    }

    /** {@code reason} is empty when accepted. */
    record Registered(boolean accepted, String reason) implements DiscoveryMessage {
        @Override
        public int typeTag() {
            return TAG_REGISTERED;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.bool(accepted).string(reason.length() > MAX_REASON / 4 ? reason.substring(0, MAX_REASON / 4)
                    : reason);
        }

        @Override
        public int encodedSize() {
            return size(this::encodeBody);
        }
    }

    record Fetch() implements DiscoveryMessage {
        @Override
        public int typeTag() {
            return TAG_FETCH;
        }

        @Override
        public void encodeBody(Encoder out) {}

        @Override
        public int encodedSize() {
            return 1;
        }
    }

    record Records(List<NodeRecord> records) implements DiscoveryMessage {
        public Records {
            records = List.copyOf(records);
        }

        @Override
        public int typeTag() {
            return TAG_RECORDS;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.list(records, (e, r) -> r.encode(e));
        }

        @Override
        public int encodedSize() {
            return size(this::encodeBody);
        }
    }
}

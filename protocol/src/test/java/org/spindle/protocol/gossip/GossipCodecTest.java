package org.spindle.protocol.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.runtime.NodeId;

class GossipCodecTest {
    private static final GossipData SAMPLE = new GossipData("blocks", Hash.wrap(new byte[32]), NodeId.of(3), 1234,
            2, Bytes.of(new byte[] {1, 2, 3}), Bytes.of(new byte[] {9, 9}));

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.strings().withChars("abcxyz019._/-").ofMinLength(1).ofMaxLength(64);
    }

    @Provide
    Arbitrary<GossipMessage> messages() {
        Arbitrary<Subscribe> subscribe = Combinators.combine(topics().list().ofMaxSize(Subscribe.MAX_TOPICS),
                Arbitraries.of(true, false)).as(Subscribe::new);
        Arbitrary<GossipData> data = Combinators.combine(topics(),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap),
                Arbitraries.integers().between(0, 1_000_000).map(NodeId::of),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.integers().between(0, GossipData.MAX_HOPS),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).map(Bytes::of),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(GossipData.MAX_SIGNATURE).map(Bytes::of))
                .as(GossipData::new);
        return Arbitraries.oneOf(subscribe, data);
    }

    @Property(tries = 200)
    void everyGossipMessageRoundTripsAndItsEncodedSizeIsExact(@ForAll("messages") GossipMessage m) {
        Bytes encoded = GossipMessage.CODEC.encode(m);
        assertThat(encoded.size()).isEqualTo(m.encodedSize());
        assertThat(GossipMessage.CODEC.decode(encoded)).isEqualTo(m);
    }

    @Test
    void frameWithAnUnknownTypeTagIsRejected() {
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(Bytes.of((byte) 77, (byte) 0)))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown message type tag 77");
    }

    @Test
    void truncatedFrameIsRejected() {
        Bytes full = GossipMessage.CODEC.encode(SAMPLE);
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(full.slice(0, full.size() - 1)))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
    }

    @Test
    void frameWithTrailingBytesIsRejected() {
        Bytes full = GossipMessage.CODEC.encode(SAMPLE).concat(Bytes.of((byte) 0));
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(full))
                .isInstanceOf(CodecException.class).hasMessageContaining("trailing");
    }

    @Test
    void emptyFrameIsRejected() {
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(Bytes.EMPTY)).isInstanceOf(CodecException.class);
    }

    @Test
    void frameLargerThanTheFamilyLimitIsRejectedBeforeDecoding() {
        Bytes huge = Bytes.wrap(new byte[GossipMessage.CODEC.maxSize() + 1]);
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(huge))
                .isInstanceOf(CodecException.class).hasMessageContaining("exceeds the limit");
    }

    @Test
    void topicWithForbiddenCharactersIsRejectedAtDecoding() {
        Bytes good = GossipMessage.CODEC.encode(new Subscribe(List.of("abc"), false));
        byte[] bad = good.toArray();
        bad[3] = 'A'; // tag, count, length, then the topic's first character
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(Bytes.wrap(bad)))
                .isInstanceOf(CodecException.class).hasMessageContaining("topic");
    }

    @Test
    void booleanOtherThanZeroOrOneIsRejected() {
        byte[] bad = GossipMessage.CODEC.encode(new Subscribe(List.of(), true)).toArray();
        bad[bad.length - 1] = 2;
        assertThatThrownBy(() -> GossipMessage.CODEC.decode(Bytes.wrap(bad))).isInstanceOf(CodecException.class);
    }
}

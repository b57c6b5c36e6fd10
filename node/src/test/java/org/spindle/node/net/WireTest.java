package org.spindle.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.node.ProtocolWires;
import org.spindle.protocol.gossip.GossipData;
import org.spindle.protocol.gossip.Subscribe;
import org.spindle.protocol.runtime.NodeId;

class WireTest {
    private final Wire wire = ProtocolWires.GOSSIP.with(HandshakeMessage.FAMILY);

    @Test
    void aMessageCrossesTheWireUnchangedAndItsFrameIsItsEncodedSizePlusTheFamilyTag() {
        GossipData d = new GossipData("shard-0", Hash.ZERO, NodeId.of(3), 12, 1, Bytes.of((byte) 1, (byte) 2, (byte) 3), Bytes.EMPTY);
        byte[] frame = wire.encode(d);
        assertThat(frame.length).isEqualTo(d.encodedSize() + 1);
        assertThat(frame[0]).isEqualTo((byte) ProtocolWires.GOSSIP_FAMILY.tag());
        assertThat(wire.decode(frame)).isEqualTo(new Wire.Decoded.Ok(2, d));
    }

    @Test
    void emptyUnknownTruncatedAndPaddedFramesAreMalformedWithAReason() {
        byte[] good = wire.encode(new Subscribe(List.of("a", "b"), true));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 1);
        assertThat(wire.decode(new byte[0])).isEqualTo(new Wire.Decoded.Malformed("empty frame"));
        assertThat(wire.decode(new byte[] {77, 1})).isEqualTo(new Wire.Decoded.Malformed("unknown family tag 77"));
        assertThat(wire.decode(truncated)).isInstanceOf(Wire.Decoded.Malformed.class);
        assertThat(wire.decode(padded)).isInstanceOf(Wire.Decoded.Malformed.class);
        assertThat(wire.decode(new byte[] {2, (byte) 200})).isInstanceOfSatisfying(Wire.Decoded.Malformed.class,
                m -> assertThat(m.reason()).contains("gossip").contains("200"));
    }
}

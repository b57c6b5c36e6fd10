package org.spindle.protocol.crosshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.state.ReceiptProof;

class CrossShardCodecTest {
    /** Relays of random size, from blocks with random receipt counts, values and header extensions. */
    @Property(tries = 40)
    void everyCrossShardMessageRoundTripsAndItsEncodedSizeIsExact(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 3) int extensions, @ForAll @IntRange(min = 0, max = 1_000_000) int value) {
        Shards shards = new Shards(3);
        Shards.Executed src = shards.crossBlock(0, 1 + value % 2, n, value);
        TreeMap<String, Bytes> ext = new TreeMap<>();
        for (int i = 0; i < extensions; i++) {
            ext.put("ext" + i, Bytes.wrap(new byte[i * 70]));
        }
        BlockHeader h = src.header();
        BlockHeader header = new BlockHeader(h.parentHash(), h.height(), h.shard(), value * 1_000L, h.stateRoot(),
                h.transactionsRoot(), h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(),
                h.feeRecipient(), ext, Bytes.wrap(new byte[value % 300]));
        ReceiptRelay relay = new ReceiptRelay(0, 100);
        assertThat(relay.track(header, src.result().outgoingReceipts(), 0)).isEqualTo(new ReceiptRelay.Track.Tracked(n));
        List<CrossShardMessage> messages = new ArrayList<>();
        relay.onFinal(header, 0).forEach(o -> messages.add(o.message()));
        int dest = 1 + value % 2;
        shards.block(dest, List.of(), ((RelayReceipts) messages.get(0)).receipts());
        List<ReceiptProof> proofs = src.result().outgoingReceipts().stream()
                .map(r -> shards.states.get(dest).proveReceipt(r.id())).toList();
        messages.add(new CreditAck(header, proofs));
        for (CrossShardMessage m : messages) {
            Bytes encoded = CrossShardMessage.CODEC.encode(m);
            assertThat(encoded.size()).isEqualTo(m.encodedSize());
            assertThat(CrossShardMessage.CODEC.decode(encoded)).isEqualTo(m);
        }
    }

    @Test
    void framesWithUnknownTagsTruncationOrEmptyListsAreRejected() {
        Shards shards = new Shards(2);
        Shards.Executed src = shards.crossBlock(0, 1, 2, 9);
        ReceiptRelay relay = new ReceiptRelay(0, 100);
        relay.track(src.header(), src.result().outgoingReceipts(), 0);
        Bytes full = CrossShardMessage.CODEC.encode(relay.onFinal(src.header(), 0).get(0).message());
        assertThatThrownBy(() -> CrossShardMessage.CODEC.decode(full.slice(0, full.size() - 3)))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> CrossShardMessage.CODEC.decode(Bytes.of((byte) 9)))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown message type tag 9");
        Encoder e = new Encoder();
        e.u8(CrossShardMessage.TAG_RELAY_RECEIPTS);
        BlockHeader.CODEC.write(e, src.header());
        e.varint(0);
        assertThatThrownBy(() -> CrossShardMessage.CODEC.decode(e.toBytes()))
                .isInstanceOf(CodecException.class).hasMessageContaining("bad receipt relay");
    }
}

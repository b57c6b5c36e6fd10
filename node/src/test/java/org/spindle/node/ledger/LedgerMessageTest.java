package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.SubtreeRoots;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.ProtocolWires;
import org.spindle.node.net.Wire;
import org.spindle.protocol.runtime.Message;

class LedgerMessageTest {
    private static final DevnetSpec SPEC = new DevnetSpec(7, 2, 4, 2, "codec", 500, 100);

    static Bytes raw(long nonce) {
        return TransactionSigner.sign(UnsignedTransfer.legacy(7, nonce, Address.fromHex(
                "0x00000000000000000000000000000000000000aa"), BigInteger.TEN, 21_000, BigInteger.ONE),
                SPEC.accountKeys(0).privateKey());
    }

    static WireBlock block(long height) {
        BlockHeader h = new BlockHeader(Hash.ZERO, height, 1, 0, Hash.ZERO, Hash.ZERO, Hash.ZERO, Hash.ZERO,
                Bytes.of((byte) 1), Address.ZERO, new TreeMap<>(), Bytes.of((byte) 2, (byte) 3));
        return new WireBlock(h, List.of(raw(0), raw(1)), List.of());
    }

    @Test
    void everyLedgerMessageCrossesTheWireUnchangedAndCountsItsOwnSize() {
        List<Message> all = List.of(new LedgerMessage.Body(block(3)), new LedgerMessage.Forward(List.of(raw(4))),
                new LedgerMessage.Request(300), new LedgerMessage.FinalBlocks(List.of(block(1), block(2))),
                LedgerMessage.SnapshotRequest.MANIFEST, new LedgerMessage.SnapshotRequest(17, 3),
                new LedgerMessage.SnapshotManifest(block(5).header(), 1, List.of(SubtreeRoots.Slice.EMPTY,
                        new SubtreeRoots.Slice(block(1).header().hash(), 2))),
                new LedgerMessage.SnapshotChunk(5, 1, List.of(java.util.Map.entry(Address.fromHex(
                        "0x00000000000000000000000000000000000000aa"), new Account(3, BigInteger.TEN))),
                        List.of(new ReceiptId(Hash.ZERO))));
        for (Message m : all) {
            byte[] frame = ProtocolWires.LEDGER.encode(m);
            assertThat(frame.length).as("frame of %s", m.getClass().getSimpleName()).isEqualTo(1 + m.encodedSize());
            assertThat(ProtocolWires.LEDGER.decode(frame)).isInstanceOfSatisfying(Wire.Decoded.Ok.class,
                    ok -> assertThat(ok.message()).isEqualTo(m));
        }
    }

    @Test
    void stateSyncFramesOutsideTheirLimitsAreMalformedNotACrash() {
        byte[] manifest = ProtocolWires.LEDGER.encode(new LedgerMessage.SnapshotManifest(block(5).header(), 1,
                List.of(SubtreeRoots.Slice.EMPTY, SubtreeRoots.Slice.EMPTY)));
        // The depth byte sits right after the family and type tags and the header: claim depth 2 for
        // a list of two slices.
        int depthAt = 2 + BlockHeader.CODEC.encode(block(5).header()).size();
        assertThat(manifest[depthAt]).isEqualTo((byte) 1);
        manifest[depthAt] = 2;
        assertThat(ProtocolWires.LEDGER.decode(manifest)).isInstanceOf(Wire.Decoded.Malformed.class);
        manifest[depthAt] = (byte) 200;
        assertThat(ProtocolWires.LEDGER.decode(manifest)).isInstanceOf(Wire.Decoded.Malformed.class);
        int family = ProtocolWires.LEDGER.encode(LedgerMessage.SnapshotRequest.MANIFEST)[0];
        org.spindle.core.codec.Encoder request = new org.spindle.core.codec.Encoder().u8(family).u8(5).varint(3)
                .varint(1 << 20);
        assertThat(ProtocolWires.LEDGER.decode(request.toArray())).as("a chunk index beyond any manifest")
                .isInstanceOf(Wire.Decoded.Malformed.class);
        org.spindle.core.codec.Encoder chunk = new org.spindle.core.codec.Encoder().u8(family).u8(7).varint(3).varint(0)
                .varint(LedgerMessage.MAX_CHUNK_ITEMS + 1L);
        assertThat(ProtocolWires.LEDGER.decode(chunk.toArray())).as("a chunk claiming too many accounts")
                .isInstanceOf(Wire.Decoded.Malformed.class);
    }

    @Test
    void aTruncatedLedgerFrameIsMalformedNotACrash() {
        byte[] frame = ProtocolWires.LEDGER.encode(new LedgerMessage.Body(block(3)));
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 5);
        assertThat(ProtocolWires.LEDGER.decode(cut)).isInstanceOf(Wire.Decoded.Malformed.class);
    }

    @Test
    void aDevnetRebuildsTheSameGenesisFromItsSeedAndNoOtherSeedDoes() {
        assertThat(SPEC.genesis().hash()).isEqualTo(new DevnetSpec(7, 2, 4, 2, "codec", 500, 100).genesis().hash());
        assertThat(SPEC.genesis().hash()).isNotEqualTo(new DevnetSpec(7, 2, 4, 2, "other", 500, 100).genesis().hash());
        assertThat(SPEC.genesis().initialMembership().members(0)).hasSize(4);
    }
}

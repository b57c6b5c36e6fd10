package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
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
                new LedgerMessage.Request(300), new LedgerMessage.FinalBlocks(List.of(block(1), block(2))));
        for (Message m : all) {
            byte[] frame = ProtocolWires.LEDGER.encode(m);
            assertThat(frame.length).as("frame of %s", m.getClass().getSimpleName()).isEqualTo(1 + m.encodedSize());
            assertThat(ProtocolWires.LEDGER.decode(frame)).isInstanceOfSatisfying(Wire.Decoded.Ok.class,
                    ok -> assertThat(ok.message()).isEqualTo(m));
        }
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

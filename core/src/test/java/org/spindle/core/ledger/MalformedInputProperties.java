package org.spindle.core.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Encoder;
import org.spindle.core.merkle.MerkleProof;
import org.spindle.core.merkle.SmtProof;
import org.spindle.core.state.AccountProof;
import org.spindle.core.state.ReceiptProof;

/** Garbage and corrupted encodings either decode or fail with a CodecException: nothing else escapes. */
class MalformedInputProperties {
    private static final List<Codec<?>> CODECS = List.of(Account.CODEC, ReceiptId.CODEC, Receipt.CODEC,
            BlockHeader.CODEC, Block.CODEC, IncomingReceipt.CODEC, MerkleProof.CODEC, SmtProof.CODEC,
            AccountProof.CODEC, ReceiptProof.CODEC);

    private static void decodesOrFailsCleanly(Codec<?> codec, Bytes data) {
        try {
            codec.decode(data);
        } catch (CodecException expected) {
            // the one permitted failure
        }
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeAsAnythingButACodecError(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] raw = new byte[r.nextInt(300)];
        r.nextBytes(raw);
        for (Codec<?> codec : CODECS) {
            decodesOrFailsCleanly(codec, Bytes.wrap(raw));
        }
    }

    @Property(tries = 100)
    void corruptedBlocksNeverEscapeAsAnythingButACodecError(@ForAll long seed) {
        Random r = new Random(seed);
        Block block = LedgerGen.blocks().generator(10).next(r).value();
        byte[] raw = Block.CODEC.encode(block).toArray();
        for (int i = 0; i < 20 && raw.length > 0; i++) {
            byte[] copy = raw.clone();
            copy[r.nextInt(copy.length)] ^= (byte) (1 + r.nextInt(255));
            decodesOrFailsCleanly(Block.CODEC, Bytes.wrap(copy));
            decodesOrFailsCleanly(BlockHeader.CODEC, Bytes.wrap(copy));
        }
    }

    @Test
    void aBlockClaimingMoreTransactionsThanTheLimitIsRefusedBeforeReadingThem() {
        BlockHeader h = LedgerTypesTest.header(new java.util.TreeMap<>());
        Encoder e = new Encoder();
        BlockHeader.CODEC.write(e, h);
        e.varint(Block.MAX_TRANSACTIONS + 1);
        assertThatThrownBy(() -> Block.CODEC.decode(e.toBytes()))
                .isInstanceOf(CodecException.class).hasMessageContaining("list length");
        assertThatThrownBy(() -> Block.CODEC.decode(Bytes.wrap(new byte[Block.MAX_BLOCK_BYTES + 1])))
                .isInstanceOf(CodecException.class).hasMessageContaining("exceeds the limit");
    }
}

package org.spindle.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Encoder;

class LedgerTypesTest {

    @Test
    void accountsRefuseNegativeOrOversizedBalances() {
        assertThatThrownBy(() -> new Account(0, BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(0, BigInteger.ONE.shiftLeft(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shardOfSpreadsAddressesEvenlyOverShards() {
        int shards = 8;
        int n = 16_000;
        int[] counts = new int[shards];
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[20];
            a[0] = (byte) i;
            a[1] = (byte) (i >> 8);
            counts[ShardMath.shardOf(Address.wrap(a), shards)]++;
        }
        // Expected 2,000 each; a binomial standard deviation is about 42, so 10% is over 4 sigma.
        for (int c : counts) {
            assertThat(c).isBetween(1_800, 2_200);
        }
    }

    @Test
    void shardOfWithOneShardIsAlwaysZeroAndRejectsBadCounts() {
        assertThat(ShardMath.shardOf(Address.ZERO, 1)).isZero();
        assertThatThrownBy(() -> ShardMath.shardOf(Address.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiptIdsDifferBySenderAndNonce() {
        Address a = Address.ZERO;
        Address b = Address.wrap(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(ReceiptId.of(a, 1)).isEqualTo(ReceiptId.of(a, 1));
        assertThat(ReceiptId.of(a, 1)).isNotEqualTo(ReceiptId.of(a, 2));
        assertThat(ReceiptId.of(a, 1)).isNotEqualTo(ReceiptId.of(b, 1));
    }

    @Test
    void headerExtensionsAreBoundedAndKeysRestricted() {
        Map<String, Bytes> tooMany = new TreeMap<>();
        for (int i = 0; i <= BlockHeader.MAX_EXTENSIONS; i++) {
            tooMany.put("k" + i, Bytes.EMPTY);
        }
        assertThatThrownBy(() -> header(new TreeMap<>(tooMany))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> header(new TreeMap<>(Map.of("bad key", Bytes.EMPTY))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> header(new TreeMap<>(Map.of("big",
                        Bytes.wrap(new byte[BlockHeader.MAX_EXTENSION_VALUE + 1])))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerDecodingRefusesExtensionKeysOutOfOrder() {
        BlockHeader h = header(new TreeMap<>(Map.of("a", Bytes.EMPTY, "b", Bytes.EMPTY)));
        Bytes enc = BlockHeader.CODEC.encode(h);
        // Swap the two one-byte keys "a" and "b" in place: same length, descending order.
        byte[] raw = enc.toArray();
        int ia = indexOf(raw, new byte[] {1, 'a', 0, 1, 'b'});
        assertThat(ia).isPositive();
        raw[ia + 1] = 'b';
        raw[ia + 4] = 'a';
        assertThatThrownBy(() -> BlockHeader.CODEC.decode(Bytes.wrap(raw)))
                .isInstanceOf(CodecException.class).hasMessageContaining("ascending");
    }

    @Test
    void receiptDecodingTurnsBadFieldsIntoCodecErrors() {
        Encoder e = new Encoder();
        e.hash(Hash.ZERO).varint(ShardMath.MAX_SHARDS).varint(0).varint(0).varint(0)
                .address(Address.ZERO).address(Address.ZERO).uint256(BigInteger.ONE);
        assertThatThrownBy(() -> Receipt.CODEC.decode(e.toBytes())).isInstanceOf(CodecException.class);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static BlockHeader header(TreeMap<String, Bytes> ext) {
        return new BlockHeader(Hash.ZERO, 1, 0, 0, Hash.ZERO, Hash.ZERO, Hash.ZERO, Hash.ZERO, Bytes.EMPTY,
                Address.ZERO, ext, Bytes.EMPTY);
    }
}

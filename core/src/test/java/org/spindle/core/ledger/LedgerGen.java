package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.merkle.MerkleProof;

/** jqwik generators for ledger types, shared by the property tests. */
public final class LedgerGen {
    private LedgerGen() {}

    public static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::wrap);
    }

    public static Arbitrary<Hash> hashes() {
        return bytes(32, 32).map(Hash::new);
    }

    public static Arbitrary<Address> addresses() {
        return bytes(20, 20).map(Address::new);
    }

    public static Arbitrary<BigInteger> uint256() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000_000)),
                bytes(0, 32).map(b -> new BigInteger(1, b.unsafeArray())));
    }

    public static Arbitrary<Account> accounts() {
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), uint256()).as(Account::new);
    }

    public static Arbitrary<ReceiptId> receiptIds() {
        return hashes().map(ReceiptId::new);
    }

    public static Arbitrary<Receipt> receipts() {
        return Combinators.combine(
                        receiptIds(),
                        Arbitraries.integers().between(0, ShardMath.MAX_SHARDS - 1),
                        Arbitraries.integers().between(0, ShardMath.MAX_SHARDS - 1),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        addresses(),
                        addresses(),
                        uint256())
                .as(Receipt::new);
    }

    public static Arbitrary<MerkleProof> merkleProofs() {
        return Arbitraries.integers().between(1, 1 << 20).flatMap(count -> Combinators.combine(
                        Arbitraries.integers().between(0, count - 1),
                        hashes().list().ofMaxSize(21))
                .as((index, sibs) -> new MerkleProof(index, count, sibs)));
    }

    public static Arbitrary<IncomingReceipt> incomingReceipts() {
        return Combinators.combine(receipts(), hashes(), merkleProofs()).as(IncomingReceipt::new);
    }

    public static Arbitrary<Transaction> transactions() {
        Arbitrary<Address[]> parties = Combinators.combine(addresses(), addresses()).as((a, b) -> new Address[] {a, b});
        return Combinators.combine(
                        Arbitraries.of(TxType.class),
                        Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        parties,
                        uint256(),
                        Arbitraries.longs().between(0, 10_000_000),
                        uint256(),
                        Combinators.combine(bytes(0, 40), hashes()).as((d, h) -> new Object[] {d, h}))
                .as((type, chain, nonce, p, value, gas, fee, dh) -> new Transaction(
                        type, chain, nonce, p[0], p[1], value, gas, fee, BigInteger.ZERO, (Bytes) dh[0], (Hash) dh[1],
                        Bytes.EMPTY));
    }

    public static Arbitrary<Map<String, Bytes>> extensions() {
        Arbitrary<String> keys = Arbitraries.strings().withChars("abcXYZ09._/-").ofMinLength(1).ofMaxLength(12);
        return Arbitraries.maps(keys, bytes(0, 64)).ofMaxSize(5).map(TreeMap::new);
    }

    public static Arbitrary<BlockHeader> headers() {
        return Combinators.combine(
                        hashes(),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(0, ShardMath.MAX_SHARDS - 1),
                        Arbitraries.longs().between(0, 1L << 40),
                        hashes().list().ofSize(4),
                        Combinators.combine(bytes(0, 64), bytes(0, 200)).as(List::of),
                        addresses(),
                        extensions())
                .as((parent, height, shard, epoch, roots, keyCert, fee, ext) -> new BlockHeader(
                        parent, height, shard, epoch, roots.get(0), roots.get(1), roots.get(2), roots.get(3),
                        keyCert.get(0), fee, new TreeMap<>(ext), keyCert.get(1)));
    }

    public static Arbitrary<Block> blocks() {
        return Combinators.combine(headers(), transactions().list().ofMaxSize(4),
                        incomingReceipts().list().ofMaxSize(3))
                .as(Block::new);
    }

    public static List<Bytes> items(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> Bytes.wrap(new byte[] {(byte) i, (byte) (i >> 8), 7}))
                .toList();
    }
}

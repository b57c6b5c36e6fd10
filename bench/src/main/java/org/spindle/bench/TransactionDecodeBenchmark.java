package org.spindle.bench;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;

/**
 * Admission cost of a user transaction: raw Ethereum bytes to a {@code Transaction} with its sender
 * recovered (RLP parse, canonical re-encoding check, sender recovery), for both envelopes; and the
 * signing cost a load generator pays per transaction.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TransactionDecodeBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransactionDecodeBenchmark {
    private static final int SET = 64;
    private static final long CHAIN_ID = 1337;
    private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

    private final TransactionDecoder decoder = new TransactionDecoder(CHAIN_ID);
    private final Bytes[] legacy = new Bytes[SET];
    private final Bytes[] eip1559 = new Bytes[SET];
    private final UnsignedTransfer[] transfers = new UnsignedTransfer[SET];
    private final KeyPair[] keys = new KeyPair[SET];
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(1559L);
        for (int i = 0; i < SET; i++) {
            byte[] seed = new byte[32];
            byte[] to = new byte[Address.SIZE];
            random.nextBytes(seed);
            random.nextBytes(to);
            keys[i] = Secp256k1.INSTANCE.keyPair(Bytes.wrap(seed));
            BigInteger value = BigInteger.valueOf(1 + random.nextInt(1_000_000));
            legacy[i] = TransactionSigner.sign(
                    UnsignedTransfer.legacy(CHAIN_ID, i, Address.wrap(to), value, 21_000, GWEI), keys[i].privateKey());
            transfers[i] = UnsignedTransfer.eip1559(CHAIN_ID, i, Address.wrap(to), value, 21_000, GWEI.multiply(BigInteger.TEN), GWEI);
            eip1559[i] = TransactionSigner.sign(transfers[i], keys[i].privateKey());
            if (!(decoder.decode(legacy[i]) instanceof TransactionDecodeResult.Accepted)
                    || !(decoder.decode(eip1559[i]) instanceof TransactionDecodeResult.Accepted)) {
                throw new IllegalStateException("benchmark transactions do not decode");
            }
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (SET - 1);
        return i;
    }

    @Benchmark
    public TransactionDecodeResult decodeLegacy() {
        return decoder.decode(legacy[index()]);
    }

    @Benchmark
    public TransactionDecodeResult decodeEip1559() {
        return decoder.decode(eip1559[index()]);
    }

    @Benchmark
    public Bytes signEip1559() {
        int i = index();
        return TransactionSigner.sign(transfers[i], keys[i].privateKey());
    }
}

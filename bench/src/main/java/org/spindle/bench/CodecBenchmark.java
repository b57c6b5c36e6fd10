package org.spindle.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;

/**
 * Encoding and decoding speed of blocks of transfers with {@link Block#CODEC}. Each transfer
 * carries a 110-byte raw envelope, about the size of a signed EIP-1559 transfer. The {@code bytes}
 * secondary metric is bytes per second (divide by 10^6 for MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CodecBenchmark {
    @Param({"1000", "10000"})
    public int transfers;

    private Block block;
    private Bytes encoded;

    /** Counts encoded or decoded bytes so JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long bytes;
    }

    private static byte[] random(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Setup(Level.Trial)
    public void makeBlock() {
        SplittableRandom r = new SplittableRandom(7);
        List<Transaction> txs = new ArrayList<>(transfers);
        for (int i = 0; i < transfers; i++) {
            txs.add(new Transaction(TxType.EIP1559, 1, r.nextInt(1000), Address.wrap(random(r, 20)),
                    Address.wrap(random(r, 20)), BigInteger.valueOf(r.nextLong(1L << 60)), 21_000,
                    BigInteger.valueOf(30_000_000_000L), BigInteger.valueOf(1_000_000_000L), Bytes.EMPTY,
                    Hash.wrap(random(r, 32)), Bytes.wrap(random(r, 110))));
        }
        BlockHeader header = new BlockHeader(Hash.wrap(random(r, 32)), 1234, 3, 9, Hash.wrap(random(r, 32)),
                Block.transactionsRoot(txs), Hash.wrap(random(r, 32)), Hash.ZERO, Bytes.wrap(random(r, 33)),
                Address.wrap(random(r, 20)), new TreeMap<>(), Bytes.wrap(random(r, 96)));
        block = new Block(header, txs, List.of());
        encoded = Block.CODEC.encode(block);
    }

    @Benchmark
    public Bytes encode(Throughput t) {
        Bytes out = Block.CODEC.encode(block);
        t.bytes += out.size();
        return out;
    }

    @Benchmark
    public Block decode(Throughput t) {
        Block b = Block.CODEC.decode(encoded);
        t.bytes += encoded.size();
        return b;
    }
}

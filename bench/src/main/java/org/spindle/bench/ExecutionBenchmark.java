package org.spindle.bench;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;
import org.spindle.core.state.WorldState;

/**
 * Transfers applied per second on one core (single-threaded) over a shard of 1,000,000 accounts, including the state
 * root update, the transactions root and the outgoing receipts root of each block. One operation
 * is one block; the {@code transfers} secondary metric is transfers per second. Each invocation executes one block of {@code blockSize} transfers from random
 * senders to random recipients ({@code crossShardPercent} of them in other shards, which emit
 * receipts). Blocks are built outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ExecutionBenchmark {
    static final int SHARDS = 4;
    static final long CHAIN = 1;

    @Param("1000000")
    public int accounts;

    @Param({"1000", "10000"})
    public int blockSize;

    @Param({"0", "25"})
    public int crossShardPercent;

    private WorldState state;
    private Address[] people;
    private long[] nonces;
    private Address[] foreigners;
    private Address proposer;
    private SplittableRandom random;
    private BlockExecutor executor;
    private long height;
    private List<Transaction> block;

    static Address address(long seed) {
        byte[] h = Hashing.sha256(ByteBuffer.allocate(8).putLong(seed).array()).toArray();
        return Address.wrap(Arrays.copyOf(h, Address.SIZE));
    }

    @Setup(Level.Trial)
    public void genesis() {
        List<Address> mine = new ArrayList<>(accounts + 1);
        List<Address> theirs = new ArrayList<>();
        for (long s = 0; mine.size() <= accounts; s++) {
            Address a = address(s);
            if (ShardMath.shardOf(a, SHARDS) == 0) {
                mine.add(a);
            } else if (theirs.size() < 10_000) {
                theirs.add(a);
            }
        }
        proposer = mine.remove(accounts);
        people = mine.toArray(Address[]::new);
        foreigners = theirs.toArray(Address[]::new);
        nonces = new long[accounts];
        Map<Address, BigInteger> balances = new HashMap<>(accounts * 2);
        BigInteger rich = BigInteger.TEN.pow(24);
        for (Address a : people) {
            balances.put(a, rich);
        }
        state = WorldState.genesis(0, SHARDS, balances);
        executor = new BlockExecutor(new TransferExecutor(CHAIN));
        random = new SplittableRandom(42);
        // Promote the million-account state to the old generation now, so the measurement does not
        // pay for copying it between survivor spaces.
        System.gc();
    }

    @Setup(Level.Invocation)
    public void nextBlock() {
        List<Transaction> txs = new ArrayList<>(blockSize);
        for (int i = 0; i < blockSize; i++) {
            int from = random.nextInt(accounts);
            Address to = random.nextInt(100) < crossShardPercent
                    ? foreigners[random.nextInt(foreigners.length)]
                    : people[random.nextInt(accounts)];
            long nonce = nonces[from]++;
            byte[] id = ByteBuffer.allocate(28).put(people[from].bytes().unsafeArray()).putLong(nonce).array();
            txs.add(new Transaction(TxType.EIP1559, CHAIN, nonce, people[from], to,
                    BigInteger.valueOf(1 + random.nextInt(1_000_000)), 21_000, BigInteger.valueOf(1_000_000_000L),
                    BigInteger.ZERO, Bytes.EMPTY, Hashing.keccak256(id), Bytes.EMPTY));
        }
        block = txs;
    }

    /** Counts transfers so JMH reports them per second next to blocks per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Transfers {
        public long transfers;
    }

    /** One block per call; the {@code transfers} counter gives the per-transfer throughput. */
    @Benchmark
    public BlockResult executeBlock(Transfers counter) {
        BlockResult r = executor.execute(state, ++height, proposer, block, List.of());
        if (r.applied().size() != blockSize) {
            throw new IllegalStateException("a benchmark transfer was rejected: " + r.txOutcomes().get(0));
        }
        counter.transfers += blockSize;
        return r;
    }
}

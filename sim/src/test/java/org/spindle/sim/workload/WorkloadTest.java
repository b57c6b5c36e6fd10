package org.spindle.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.runtime.Time;

class WorkloadTest {
    private static Workload synthetic(AccountSampler sampler, double cross, boolean poisson, double rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Arrivals a = poisson ? Arrivals.poisson(rate, 0, r.split()) : Arrivals.constant(rate, 0);
        return new Workload(a, new SyntheticTransfers(sampler, cross, 1, 1000, r.split()),
                new TxFactory(1, 21_000, BigInteger.ONE), Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Test
    void constantArrivalsSubmitExactlyRateTimesDurationWithoutDrift() {
        Workload w = synthetic(AccountSampler.uniform(100, 4), 0.3, false, 333.0, 1);
        List<SubmittedTx> txs = w.until(Time.seconds(30) - 1);
        assertThat(txs).hasSize(9_990);
        assertThat(txs).isSortedAccordingTo((a, b) -> Long.compare(a.atMicros(), b.atMicros()));
    }

    @Test
    void poissonArrivalsHonourTheRateOverTimeAndInEverySecond() {
        Workload w = synthetic(AccountSampler.uniform(100, 4), 0.3, true, 2_000.0, 7);
        int[] perSecond = new int[20];
        for (SubmittedTx t : w.until(Time.seconds(20) - 1)) {
            perSecond[(int) (t.atMicros() / Time.MICROS_PER_SECOND)]++;
        }
        int total = 0;
        for (int n : perSecond) {
            total += n;
            assertThat(n).isBetween(1_800, 2_200); // ± 4.5 standard deviations of a Poisson count
        }
        assertThat(total / 20.0).isCloseTo(2_000.0, within(40.0));
    }

    @Test
    void zipfSkewGivesTheTopAccountsTheirHarmonicShareOfSenders() {
        AccountSampler zipf = AccountSampler.zipf(1_000, 1.0, 4);
        SplittableRandom r = new SplittableRandom(3);
        int n = 100_000;
        int[] hits = new int[zipf.size()];
        for (int i = 0; i < n; i++) {
            hits[zipf.sample(r)]++;
        }
        double h1000 = harmonic(1_000);
        assertThat(hits[0] / (double) n).isCloseTo(1 / h1000, within(0.006));
        int top10 = 0;
        for (int i = 0; i < 10; i++) {
            top10 += hits[i];
        }
        assertThat(top10 / (double) n).isCloseTo(harmonic(10) / h1000, within(0.01));
        assertThat(hits[999]).isLessThan(hits[0] / 100);
    }

    @Test
    void uniformAccountsAreDrawnEvenly() {
        AccountSampler u = AccountSampler.uniform(10, 3);
        SplittableRandom r = new SplittableRandom(4);
        int[] hits = new int[10];
        for (int i = 0; i < 50_000; i++) {
            hits[u.sample(r)]++;
        }
        for (int h : hits) {
            assertThat(h).isBetween(4_600, 5_400);
        }
    }

    @Test
    void crossShardRatioIsMetWithinTolerance() {
        for (double target : new double[] {0.0, 0.3, 0.75, 1.0}) {
            for (AccountSampler s : List.of(AccountSampler.uniform(2_000, 4), AccountSampler.zipf(2_000, 1.0, 4))) {
                SyntheticTransfers t = new SyntheticTransfers(s, target, 1, 10, new SplittableRandom(11));
                int cross = 0;
                int n = 20_000;
                for (int i = 0; i < n; i++) {
                    Transfer x = t.next();
                    if (ShardMath.shardOf(x.from(), 4) != ShardMath.shardOf(x.to(), 4)) {
                        cross++;
                    }
                }
                assertThat(cross / (double) n).as("target %s", target).isCloseTo(target, within(0.015));
            }
        }
    }

    @Test
    void samplingInsideAndOutsideAShardStaysOnTheRightSide() {
        AccountSampler s = AccountSampler.zipf(300, 1.2, 5);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 5_000; i++) {
            int shard = i % 5;
            assertThat(s.shardOf(s.sampleInShard(r, shard))).isEqualTo(shard);
            assertThat(s.shardOf(s.sampleOutsideShard(r, shard))).isNotEqualTo(shard);
        }
    }

    @Test
    void withOneShardEveryTransferIsIntraShardWhateverTheRatio() {
        SyntheticTransfers t = new SyntheticTransfers(AccountSampler.uniform(50, 1), 0.9, 1, 1, new SplittableRandom(1));
        for (int i = 0; i < 1_000; i++) {
            Transfer x = t.next();
            assertThat(x.to()).isNotEqualTo(x.from());
        }
    }

    @Test
    void sameSeedGivesTheSameTransactionsAtTheSameTimesAndAnotherSeedDoesNot() {
        List<SubmittedTx> a = synthetic(AccountSampler.zipf(500, 1.0, 4), 0.3, true, 1_000, 42).until(Time.seconds(2));
        List<SubmittedTx> b = synthetic(AccountSampler.zipf(500, 1.0, 4), 0.3, true, 1_000, 42).until(Time.seconds(2));
        List<SubmittedTx> c = synthetic(AccountSampler.zipf(500, 1.0, 4), 0.3, true, 1_000, 43).until(Time.seconds(2));
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void eachSenderGetsConsecutiveNoncesAndEveryTransactionHasItsOwnHash() {
        Workload w = synthetic(AccountSampler.zipf(50, 1.0, 2), 0.5, false, 1_000, 9);
        Map<Address, Long> expected = new HashMap<>();
        java.util.Set<Object> hashes = new java.util.HashSet<>();
        for (SubmittedTx s : w.until(Time.seconds(3))) {
            Transaction tx = s.tx();
            long want = expected.merge(tx.from(), 1L, Long::sum) - 1;
            assertThat(tx.nonce()).isEqualTo(want);
            assertThat(tx.raw().isEmpty()).isTrue();
            assertThat(hashes.add(tx.hash())).isTrue();
        }
        assertThat(w.factory().senders()).isEqualTo(expected.size());
    }

    @Test
    void theWorkloadStopsAtItsStopTimeAndTransactionLimit() {
        SplittableRandom r = new SplittableRandom(1);
        Workload byTime = new Workload(Arrivals.constant(100, 0), new SyntheticTransfers(AccountSampler.uniform(5, 1),
                0, 1, 1, r), new TxFactory(1, 21_000, BigInteger.ONE), Time.seconds(1), Long.MAX_VALUE);
        assertThat(byTime.until(Long.MAX_VALUE - 1)).hasSize(100);
        assertThat(byTime.peekTime()).isEqualTo(Workload.NO_MORE);
        Workload byCount = new Workload(Arrivals.constant(100, 0), new SyntheticTransfers(AccountSampler.uniform(5, 1),
                0, 1, 1, r), new TxFactory(1, 21_000, BigInteger.ONE), Long.MAX_VALUE, 7);
        assertThat(byCount.until(Long.MAX_VALUE)).hasSize(7);
        assertThat(byCount.hasNext()).isFalse();
    }

    @Test
    void generatedTransactionsAreValidForTheLedgerExecutor() throws Exception {
        int shards = 3;
        WorkloadSpec spec = new WorkloadSpec(WorkloadSpec.Kind.ZIPF, 200, 1.0, null, false, 500, true, 0.4, 0,
                Long.MAX_VALUE, 2_000, 1, 1000, 1, 21_000, BigInteger.ONE, WorkloadSpec.DEFAULT_GENESIS_BALANCE);
        WorkloadSpec.Built built = spec.build(5, shards);
        List<WorldState> states = new ArrayList<>();
        List<List<Transaction>> perShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Map<Address, BigInteger> g = new HashMap<>();
            final int shard = s;
            built.genesis().forEach((a, v) -> {
                if (ShardMath.shardOf(a, shards) == shard) {
                    g.put(a, v);
                }
            });
            states.add(WorldState.genesis(s, shards, g));
            perShard.add(new ArrayList<>());
        }
        for (SubmittedTx t : built.workload().until(Long.MAX_VALUE - 1)) {
            perShard.get(ShardMath.shardOf(t.tx().from(), shards)).add(t.tx());
        }
        BlockExecutor exec = new BlockExecutor(new TransferExecutor(1));
        int applied = 0;
        int receipts = 0;
        for (int s = 0; s < shards; s++) {
            BlockResult r = exec.execute(states.get(s), 1, firstIn(built, s, shards), perShard.get(s), List.of());
            assertThat(r.allApplied()).as("shard %d", s).isTrue();
            applied += r.applied().size();
            receipts += r.outgoingReceipts().size();
        }
        assertThat(applied).isEqualTo(2_000);
        assertThat(receipts / 2_000.0).isCloseTo(0.4, within(0.05));
    }

    private static Address firstIn(WorkloadSpec.Built b, int shard, int shards) {
        return b.genesis().keySet().stream().filter(a -> ShardMath.shardOf(a, shards) == shard).findFirst()
                .orElseThrow();
    }

    private static double harmonic(int n) {
        double h = 0;
        for (int i = 1; i <= n; i++) {
            h += 1.0 / i;
        }
        return h;
    }
}

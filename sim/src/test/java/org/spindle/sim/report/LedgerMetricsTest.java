package org.spindle.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.workload.AccountSampler;
import org.spindle.sim.workload.Transfer;
import org.spindle.sim.workload.TxFactory;

/** A synthetic event stream with hand-computed results. */
class LedgerMetricsTest {
    static final long MS = 1_000;
    final MetricsRecorder recorder = new MetricsRecorder(() -> 0L);
    final LedgerMetrics metrics = new LedgerMetrics(recorder);
    final TxFactory txs = new TxFactory(1, 21_000, BigInteger.ONE);
    final Address alice = AccountSampler.generatedAccount(1);
    final Address bob = AccountSampler.generatedAccount(2);

    Transaction tx(long value) {
        return txs.make(new Transfer(alice, bob, BigInteger.valueOf(value)));
    }

    static Receipt receiptOf(Transaction t, int index) {
        return new Receipt(ReceiptId.of(t.from(), t.nonce()), 0, 1, 1, index, t.from(), t.to(), t.value());
    }

    static FinalizedBlock block(long proposed, long fin, int shard, long height, long epoch, List<Transaction> txs,
            List<Receipt> emitted, List<Receipt> credited) {
        return new FinalizedBlock(fin, proposed, shard, height, epoch,
                Hashing.sha256(new byte[] {(byte) shard, (byte) height}), txs, emitted, credited, BigInteger.ZERO,
                Optional.empty());
    }

    void run() {
        Transaction t1 = tx(1);
        Transaction t2 = tx(2);
        Transaction t3 = tx(3);
        metrics.onSubmitted(0, t1);
        metrics.onSubmitted(0, t2);
        metrics.onSubmitted(100 * MS, t3);
        Receipt r2 = receiptOf(t2, 0);
        Receipt r3 = receiptOf(t3, 1);
        FinalizedBlock a = block(400 * MS, 500 * MS, 0, 1, 0, List.of(t1, t2, t3), List.of(r2, r3), List.of());
        metrics.onBlockFinal(a);
        metrics.onBlockFinal(a); // a second node reports the same block
        metrics.onBlockFinal(block(900 * MS, 1000 * MS, 1, 1, 0, List.of(), List.of(), List.of(r2)));
        metrics.onBlockFinal(block(1900 * MS, 2000 * MS, 1, 2, 1, List.of(), List.of(), List.of(r3)));
        metrics.onTxPoolSize(10, 0, 5);
        metrics.onTxPoolSize(20, 1, 15);
        metrics.onStorageSize(10, 0, 100);
        metrics.onStorageSize(20, 0, 300);
        metrics.onStorageSize(20, 1, 500);
        metrics.onFork(30, 1, 2);
        metrics.onViewChange(30, 1, 1);
        metrics.onViewChange(40, 1, 2);
        recorder.counter(LedgerMetrics.NET_BYTES).add(1_000);
    }

    @Test
    void theSummaryCountsConfirmationsAndLatenciesFromSubmissionToFinality() {
        run();
        Map<String, Object> s = metrics.summary(2_000 * MS, 4, 12.5);
        assertThat(s).containsEntry("offeredTps", 12.5).containsEntry("submitted", 3L).containsEntry("finalized", 3L)
                .containsEntry("finalizedInnerShard", 1L).containsEntry("finalizedCrossShardSource", 2L)
                .containsEntry("creditedCrossShard", 2L).containsEntry("tps", 1.5)
                .containsEntry("latencyP50Ms", 1000.0).containsEntry("latencyP95Ms", 1900.0)
                .containsEntry("latencyP99Ms", 1900.0).containsEntry("txPoolMax", 15L)
                .containsEntry("txPoolMean", 10.0).containsEntry("bytesSentPerNode", 250.0)
                .containsEntry("bytesStoredPerNode", 400.0).containsEntry("bytesStoredMax", 500L)
                .containsEntry("blocks", 3L).containsEntry("forks", 1L).containsEntry("viewChanges", 2L)
                .containsEntry("epochs", 2);
        assertThat((double) s.get("crossShardRatio")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(recorder.summary(LedgerMetrics.LATENCY).count()).isEqualTo(3);
        assertThat(recorder.summary(LedgerMetrics.RELAY1_LATENCY).max()).isEqualTo(500 * MS);
        assertThat(recorder.counters()).containsEntry(LedgerMetrics.RELAY2, 2L);
    }

    @Test
    void processingLatencyRunsFromTheSourceBlocksProposalToConfirmation() {
        run();
        // t1: inner, block proposed at 400 ms, final at 500; t2, t3: source block proposed at 400 ms,
        // credited by blocks final at 1000 and 2000 ms. Their pool waits (0-400 ms) do not count.
        Map<String, Object> s = metrics.summary(2_000 * MS, 4, 12.5);
        assertThat(s).containsEntry("processingLatencyP50Ms", 600.0).containsEntry("processingLatencyP99Ms", 1600.0);
        assertThat(recorder.summary(LedgerMetrics.PROCESSING_LATENCY).count()).isEqualTo(3);
        assertThat(recorder.summary(LedgerMetrics.PROCESSING_LATENCY).max()).isEqualTo(1600 * MS);
    }

    @Test
    void aCreditWhoseSourceWasNeverSeenFinalHasNoProcessingLatency() {
        Transaction t = tx(7);
        metrics.onSubmitted(0, t);
        metrics.onBlockFinal(block(900 * MS, 1000 * MS, 1, 1, 0, List.of(), List.of(), List.of(receiptOf(t, 0))));
        assertThat(metrics.summary(1_000 * MS, 4, 1.0)).containsEntry("processingLatencyP50Ms", 0.0);
        assertThat(recorder.summary(LedgerMetrics.PROCESSING_LATENCY).count()).isZero();
    }

    @Test
    void epochRowsFollowBlockEmulatorsDefinitions() {
        run();
        List<EpochRow> rows = metrics.epochs();
        assertThat(rows).hasSize(2);
        EpochRow e0 = rows.get(0);
        assertThat(e0).isEqualTo(new EpochRow(0, 1, 2, 1, 400 * MS, 1000 * MS, 500 * MS, 900 * MS, 1000 * MS));
        assertThat(e0.totalTransactions()).isEqualTo(2.5);
        assertThat(e0.averageTps()).isCloseTo(2.5 / 0.6, within(1e-9));
        assertThat(e0.crossShardRatio()).isCloseTo(0.6, within(1e-9));
        assertThat(e0.averageLatencySeconds()).isCloseTo(0.96, within(1e-9));
        assertThat(e0.averageRelay1LatencySeconds()).isCloseTo(0.45, within(1e-9));
        EpochRow e1 = rows.get(1);
        assertThat(e1.totalTransactions()).isEqualTo(0.5);
        assertThat(e1.crossShardRatio()).isEqualTo(1.0);
        assertThat(e1.averageRelay2LatencySeconds()).isCloseTo(1.9, within(1e-9));
        assertThat(e1.averageInnerLatencySeconds()).isZero();
    }

    @Test
    void thePerEpochCsvHasBlockEmulatorsColumns(@TempDir Path dir) throws Exception {
        run();
        StringWriter w = new StringWriter();
        EpochCsv.write(metrics.epochs(), w);
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("EpochID,Total tx # in this epoch,Inner-shard tx # in this epoch,"
                + "Relay1 tx # in this epoch,Relay2 tx # in this epoch,Epoch start time,Epoch end time,"
                + "Avg. TPS of this epoch (txs per second),CTX ratio of this epoch,Avg. TCL of this epoch (second)");
        assertThat(lines.get(0).split(",")).hasSize(13);
        assertThat(lines.get(1)).isEqualTo("0,2.50,1,2,1,0.400000,1.000000,4.17,0.6000,0.960000,0.500000,0.450000,"
                + "1.000000");
        assertThat(lines.get(2)).isEqualTo("1,0.50,0,0,1,1.900000,2.000000,5.00,1.0000,3.800000,0.000000,0.000000,"
                + "1.900000");
        Path file = dir.resolve("out").resolve(EpochCsv.FILE_NAME);
        EpochCsv.write(metrics.epochs(), file);
        assertThat(Files.readString(file)).isEqualTo(w.toString());
    }

    @Test
    void invalidTransactionsAreCountedAndNeverConfirmed() {
        Transaction t = tx(9);
        metrics.onSubmitted(0, t);
        metrics.onInvalid(5, t.hash(), "insufficient balance");
        metrics.onInvalid(6, Hash.ZERO, "unknown"); // not submitted here: not counted
        Map<String, Object> s = metrics.summary(1_000_000, 1, 1);
        assertThat(s).containsEntry("invalid", 1L).containsEntry("finalized", 0L).containsEntry("latencyP50Ms", 0.0)
                .containsEntry("crossShardRatio", 0.0);
        assertThat(metrics.epochs()).isEmpty();
    }

    @Test
    void theSteadyRateLeavesOutTheStartUpAndTheDrain() {
        // 10 confirmations at 5 s (start-up), 10 a second from 10 s to 19 s, 10 at 30 s (drain).
        long height = 0;
        List<Long> seconds = new java.util.ArrayList<>(List.of(5L));
        for (long t = 10; t < 20; t++) {
            seconds.add(t);
        }
        seconds.add(30L);
        for (long t : seconds) {
            List<Transaction> batch = new java.util.ArrayList<>();
            for (int k = 0; k < 10; k++) {
                batch.add(tx(k + 1));
            }
            metrics.onBlockFinal(block(t * 1000 * MS - 1, t * 1000 * MS, 0, ++height, 0, batch, List.of(), List.of()));
        }
        Map<String, Object> s = metrics.summary(40_000 * MS, 4, 10);
        assertThat(s).containsEntry("finalized", 120L).containsEntry("tps", 3.0);
        // The 12th confirmation falls in second 10 and the 108th in second 19: 100 in those 10 s.
        assertThat(metrics.steadyTps()).isEqualTo(10.0);
        assertThat(s).containsEntry("steadyTps", 10.0);
        assertThat(new LedgerMetrics(new MetricsRecorder(() -> 0L)).steadyTps()).isZero();
    }
}

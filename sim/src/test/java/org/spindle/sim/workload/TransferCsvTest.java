package org.spindle.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.ShardMath;
import org.spindle.protocol.runtime.Time;

class TransferCsvTest {
    static final String A = "0x00000000000000000000000000000000000000aa";
    static final String B = "00000000000000000000000000000000000000BB";

    /** The shipped sample, found from the module directory the tests run in. */
    static Path sample() {
        Path p = Path.of("..", "scenarios", "workloads", "sample-transfers.csv");
        return Files.exists(p) ? p : Path.of("scenarios", "workloads", "sample-transfers.csv");
    }

    @Test
    void theShippedSampleParsesAndIsExactlyWhatItsGeneratorProduces() throws Exception {
        List<Transfer> rows = TransferCsv.read(sample());
        assertThat(rows).hasSize(SampleTransfers.COUNT).isEqualTo(SampleTransfers.generate());
        long cross = rows.stream().filter(t -> ShardMath.shardOf(t.from(), SampleTransfers.SHARDS)
                != ShardMath.shardOf(t.to(), SampleTransfers.SHARDS)).count();
        assertThat(cross / (double) rows.size()).isBetween(0.27, 0.33);
    }

    @Test
    void headerlessAndHeaderedFilesWithAnyCaseAndQuotesParse() throws Exception {
        List<Transfer> plain = TransferCsv.parse(A + "," + B + ",12\n\n# a comment\n" + B + "," + A + ",0\n", "t.csv");
        assertThat(plain).containsExactly(
                new Transfer(Address.fromHex(A), Address.fromHex(B), BigInteger.valueOf(12)),
                new Transfer(Address.fromHex(B), Address.fromHex(A), BigInteger.ZERO));
        List<Transfer> dump = TransferCsv.parse("\uFEFFhash,Value,blockNumber,TO,From\n"
                + "x,\"99\",5," + B + "," + A + "\n", "dump.csv");
        assertThat(dump).containsExactly(new Transfer(Address.fromHex(A), Address.fromHex(B), BigInteger.valueOf(99)));
    }

    @Test
    void writingThenReadingGivesTheSameTransfers() throws Exception {
        List<Transfer> original = SampleTransfers.generate().subList(0, 50);
        StringWriter w = new StringWriter();
        TransferCsv.write(original, w);
        assertThat(TransferCsv.parse(w.toString(), "round.csv")).isEqualTo(original);
    }

    @Test
    void malformedLinesAreRejectedWithFileLineAndReason() {
        expectError(A + "," + B + "\n", "bad.csv:1: expected 3 fields, got 2");
        expectError(A + "," + B + ",1\n" + A + "," + B + ",1,2\n", "bad.csv:2: expected 3 fields, got 4");
        expectError("from,to,value\n" + A + ",0x12," + "5\n", "bad.csv:2: 'to' address must have 40 hex digits");
        expectError(A + ",0x" + "g".repeat(40) + ",5\n", "'to' address has a non-hex character 'g'");
        expectError("\n\n" + A + "," + B + ",-5\n", "bad.csv:3: value must be a non-negative decimal integer, got '-5'");
        expectError(A + "," + B + ",1.5\n", "value must be a non-negative decimal integer");
        expectError(A + "," + B + ",0x10\n", "value must be a non-negative decimal integer");
        expectError(A + "," + B + "," + BigInteger.TWO.pow(256) + "\n", "bad.csv:1: value does not fit in 256 bits");
        expectError(A + ",," + "5\n", "empty 'to' address");
        expectError("from,to,amount\n", "bad.csv:1: header has no 'value' column");
        expectError("from,to,value,to\n", "header names column 'to' twice");
        expectError("from,to,value\n# nothing\n", "bad.csv:2: no transfers in the file");
        expectError("", "bad.csv:0: no transfers in the file");
    }

    @Test
    void aMissingFileIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> TransferCsv.read(missing)).isInstanceOf(TransferCsvException.class)
                .hasMessageContaining(missing + ":0: cannot read");
    }

    @Test
    void aReplayWorkloadSubmitsTheFileInOrderAndFundsEverySender(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("w.csv"), "from,to,value\n" + A + "," + B + ",10\n" + A + "," + B + ",20\n"
                + B + "," + A + ",5\n");
        WorkloadSpec spec = new WorkloadSpec(WorkloadSpec.Kind.CSV, 0, 0, dir.resolve("w.csv"), false, 10, false, 0, 0,
                Long.MAX_VALUE, Long.MAX_VALUE, 1, 1, 1, 21_000, BigInteger.TWO, BigInteger.ZERO);
        WorkloadSpec.Built b = spec.build(1, 2);
        List<SubmittedTx> txs = b.workload().until(Long.MAX_VALUE - 1);
        assertThat(txs).extracting(t -> t.tx().value().longValue()).containsExactly(10L, 20L, 5L);
        assertThat(txs).extracting(t -> t.tx().nonce()).containsExactly(0L, 1L, 0L);
        assertThat(txs).extracting(SubmittedTx::atMicros).containsExactly(0L, Time.millis(100), Time.millis(200));
        assertThat(b.genesis()).containsEntry(Address.fromHex(A), BigInteger.valueOf(30 + 2 * 42_000))
                .containsEntry(Address.fromHex(B), BigInteger.valueOf(5 + 42_000));
    }

    @Test
    void aLoopingReplayStartsOverWithFreshNonces() {
        CsvReplay r = new CsvReplay(List.of(new Transfer(Address.fromHex(A), Address.fromHex(B), BigInteger.ONE)), true);
        Workload w = new Workload(Arrivals.constant(1_000, 0), r, new TxFactory(1, 21_000, BigInteger.ONE),
                Long.MAX_VALUE, 3);
        assertThat(w.until(Long.MAX_VALUE - 1)).extracting(t -> t.tx().nonce()).containsExactly(0L, 1L, 2L);
    }

    private static void expectError(String text, String message) {
        assertThatThrownBy(() -> TransferCsv.parse(text, "bad.csv")).isInstanceOf(TransferCsvException.class)
                .hasMessageContaining(message);
    }
}

package org.spindle.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.cli.Main;
import org.spindle.node.devnet.DevnetLayout;
import org.spindle.node.devnet.InProcessDevnet;
import picocli.CommandLine;

class DevnetCommandTest {
    private record Run(int exit, String out, String err) {}

    @TempDir
    Path dir;

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void devnetStartsPrintsItsApisAndKeysAndASecondRunResumesIt() {
        Path d = dir.resolve("net");
        Run first = run("devnet", "--in-process", "--shards", "1", "--nodes-per-shard", "4", "--accounts", "2",
                "--no-sync-writes", "--run-for", "1", "--dir", d.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("generated a devnet", "devnet up: 1 shards x 4 nodes", "/metrics",
                "private key 0x", "devnet stopped");
        Run second = run("devnet", "--in-process", "--run-for", "1", "--dir", d.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("resuming the devnet", "devnet up: 1 shards x 4 nodes");
    }

    @Test
    void aTransferSentWithTheCliBecomesFinalAndTheLoadGeneratorReportsThroughputAndLatency() throws Exception {
        Path d = dir.resolve("net");
        Run one = run("devnet", "--in-process", "--nodes-per-shard", "1", "--dir", dir.resolve("one").toString());
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("at least 2 nodes");
        Run gen = run("devnet", "--in-process", "--shards", "2", "--nodes-per-shard", "2", "--accounts", "4",
                "--no-sync-writes", "--run-for", "1", "--dir", d.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Matcher key = Pattern.compile("private key (0x[0-9a-f]{64})").matcher(gen.out());
        assertThat(key.find()).isTrue();
        try (InProcessDevnet net = InProcessDevnet.start(DevnetLayout.open(d))) {
            Run send = run("tx", "send", "--dir", d.toString(), "--from-key", key.group(1), "--to",
                    "0x00000000000000000000000000000000000000aa", "--value", "1000", "--wait");
            assertThat(send.exit()).as(send.err()).isZero();
            assertThat(send.out()).contains("sent 0x").containsPattern("final in shard \\d at height \\d+");
            Matcher hash = Pattern.compile("sent (0x[0-9a-f]{64})").matcher(send.out());
            assertThat(hash.find()).isTrue();
            Run status = run("tx", "status", "--dir", d.toString(), hash.group(1));
            assertThat(status.out()).contains(hash.group(1) + " final in shard");
            Run bad = run("tx", "send", "--dir", d.toString(), "--from-key", "0x12", "--to", "0x00", "--value", "1");
            assertThat(bad.exit()).isEqualTo(2);
            Run load = run("load", "--dir", d.toString(), "--rate", "40", "--duration", "2");
            assertThat(load.exit()).as(load.out() + load.err()).isZero();
            assertThat(load.out()).contains("final: 80 of 80").containsPattern("achieved \\d+ tx/s")
                    .containsPattern("latency ms: p50 \\d+  p99 \\d+").contains("signed in")
                    // an in-process devnet is one process: its CPU time is counted once
                    .containsPattern("node CPU: [\\d.]+ s in 1 processes = [\\d.]+ ms per final transaction");
        }
    }
}

package org.spindle.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.cli.Main;
import picocli.CommandLine;

class NodeCommandTest {
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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aBadConfigFileIsRejectedNamingTheKey() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                index: 0
                keySeed: "0x%s"
                bootnode: 127.0.0.1:1
                dataDir: data
                protocol: {name: bft, members: 4, baseTimeoutMs: zero}
                """.formatted("22".repeat(32)));
        Run r = run("node", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml").contains("'protocol.baseTimeoutMs'");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    void aMissingConfigFileIsReportedAsSuch() {
        Run r = run("node", "--config", dir.resolve("none.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("none.yaml").contains("cannot read");
    }

    @Test
    void aNodeHostingItsBootnodeStartsSaysWhereItListensAndStopsCleanly() throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, """
                index: 0
                keySeed: "0x%s"
                bootnode: 127.0.0.1:%d
                serveBootnode: true
                dataDir: data
                syncWrites: false
                protocol: {name: bft, members: 1, baseTimeoutMs: 200, txPerBlock: 4, txBytes: 16}
                """.formatted("33".repeat(32), freePort()));
        Run r = run("node", "--config", f.toString(), "--run-for", "1", "--status-every", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("bootnode listening on 127.0.0.1:").contains("node n0 (bft) listening on 127.0.0.1:")
                .contains("node n0 stopped");
        // A one-member shard is its own quorum: it must have committed blocks within the second.
        assertThat(r.out()).containsPattern("commits=[1-9]");
        assertThat(Files.isDirectory(dir.resolve("data/db"))).isTrue();
    }
}

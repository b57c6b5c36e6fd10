package org.spindle.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.cli.Main;
import picocli.CommandLine;

class SweepCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path scenario(String name) {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isRegularFile(d.resolve("scenarios").resolve(name))) {
            d = d.getParent();
        }
        assertThat(d).as("scenarios/" + name + " exists above the working directory").isNotNull();
        return d.resolve("scenarios").resolve(name);
    }

    private int run(String... args) {
        SweepCommand cmd = new SweepCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void varyingAKeyPrintsProgressPerRunAndWritesTheCsvAndCharts() throws Exception {
        Path results = dir.resolve("sweep");
        int code = run(scenario("gossip-small.yaml").toString(), "--vary", "protocol.degree=4,8", "--set",
                "protocol.messages=10", "--out", results.toString());
        assertThat(code).as(stderr()).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("[1/2] gossip-small protocol.messages=10 protocol.degree=4"));
        assertThat(lines).anyMatch(l -> l.startsWith("[2/2] done in"));
        assertThat(lines.getLast()).contains("sweep.csv").contains("latency.png").doesNotContain("tps.png");
        List<String> csv = Files.readAllLines(results.resolve("sweep.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).contains(",gossip,").contains(",protocol.degree,4,");
        assertThat(csv.get(2)).contains(",protocol.degree,8,");
        assertThat(results.resolve("latency.png")).isRegularFile();
        assertThat(results.resolve("tps.png")).as("gossip has no throughput to draw").doesNotExist();
    }

    @Test
    void aMissingOutNamesTheOption() {
        assertThat(run(scenario("gossip-small.yaml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("--out");
    }

    @Test
    void aVaryWithoutValuesNamesTheOptionAndRunsNothing() {
        assertThat(run(scenario("gossip-small.yaml").toString(), "--vary", "protocol.degree", "--out",
                dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("spindle sweep: --vary expects KEY=V1,V2");
        assertThat(dir.resolve("sweep.csv")).doesNotExist();
    }

    @Test
    void aBadSetAndAnUnknownKeyAreNamed() {
        assertThat(run(scenario("gossip-small.yaml").toString(), "--set", "no value", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("--set expects KEY=VALUE");
        err.reset();
        assertThat(run(scenario("gossip-small.yaml").toString(), "--vary", "protocol.degre=4", "--out",
                dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("unknown key 'protocol.degre'");
    }

    @Test
    void aJobCountBelowOneIsNamedAndRunsNothing() {
        assertThat(run(scenario("gossip-small.yaml").toString(), "--jobs", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--jobs must be at least 1, not 0");
        assertThat(dir.resolve("sweep.csv")).doesNotExist();
        err.reset();
        assertThat(run(scenario("gossip-small.yaml").toString(), "--jobs", "two", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("--jobs");
    }

    @Test
    void aMissingScenarioIsNamed() {
        assertThat(run(dir.resolve("nope.yaml").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("nope.yaml").contains("does not exist");
    }

    @Test
    void helpExplainsTheOutputsAndTheOptions() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("sweep.csv").contains("tps.png").contains("--vary").contains("--x")
                .contains("Examples");
    }

    @Test
    void sweepIsASubcommandOfSpindle() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("sweep");
    }
}

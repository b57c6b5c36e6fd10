package org.spindle.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class SimCommandTest {
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
        SimCommand cmd = new SimCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(cmd).execute(args);
    }

    @Test
    void jsonFlagPrintsOneObjectWithTheRequiredFieldsAsTheLastLine() throws Exception {
        int code = run(scenario("gossip-small.yaml").toString(), "--json", "--seed", "3", "--out", dir.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("trace hash"));
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String field : List.of("scenario", "seed", "nodes", "simulatedSeconds", "wallSeconds", "events",
                "eventsPerSecond", "traceHash", "protocol")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("seed").asLong()).isEqualTo(3);
        assertThat(json.get("nodes").asInt()).isEqualTo(200);
        assertThat(json.get("protocol").get("duplicateRatio").asDouble()).isPositive();
        assertThat(dir.resolve("summary.json")).exists();
        assertThat(Files.readString(dir.resolve("histograms.csv"))).contains("gossip.latencyMicros,");
        assertThat(Files.readString(dir.resolve("counters.csv"))).startsWith("name,value");
        assertThat(Files.readAllLines(dir.resolve("series.csv")).size()).isGreaterThan(2);
    }

    @Test
    void setOverridesAKeyOfTheFileForThisRun() throws Exception {
        int code = run(scenario("gossip-small.yaml").toString(), "--json", "--set", "nodes=50", "--set",
                "durationSeconds=2");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("nodes").asInt()).isEqualTo(50);
        assertThat(json.get("simulatedSeconds").asDouble()).isLessThanOrEqualTo(2.0);
    }

    @Test
    void aBadSetIsRefusedWithCodeTwoNamingIt() throws Exception {
        assertThat(run(scenario("gossip-small.yaml").toString(), "--set", "nodes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--set expects KEY=VALUE");
        err.reset();
        assertThat(run(scenario("gossip-small.yaml").toString(), "--set", "nodes=lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nodes").contains("(with nodes=lots)");
    }

    @Test
    void badScenarioExitsWithCodeTwoAndNamesTheFileAndKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "nodes: 5\ndurationSeconds: 1\nspeed: 3\nprotocol: {name: gossip, degree: 2}\n");
        assertThat(run(bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml").contains("'speed'");
    }

    @Test
    void outDrawsAChartBesideTheSeriesCsvAndNoneForAbsentCsvs() throws Exception {
        int code = run(scenario("gossip-small.yaml").toString(), "--out", dir.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        byte[] png = Files.readAllBytes(dir.resolve("series.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("series.png").toFile());
        assertThat(img.getWidth()).isGreaterThan(400);
        assertThat(dir.resolve("epochs.png")).doesNotExist();
        assertThat(dir.resolve("reticulum-epochs.png")).doesNotExist();
    }

    @Test
    void simIsASubcommandOfSpindle() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("sim");
    }
}

package org.spindle.cli.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spindle.cli.Main;
import picocli.CommandLine;

/** Runs {@code spindle sizing ...} in-process and checks what a user would see. */
class SizingCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object: " + out, e);
            }
        }
    }

    static Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run sizing(String line) {
        return run(("sizing " + line).split(" "));
    }

    /** Every bad-input rule: exit code 2 and a message that names the flag. */
    @ParameterizedTest(name = "{0} -> names {1}")
    @CsvSource(delimiter = '|', value = {
        "tail --population 10 --marked 3 --sample 11 --at-least 2 | --sample",
        "tail --population 10 --marked 11 --sample 5 --at-least 2 | --marked",
        "tail --marked 3 --sample 5 --at-least 2 | --population",
        "tail --binomial 1.0 --sample 5 --at-least 2 | --binomial",
        "tail --binomial -0.1 --sample 5 --at-least 2 | --binomial",
        "tail --population 10 --marked 3 --sample 5 --at-least -1 | --at-least",
        "baseline --nodes 5000 --adversary 1.2 --target 1e-7 | --adversary",
        "baseline --nodes 5000 --adversary 0.3 --target 1 | --target",
        "baseline --nodes 5000 --adversary 0.3 --target 0 | --target",
        "baseline --nodes 5000 --adversary 0.3 --target 1e-7 --model async | --model",
        "baseline --nodes 0 --adversary 0.3 --target 1e-7 | --nodes",
        "reticulum --nodes 5000 --adversary 0.33 --target 2 | --target",
        "reticulum --nodes 5000 --adversary 1 --target 1e-7 | --adversary",
        "reticulum --nodes 100 --adversary 0.33 --target 1e-7 | --nodes",
        "reticulum --table 3 | --table",
        "reticulum --tau --process-shard-size 15 --success-rate 1.0 | --success-rate",
        "reticulum --tau --success-rate 0.9 | --process-shard-size",
        "reticulum --throughput --success-rate 1.5 | --success-rate",
        "reticulum --throughput --process-shard-size 400 | --control-shard-size",
        "reticulum --table 1 --tau | --tau",
        "spiralshard --nodes 800 --shard-size 900 --group-size 1 --malicious 0.25 --byzantine 0.1 | --shard-size",
        "spiralshard --nodes 800 --shard-size 100 --group-size 9 --malicious 0.25 --byzantine 0.1 | --group-size",
        "spiralshard --nodes 800 --shard-size 100 --group-size 4 --malicious 0.25 --byzantine 0.3 | --byzantine",
        "spiralshard --nodes 800 --shard-size 100 --group-size 4 --malicious 1.0 --byzantine 0.1 | --malicious",
        "spiralshard --nodes 800 --shard-size 100 --group-size 4 --malicious 0.25 --byzantine 0.1 --target 1 | --target",
        "gearbox --nodes 5000 --adversary 0.2 --runs 0 --seed 1 | --runs",
        "gearbox --nodes 5000 --adversary -0.2 --runs 10 --seed 1 | --adversary",
        "gearbox --nodes 100 --adversary 0.2 --runs 10 --seed 1 | --nodes",
    })
    void badInputExitsWithUsageErrorNamingTheFlag(String line, String flag) {
        Run r = sizing(line.strip());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).contains(flag);
    }

    @Nested
    class Tail {
        @Test
        void hypergeometricTailPrintsAReadableTable() {
            Run r = sizing("tail --population 5000 --marked 1650 --sample 277 --at-least 139");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("hypergeometric").contains("probability");
        }

        @Test
        void binomialTailAsJsonMatchesTheSpecTestVector() {
            JsonNode j = sizing("tail --binomial 0.33 --sample 329 --at-least 165 --json").json();
            assertThat(j.get("distribution").asText()).isEqualTo("binomial");
            assertThat(j.get("probability").asDouble()).isCloseTo(9.940e-11, within(0.001e-11));
        }

        @Test
        void exactArithmeticAgreesWithTheFastTailNearTenToTheMinusThirty() {
            JsonNode j = sizing("tail --population 5000 --marked 1650 --sample 700 --at-least 366 --exact --json").json();
            double exact = Double.parseDouble(j.get("exactProbability").asText());
            assertThat(exact).isBetween(1e-31, 1e-29);
            assertThat(Math.abs(j.get("probability").asDouble() - exact) / exact).isLessThan(1e-9);
        }
    }

    @Nested
    class Baseline {
        @Test
        void synchronousBaselineAsJson() {
            JsonNode j = sizing("baseline --nodes 5000 --adversary 0.33 --model sync --target 1e-9 --json").json();
            assertThat(j.get("shardSize").asLong()).isEqualTo(277);
            assertThat(j.get("binomialShardSize").asLong()).isEqualTo(293);
            assertThat(j.get("shardFailure").asDouble()).isLessThan(1e-9);
        }

        @Test
        void partiallySynchronousBaselineAsTable() {
            Run r = sizing("baseline --nodes 5000 --adversary 0.25 --model psync --target 1e-7");
            assertThat(r.code()).isZero();
            assertThat(r.out()).containsPattern("shardSize\\s+664");
        }
    }

    @Nested
    class Reticulum {
        @Test
        void algorithmFourAsJsonHasTheDocumentedFields() {
            JsonNode j = sizing("reticulum --nodes 5000 --adversary 0.33 --target 1e-7 --json").json();
            assertThat(j.get("processShardSize").asInt()).isEqualTo(21);
            assertThat(j.get("controlShardSize").asInt()).isEqualTo(329);
            assertThat(j.get("processShards").asLong()).isEqualTo(238);
            assertThat(j.get("controlShards").asLong()).isEqualTo(15);
            assertThat(j.get("failureBound").asDouble()).isLessThan(1e-7);
        }

        @Test
        void tablesArePrintedRecomputed() {
            assertThat(sizing("reticulum --table 1").out()).contains("11&149").contains("15&221").contains("9&41");
            JsonNode j = sizing("reticulum --table 2 --json").json();
            assertThat(j.get("cells").get(2).get(4).asText()).isEqualTo("23&367");
            assertThat(j.get("columns").size()).isEqualTo(5);
        }

        @Test
        void tauForATargetSuccessRate() {
            JsonNode j = sizing("reticulum --tau --process-shard-size 15 --success-rate 0.7 --json").json();
            assertThat(j.get("tau").asLong()).isEqualTo(47);
            assertThat(sizing("reticulum --tau --process-shard-size 15 --success-rate 0.9").out()).containsPattern("tau\\s+140");
        }

        @Test
        void throughputPrintsTheFigureFiveRows() {
            Run table = sizing("reticulum --throughput");
            assertThat(table.out()).contains("1980.58").contains("7077.65").contains("952.7089");
            JsonNode j = sizing("reticulum --throughput --success-rate 0.5,0.95 --json").json();
            assertThat(j.get("rows").size()).isEqualTo(2);
            assertThat(j.get("rows").get(0).get("txPerSecondOverall").asDouble()).isCloseTo(1980.58, within(0.005));
            assertThat(j.get("derived").get("uploadKbPerSecond").asDouble()).isCloseTo(952.7089, within(0.0001));
            assertThat(j.get("form").asText()).isEqualTo("NOTEBOOK");
        }
    }

    @Nested
    class SpiralShard {
        @Test
        void boundsAsJsonHaveTheDocumentedFields() {
            JsonNode j = sizing("spiralshard --nodes 3000 --shard-size 100 --group-size 6 --malicious 0.25 --byzantine 0.125 --json").json();
            for (String field : new String[] {"case1", "case2", "case3", "groupBound", "systemBound", "meetsTarget"}) {
                assertThat(j.has(field)).as(field).isTrue();
            }
            assertThat(j.get("systemBound").asDouble()).isCloseTo(1.17e-6, within(0.005e-6));
            assertThat(j.get("meetsTarget").asBoolean()).isTrue();
        }

        @Test
        void searchFindsAConfigurationMeetingTheBound() {
            JsonNode j = sizing("spiralshard --nodes 3000 --malicious 0.25 --byzantine 0.125 --search --json").json();
            assertThat(j.get("found").asBoolean()).isTrue();
            assertThat(j.get("shards").asLong()).isGreaterThanOrEqualTo(30);
            assertThat(j.get("systemBound").asDouble()).isLessThan(Math.pow(2, -17));
        }
    }

    @Nested
    class GearBox {
        @Test
        void gearSizesAndSettlingAsJson() {
            JsonNode j = sizing("gearbox --nodes 5000 --adversary 0.1 --runs 20 --seed 3 --json").json();
            assertThat(j.get("gearSizes").toString()).isEqualTo("[26,39,50,63,293]");
            double total = 0;
            for (JsonNode share : j.get("gearShare")) {
                total += share.asDouble();
            }
            assertThat(total).isCloseTo(1.0, within(1e-9));
            assertThat(j.get("overlap").asDouble()).isGreaterThan(1.0);
        }

        @Test
        void sameSeedGivesTheSameTable() {
            Run a = sizing("gearbox --nodes 5000 --adversary 0.3 --runs 10 --seed 9");
            Run b = sizing("gearbox --nodes 5000 --adversary 0.3 --runs 10 --seed 9");
            assertThat(a.code()).isZero();
            assertThat(a.out()).isEqualTo(b.out()).contains("expected %");
        }
    }
}

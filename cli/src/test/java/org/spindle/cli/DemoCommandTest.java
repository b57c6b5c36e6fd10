package org.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    @Test
    void demoWalksThroughTransfersReceiptsAndASimulationWithEveryCheckPassing() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("demo");
        String text = out.toString();
        assertThat(exit).isZero();
        assertThat(text).contains("rejected: WRONG_CHAIN_ID")
                .contains("receipt for shard")
                .contains("proof against the source header: VALID")
                .contains("replay rejected: RECEIPT_ALREADY_CONSUMED")
                .contains("supply check while in flight: balances + receipts = genesis supply? true")
                .contains("supply check after credit: true")
                .contains("coverage 1.0");
        assertThat(text).doesNotContain("? false").doesNotContain("check after credit: false");
    }
}

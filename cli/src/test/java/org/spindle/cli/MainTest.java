package org.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private record Run(int exit, String out, String err) {}

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
    void helpListsEveryCommandWithOneLine() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Commands:").contains("demo").contains("test").contains("bench");
    }

    @Test
    void versionNamesSpindleAndTheJdkInUse() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("spindle ").contains("JDK " + Runtime.version().feature());
    }

    @Test
    void unknownCommandIsAUsageErrorThatSaysWhatWasWrong() {
        Run r = run("no-such-command");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-command");
    }
}

package org.spindle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Listed so that {@code --help} shows it; the launcher script runs the test suite itself (the Maven
 * wrapper's {@code verify}), because the tests must build the very jar this command lives in.
 */
@Command(name = "test", description = "Run the whole test suite (the Maven wrapper's verify) with the JDK the launcher found.")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Run the test suite through the launcher at the repository root: ./spindle test");
        return 2;
    }
}

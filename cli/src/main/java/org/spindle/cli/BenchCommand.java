package org.spindle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Listed so that {@code --help} shows it; the launcher builds the JMH jar and runs it, since the
 * benchmarks live in their own shaded jar (bench/target/benchmarks.jar).
 */
@Command(name = "bench", description = "Run the JMH benchmarks (signatures, execution, codec); see ./spindle bench --help.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Run the benchmarks through the launcher at the repository root: ./spindle bench");
        return 2;
    }
}

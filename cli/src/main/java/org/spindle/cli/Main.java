package org.spindle.cli;

import org.spindle.cli.node.DevnetCommand;
import org.spindle.cli.node.LoadCommand;
import org.spindle.cli.node.NodeCommand;
import org.spindle.cli.node.TxCommand;
import org.spindle.cli.sim.ChartCommand;
import org.spindle.cli.sim.SimCommand;
import org.spindle.cli.sim.SweepCommand;
import org.spindle.cli.sizing.SizingCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spindle} command line. Each subcommand is one class with one job. */
@Command(
        name = "spindle",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A sharded blockchain and a deterministic simulator for sharding protocols.",
        subcommands = {
            DemoCommand.class,
            SimCommand.class,
            SweepCommand.class,
            ChartCommand.class,
            NodeCommand.class,
            DevnetCommand.class,
            TxCommand.class,
            LoadCommand.class,
            SizingCommand.class,
            BenchCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

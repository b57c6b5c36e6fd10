package org.spindle.cli.sizing;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spindle sizing}: shard sizes and failure probabilities for every protocol Spindle runs. */
@Command(
        name = "sizing",
        mixinStandardHelpOptions = true,
        description = "Shard sizing and failure probabilities (baseline, Reticulum, SpiralShard, GearBox).",
        subcommands = {
            TailCommand.class,
            BaselineCommand.class,
            ReticulumCommand.class,
            SpiralShardCommand.class,
            GearBoxCommand.class,
        })
public final class SizingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

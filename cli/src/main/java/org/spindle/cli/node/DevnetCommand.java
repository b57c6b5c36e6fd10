package org.spindle.cli.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.spindle.core.ledger.ShardMath;
import org.spindle.node.api.ApiClient;
import org.spindle.node.config.NodeFileException;
import org.spindle.node.config.NodeSetup;
import org.spindle.node.devnet.DevnetLayout;
import org.spindle.node.devnet.InProcessDevnet;
import org.spindle.node.ledger.DevnetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle devnet}: a local sharded network in one command. Generates keys, a genesis with
 * funded accounts and one config per node (free loopback ports) in {@code --dir}, starts the nodes
 * as child processes (or in this JVM with {@code --in-process}), waits until every node has
 * committed a block, prints the APIs and the funded keys, and runs until Ctrl-C. The directory
 * stays; running the command again on it resumes the same network from its stored blocks.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true,
        description = "Start a local sharded network (keys, genesis, nodes, APIs) until Ctrl-C; DIR keeps it for a restart.",
        footer = {"", "Environment: SPINDLE_NODE_JAVA_OPTS adds JVM options to every node process, after the defaults"
                + " (-Xmx1g -Xmn256m -XX:MaxTenuringThreshold=1 -XX:+UseSerialGC), so they can be overridden."})
public final class DevnetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shards", defaultValue = "2", description = "Shards (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--nodes-per-shard", defaultValue = "4", description = "Validators per shard (default: ${DEFAULT-VALUE}).")
    int nodesPerShard;

    @Option(names = "--accounts", defaultValue = "16", description = "Funded accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--protocol", defaultValue = "baseline", description = "Sharding protocol; only baseline runs on real nodes (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--dir", defaultValue = "devnet-data", paramLabel = "DIR",
            description = "Where configs, keys and data live; an existing devnet there is resumed (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "devnet", description = "Text every key derives from (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--chain-id", defaultValue = "1337", description = "EIP-155 chain id (default: ${DEFAULT-VALUE}).")
    long chainId;

    @Option(names = "--tx-per-block", defaultValue = "2000", description = "Transactions per block at most (default: ${DEFAULT-VALUE}).")
    int txPerBlock;

    @Option(names = "--in-process", description = "Host every node in this JVM instead of one child process each.")
    boolean inProcess;

    @Option(names = "--no-sync-writes", description = "Do not fsync each stored block (faster; a machine crash may lose the last blocks).")
    boolean noSyncWrites;

    @Option(names = "--run-for", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop by itself after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    int runForSeconds;

    @Option(names = "--start-timeout", defaultValue = "90", paramLabel = "SECONDS",
            description = "How long to wait for every node's first commit (default: ${DEFAULT-VALUE}).")
    int startTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!protocol.equals("baseline")) {
            err.println("spindle devnet: only --protocol baseline runs on real nodes so far, got " + protocol);
            err.flush();
            return 2;
        }
        DevnetLayout layout;
        DevnetSpec devnet;
        try {
            if (DevnetLayout.exists(dir)) {
                layout = DevnetLayout.open(dir);
                out.println("resuming the devnet in " + dir + " (its own shard and node counts apply)");
            } else {
                layout = DevnetLayout.generate(dir, new DevnetSpec(chainId, shards, nodesPerShard, accounts, seed, 500,
                        txPerBlock), !noSyncWrites);
                out.println("generated a devnet in " + dir);
            }
            List<NodeSetup> setups = layout.load();
            devnet = setups.get(0).api().orElseThrow(() -> new NodeFileException(dir + "/node-0.yaml has no api section"))
                    .ledger();
        } catch (IllegalArgumentException | NodeFileException e) {
            err.println("spindle devnet: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.flush();
        List<DevnetLayout.Api> apis = DevnetLayout.apis(dir);
        Runnable stop;
        List<Process> children = new ArrayList<>();
        if (inProcess) {
            InProcessDevnet net = InProcessDevnet.start(layout);
            stop = net::close;
        } else {
            for (int i = 0; i < layout.nodeFiles().size(); i++) {
                children.add(spawn(layout.nodeFiles().get(i), dir.resolve("node-" + i + ".log")));
            }
            stop = () -> stopChildren(children);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            out.println("devnet stopped; its data stays in " + dir + " (run the same command to resume)");
            out.flush();
            stopped.countDown();
        }, "spindle-devnet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!awaitFirstCommits(apis, children, err)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            return 1;
        }
        printSummary(out, devnet, apis);
        long every = runForSeconds > 0 ? TimeUnit.SECONDS.toMillis(runForSeconds) : Long.MAX_VALUE;
        if (!stopped.await(every, TimeUnit.MILLISECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
        return 0;
    }

    private boolean awaitFirstCommits(List<DevnetLayout.Api> apis, List<Process> children, PrintWriter err)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startTimeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < children.size(); i++) {
                if (!children.get(i).isAlive()) {
                    err.println("spindle devnet: node " + i + " exited with status " + children.get(i).exitValue()
                            + "; see " + dir.resolve("node-" + i + ".log"));
                    err.flush();
                    return false;
                }
            }
            if (apis.stream().allMatch(a -> height(a.url()) >= 1)) {
                return true;
            }
            Thread.sleep(250);
        }
        List<Integer> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < apis.size(); i++) {
            if (height(apis.get(i).url()) < 1) {
                waiting.add(i);
            }
        }
        err.println("spindle devnet: not every node committed a block within " + startTimeoutSeconds + " s (still waiting"
                + " for node " + waiting.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + "; see " + dir.resolve("node-<i>.log") + "); a node resuming a long chain replays its stored blocks"
                + " before it answers: give it more time with --start-timeout");
        err.flush();
        return false;
    }

    private void printSummary(PrintWriter out, DevnetSpec devnet, List<DevnetLayout.Api> apis) {
        out.printf("devnet up: %d shards x %d nodes, chain id %d, data in %s%n", devnet.shards(),
                devnet.nodesPerShard(), devnet.chainId(), dir);
        out.println("node  shard  api                         metrics");
        for (DevnetLayout.Api a : apis) {
            out.printf("%-5d %-6d %-27s %s/metrics%n", a.node(), a.shard(), a.url(), a.url());
        }
        out.println("funded accounts (1,000,000 ETH each; devnet keys: public by construction, never use them elsewhere):");
        for (int j = 0; j < devnet.accounts(); j++) {
            var a = devnet.account(j);
            out.printf("  shard %d  %s  private key %s%n", ShardMath.shardOf(a, devnet.shards()), a.toHex(),
                    devnet.accountKeys(j).privateKey().bytes().toHex());
        }
        if (devnet.accounts() > 1) {
            out.println("try:");
            out.printf("  ./spindle tx send --dir %s --from-key %s --to %s --value 1000 --wait%n", dir,
                    devnet.accountKeys(0).privateKey().bytes().toHex(), devnet.account(1).toHex());
            out.printf("  ./spindle load --dir %s --rate 200 --duration 20%n", dir);
        }
        out.println("Ctrl-C stops the devnet.");
        out.flush();
    }

    private static long height(String url) {
        try {
            ApiClient.Reply r = new ApiClient(url).status();
            return r.ok() ? r.body().get("height").asLong() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Environment variable with extra JVM options for each node process (e.g. {@code -Xmn512m}). */
    static final String NODE_JAVA_OPTS = "SPINDLE_NODE_JAVA_OPTS";

    private static Process spawn(Path config, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Serial GC: several node JVMs share a few cores, where G1's concurrent threads only add overhead.
        // Young collections: recovering a sender allocates tens of kB of short-lived field elements, so
        // a small young generation fills every few hundred transactions; and a collection costs what it
        // copies, which by default includes the long-lived caches (recovered and final transactions),
        // aged up to 15 times in the survivor spaces. A larger young generation and promotion after
        // one survived collection copy each long-lived object about once.
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-Xmn256m", "-XX:MaxTenuringThreshold=1",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        // Options after the defaults win, so a user can resize or change the collector per devnet.
        String extra = System.getenv(NODE_JAVA_OPTS);
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.spindle.cli.Main", "node", "--config", config.toString(), "--status-every", "10"));
        Files.deleteIfExists(log);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stopChildren(List<Process> children) {
        for (Process p : children) {
            p.destroy();
        }
        for (Process p : children) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.spindle.cli.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.spindle.node.Node;
import org.spindle.node.api.NodeApi;
import org.spindle.node.config.NodeFile;
import org.spindle.node.config.NodeFileException;
import org.spindle.node.config.NodeSetup;
import org.spindle.node.discovery.Bootnode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle node --config FILE}: runs one real node (and, if its config says so, the bootnode)
 * until Ctrl-C, printing where it listens and a status line now and then.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one node (gossip, BFT or the baseline sharded ledger) from a YAML/JSON config until Ctrl-C.")
public final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "10",
            description = "Print a status line this often; 0 for never (default: ${DEFAULT-VALUE}).")
    int statusSeconds;

    @Option(names = "--run-for", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop by itself after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    int runForSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeSetup setup;
        try {
            setup = NodeFile.load(config);
        } catch (NodeFileException e) {
            err.println("spindle node: " + e.getMessage());
            err.flush();
            return 2;
        }
        Bootnode bootnode = null;
        if (setup.serveBootnode().isPresent()) {
            var at = setup.serveBootnode().get();
            bootnode = Bootnode.start(at.getHostString(), at.getPort());
            out.printf("bootnode listening on %s:%d%n", at.getHostString(), bootnode.address().getPort());
        }
        Node node;
        try {
            node = Node.start(setup.config(), setup.wire(), setup.factory());
        } catch (RuntimeException e) {
            if (bootnode != null) {
                bootnode.close();
            }
            err.println("spindle node: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.printf("node %s (%s) listening on %s:%d, shards %s, bootnode %s, data in %s%n", node.id(),
                setup.protocol(), node.record().host(), node.record().port(), node.record().shards(),
                setup.config().bootnode(), setup.config().dataDir());
        NodeApi api = null;
        if (setup.api().isPresent()) {
            var a = setup.api().get();
            try {
                api = NodeApi.start(node, a.ledger().chainId(), a.ledger().shards(), a.host(), a.port());
            } catch (RuntimeException e) {
                node.close();
                if (bootnode != null) {
                    bootnode.close();
                }
                err.println("spindle node: cannot serve the API on " + a.host() + ":" + a.port() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            out.printf("node %s API on http://%s:%d (metrics at /metrics)%n", node.id(), a.host(), api.port());
        }
        out.flush();
        NodeApi hostedApi = api;
        CountDownLatch stopped = new CountDownLatch(1);
        Bootnode hostedBootnode = bootnode;
        // The hook reports the stop itself: on Ctrl-C the JVM halts as soon as hooks finish.
        Thread hook = new Thread(() -> {
            if (hostedApi != null) {
                hostedApi.close();
            }
            node.close();
            if (hostedBootnode != null) {
                hostedBootnode.close();
            }
            out.println(status(node, setup.protocol()));
            out.println("node " + node.id() + " stopped");
            out.flush();
            stopped.countDown();
        }, "spindle-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        long every = statusSeconds > 0 ? TimeUnit.SECONDS.toMillis(statusSeconds) : Long.MAX_VALUE;
        while (true) {
            long waitMillis = every;
            if (runForSeconds > 0) {
                long left = TimeUnit.SECONDS.toMillis(runForSeconds) - (System.nanoTime() - started) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                waitMillis = Math.min(waitMillis, left);
            }
            if (stopped.await(waitMillis, TimeUnit.MILLISECONDS)) {
                break;
            }
            if (waitMillis == every) {
                out.println(status(node, setup.protocol()));
                out.flush();
            }
        }
        if (stopped.getCount() > 0) {
            // Stopped by --run-for rather than Ctrl-C: shut down here, and drop the hook.
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
        return 0;
    }

    static String status(Node node, String protocol) {
        var m = node.metrics();
        String work = protocol.equals("bft") || protocol.equals("baseline")
                ? "commits=" + m.count("bft.commits") + " viewChanges=" + m.count("bft.viewChanges")
                        + (protocol.equals("baseline") ? " txFinal=" + m.count("ledger.txFinal") : "")
                : "published=" + m.count("gossip.published") + " delivered=" + m.count("gossip.delivered")
                        + " duplicates=" + m.count("gossip.duplicates");
        return "status " + node.id() + ": peers=" + node.connectedPeers() + " " + work + " badFrames="
                + m.count("net.badFrames") + " handshakesRejected=" + m.count("net.handshake.rejected");
    }
}

package org.spindle.node.devnet;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.node.Node;
import org.spindle.node.api.NodeApi;
import org.spindle.node.config.NodeFileException;
import org.spindle.node.config.NodeSetup;
import org.spindle.node.discovery.Bootnode;

/**
 * Every node of a devnet in this JVM: the bootnode, the nodes and their APIs, from the files of a
 * {@link DevnetLayout}. Nodes can be stopped and started again one by one (as a crash and restart
 * on the same data directory would).
 */
public final class InProcessDevnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessDevnet.class);

    private final List<NodeSetup> setups;
    private final Bootnode bootnode;
    private final Node[] nodes;
    private final NodeApi[] apis;

    private InProcessDevnet(List<NodeSetup> setups) throws InterruptedException {
        this.setups = setups;
        this.nodes = new Node[setups.size()];
        this.apis = new NodeApi[setups.size()];
        var at = setups.stream().flatMap(s -> s.serveBootnode().stream()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node of the devnet hosts the bootnode"));
        this.bootnode = Bootnode.start(at.getHostString(), at.getPort());
        try {
            for (int i = 0; i < setups.size(); i++) {
                start(i);
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    public static InProcessDevnet start(DevnetLayout layout) throws NodeFileException, InterruptedException {
        return new InProcessDevnet(layout.load());
    }

    public int size() {
        return nodes.length;
    }

    public Node node(int i) {
        return nodes[i];
    }

    public boolean running(int i) {
        return nodes[i] != null;
    }

    /** The API port of node {@code i} (running). */
    public int apiPort(int i) {
        return apis[i].port();
    }

    /** Starts node {@code i} (again) on its data directory. */
    public void start(int i) throws InterruptedException {
        if (nodes[i] != null) {
            throw new IllegalStateException("node " + i + " is running");
        }
        NodeSetup s = setups.get(i);
        Node n = Node.start(s.config(), s.wire(), s.factory());
        nodes[i] = n;
        var api = s.api().orElseThrow(() -> new IllegalArgumentException("node " + i + " has no api section"));
        apis[i] = NodeApi.start(n, api.ledger().chainId(), api.ledger().shards(), api.host(), api.port());
    }

    /** Stops node {@code i} at once, as a crash would (its storage keeps what it wrote). */
    public void stop(int i) {
        if (apis[i] != null) {
            apis[i].close();
            apis[i] = null;
        }
        if (nodes[i] != null) {
            nodes[i].close();
            nodes[i] = null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < nodes.length; i++) {
            try {
                stop(i);
            } catch (RuntimeException e) {
                LOG.warn("stopping node {} failed", i, e);
            }
        }
        if (bootnode != null) {
            bootnode.close();
        }
    }
}

package org.spindle.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.node.discovery.Bootnode;
import org.spindle.node.net.NetConfig;
import org.spindle.node.net.Wire;
import org.spindle.protocol.runtime.ProtocolFactory;

/**
 * A bootnode and nodes on loopback for tests, each node with its own data directory under one
 * temporary root. Closing it stops every node and the bootnode and deletes the directories.
 */
public final class LocalNetwork implements AutoCloseable {
    public static final NetConfig FAST_NET = new NetConfig(16 << 20, 3, 3_000, 20, 300, 4096, 64 << 20);

    private final Path root;
    private final Bootnode bootnode;
    private final List<Node> nodes = new ArrayList<>();

    public LocalNetwork() throws IOException, InterruptedException {
        root = Files.createTempDirectory("spindle-node-test");
        bootnode = Bootnode.start("127.0.0.1", 0);
    }

    public static Bytes keySeed(int index) {
        return Hashing.sha256(Bytes.wrap(("test-node-" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .bytes();
    }

    public NodeConfig config(int index, List<Integer> shards) {
        return new NodeConfig(index, keySeed(index), "127.0.0.1", 0, shards, bootnode.address(),
                root.resolve("node-" + index), FAST_NET, 100, false, OptionalLong.of(index));
    }

    public Node start(NodeConfig config, Wire wire, ProtocolFactory factory) throws InterruptedException {
        Node n = Node.start(config, wire, factory);
        nodes.add(n);
        return n;
    }

    public Bootnode bootnode() {
        return bootnode;
    }

    /** Waits until each node is linked to each other node of the list. */
    public static void awaitFullMesh(List<Node> group, Duration timeout) throws InterruptedException {
        Await.until(timeout, "every node is connected to every other", () -> group.stream()
                .allMatch(n -> n.connectedPeers().size() >= group.size() - 1));
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.close();
        }
        bootnode.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

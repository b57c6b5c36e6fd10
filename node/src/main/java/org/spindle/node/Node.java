package org.spindle.node;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.discovery.BootnodeClient;
import org.spindle.node.discovery.Discovery;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.node.discovery.NodeRecord;
import org.spindle.node.net.PeerTransport;
import org.spindle.node.net.Wire;
import org.spindle.node.runtime.DaemonThreads;
import org.spindle.node.runtime.LoopContext;
import org.spindle.node.runtime.NodeCrypto;
import org.spindle.node.runtime.NodeMetrics;
import org.spindle.node.runtime.VerifierPool;
import org.spindle.node.storage.RocksStorage;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.ProtocolFactory;

/**
 * One real node: the wiring of a protocol to its event loop ({@link LoopContext}), the authenticated
 * TCP transport, discovery through a bootnode and RocksDB storage. Threads: one protocol loop, one
 * Netty I/O thread, two workers for handshake signature checks and bootnode requests, and one
 * verifier for the signature work of inbound messages the protocol prepares off its loop.
 *
 * <p>Each start publishes a record with a sequence number one above the last one this data
 * directory published, so peers prefer it over the record of the previous run.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final Bytes SEQUENCE_KEY = Bytes.wrap("node/recordSequence".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    private static final int MAX_INBOUND = 100_000;
    private static final long MAX_INBOUND_BYTES = 256L << 20;

    private final NodeConfig config;
    private final NodeId id;
    private final SignatureScheme.KeyPair keys;
    private final NodeMetrics metrics;
    private final NodeDirectory directory = new NodeDirectory();
    private final RocksStorage storage;
    private final ScheduledThreadPoolExecutor loop;
    private final ScheduledThreadPoolExecutor workers;
    /** Signature work on inbound messages ({@link org.spindle.node.runtime.OffLoopWork}), off the loop. */
    private final VerifierPool verifiers;
    private final LoopContext context;
    private final PeerTransport transport;
    private final NodeRecord record;
    private final Discovery discovery;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Node(NodeConfig config, Wire wire, ProtocolFactory factory) throws InterruptedException {
        this.config = config;
        this.id = NodeId.of(config.index());
        this.keys = Ed25519.INSTANCE.keyPair(config.keySeed());
        this.storage = RocksStorage.open(config.dataDir().resolve("db"), config.syncWrites());
        String loopName = "node-" + config.index() + "-loop";
        this.loop = threads(loopName, 1);
        this.workers = threads("node-" + config.index() + "-worker", 2);
        // As many threads as cores: LoopContext hands prepared messages to the loop in arrival order anyway.
        this.verifiers = new VerifierPool("node-" + config.index() + "-verify",
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        LoopContext ctx = null;
        PeerTransport net = null;
        try {
            long startNanos = System.nanoTime();
            this.metrics = new NodeMetrics(() -> (System.nanoTime() - startNanos) / 1_000);
            long seed = config.randomSeed().orElseGet(() -> new SecureRandom().nextLong());
            ctx = new LoopContext(id, loop, new LoopContext.Outbound() {
                @Override
                public void send(NodeId to, org.spindle.protocol.runtime.Message m) {
                    transport.send(to, m);
                }

                @Override
                public void multicast(java.util.Collection<NodeId> to, org.spindle.protocol.runtime.Message m) {
                    transport.multicast(to, m);
                }
            }, new SplittableRandom(seed),
                    new NodeCrypto(keys, directory, metrics, () -> Thread.currentThread().getName().equals(loopName)), storage,
                    metrics, MAX_INBOUND, MAX_INBOUND_BYTES);
            ctx.preparers(verifiers.urgent(), verifiers.bulk());
            LoopContext deliverTo = ctx;
            Discovery[] later = new Discovery[1]; // the transport asks discovery to refresh; discovery needs the port
            net = new PeerTransport(config.net(), keys, id, config.shards(), directory, wire, deliverTo::deliver,
                    metrics, workers, () -> {
                        if (later[0] != null) {
                            later[0].refreshSoon();
                        }
                    }, "node-" + config.index());
            int port = net.listen(config.host(), config.port());
            this.record = NodeRecord.signed(keys, config.index(), config.host(), port, config.shards(),
                    nextSequence());
            directory.offer(record);
            PeerTransport t = net;
            this.discovery = new Discovery(new BootnodeClient(config.bootnode(), 2_000), record, directory,
                    t::peerUpdated, workers, config.refreshMillis(), metrics);
            later[0] = discovery;
        } catch (RuntimeException | InterruptedException e) {
            if (net != null) {
                net.close();
            }
            loop.shutdownNow();
            workers.shutdownNow();
            verifiers.close();
            storage.close();
            throw e;
        }
        this.context = ctx;
        this.transport = net;
        LOG.info("node {} listening on {}:{} for shards {} (record sequence {})", id, config.host(), record.port(),
                config.shards(), record.sequence());
        discovery.start();
        context.start(factory);
    }

    /**
     * Starts a node running the protocol {@code factory} makes, whose messages {@code wire} carries.
     * Returns once it listens; peers are found and connected in the background.
     */
    public static Node start(NodeConfig config, Wire wire, ProtocolFactory factory) throws InterruptedException {
        return new Node(config, wire, factory);
    }

    public NodeId id() {
        return id;
    }

    public NodeRecord record() {
        return record;
    }

    public InetSocketAddress listenAddress() {
        return new InetSocketAddress(record.host(), record.port());
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public NodeDirectory directory() {
        return directory;
    }

    public Set<NodeId> connectedPeers() {
        return transport.connected();
    }

    public boolean registered() {
        return discovery.registered();
    }

    /** Runs {@code f} on the node's loop against its protocol and waits for the answer. */
    public <T> T inspect(Function<Protocol, T> f) throws InterruptedException, TimeoutException {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> f.apply(context.protocol()), loop);
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("inspecting node " + id + " failed", e.getCause());
        }
    }

    /**
     * Stops the node: discovery, then the network (no more messages in), then the protocol loop
     * (letting a running handler finish), then storage. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        discovery.stop();
        transport.close();
        verifiers.close();
        loop.shutdownNow();
        workers.shutdownNow();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("node {}: the protocol loop did not stop within 5 s", id);
            }
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.close();
        LOG.info("node {} stopped", id);
    }

    private long nextSequence() {
        long next = storage.get(SEQUENCE_KEY).map(b -> new Decoder(b).varint() + 1).orElse(1L);
        storage.put(SEQUENCE_KEY, new Encoder(10).varint(next).toBytes());
        return next;
    }

    private static ScheduledThreadPoolExecutor threads(String name, int threads) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, DaemonThreads.named(name));
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }
}

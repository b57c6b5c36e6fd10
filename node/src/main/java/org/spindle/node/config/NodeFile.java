package org.spindle.node.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.node.NodeConfig;
import org.spindle.node.ProtocolWires;
import org.spindle.node.ledger.DevnetSpec;
import org.spindle.node.ledger.LedgerHost;
import org.spindle.node.net.Wire;
import org.spindle.node.net.NetConfig;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.Publication;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.runtime.Time;

/**
 * Reads a node config file (YAML, or JSON, which is YAML too). Every problem is a
 * {@link NodeFileException} naming the key. Relative {@code dataDir}s are resolved against the
 * file's directory, so a config and its data travel together. Keys:
 *
 * <pre>
 * index: 0                      # this node's index in the network
 * keySeed: "0x…"                # 32-byte hex secret of its Ed25519 key
 * host: 127.0.0.1               # listen and advertise address (default 127.0.0.1)
 * port: 0                       # 0 picks a free port (default)
 * shards: [0]                   # shards served (default [0])
 * bootnode: 127.0.0.1:30300     # host:port of the bootnode
 * serveBootnode: false          # also host the bootnode at that address in this process
 * dataDir: data/node-0          # RocksDB directory
 * refreshMs: 1000               # how often peer records are fetched
 * syncWrites: true              # fsync each storage write
 * maxFrameBytes: 16777216
 * protocol:
 *   name: bft                   # or gossip
 *   members: 4                  # bft: nodes 0..members-1 form one shard
 *   baseTimeoutMs: 1000
 *   txPerBlock: 64              # synthetic payload
 *   txBytes: 128
 *   # gossip: nodes (full mesh of 0..nodes-1), topics, signed, and optionally
 *   # publish: {count, startMs, intervalMs, payloadBytes, topic}
 *   # baseline (the sharded ledger; keys and genesis derive from these, see DevnetSpec):
 *   # shards, nodesPerShard, accounts, seed, chainId, baseTimeoutMs, txPerBlock. A baseline node
 *   # links with every node (cross-shard relays), so its record lists all shards.
 * api: {host: 127.0.0.1, port: 8545}   # baseline only: the HTTP API (port 0: a free one)
 * </pre>
 */
public final class NodeFile {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFile.class);
    private static final int MAX_NODES = 1024;

    private NodeFile() {}

    public static NodeSetup load(Path file) throws NodeFileException {
        String source = file.toString();
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new NodeFileException(source + ": not valid YAML or JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NodeFileException(source + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(source, root, base);
    }

    static NodeSetup parse(String source, JsonNode root, Path base) throws NodeFileException {
        Section s = new Section(source, "", root);
        int index = (int) s.integer("index", 0, MAX_NODES - 1, null);
        Bytes seed = keySeed(s);
        String host = s.text("host", "127.0.0.1");
        int port = (int) s.integer("port", 0, 65535, 0L);
        List<Integer> shards = s.integers("shards", 0, Integer.MAX_VALUE, List.of(0L)).stream()
                .map(Long::intValue).toList();
        if (shards.isEmpty() || shards.stream().distinct().count() != shards.size()) {
            throw s.fail("shards", "must list at least one shard, each once");
        }
        InetSocketAddress bootnode = address(s, "bootnode");
        boolean serveBootnode = s.bool("serveBootnode", false);
        Path dataDir = base.resolve(s.text("dataDir", null));
        long refresh = s.integer("refreshMs", 10, 3_600_000, 1_000L);
        boolean sync = s.bool("syncWrites", true);
        int maxFrame = (int) s.integer("maxFrameBytes", 1024, 256 << 20, (long) NetConfig.defaults().maxFrameBytes());
        Section p = s.section("protocol", true);
        String name = p.text("name", null);
        DevnetSpec ledger = null;
        ProtocolFactory factory = switch (name) {
            case "bft" -> bft(p, index);
            case "gossip" -> gossip(p, index);
            case "baseline" -> {
                ledger = devnet(p, index);
                DevnetSpec spec = ledger;
                yield ctx -> new LedgerHost(ctx, spec);
            }
            default -> throw p.fail("name", "must be bft, gossip or baseline, got '" + name + "'");
        };
        p.finish();
        Optional<NodeSetup.ApiSpec> api = Optional.empty();
        Section a = s.section("api", false);
        if (a != null) {
            if (ledger == null) {
                throw s.fail("api", "only a baseline node serves the HTTP API");
            }
            api = Optional.of(new NodeSetup.ApiSpec(a.text("host", "127.0.0.1"), (int) a.integer("port", 0, 65535, 0L),
                    ledger));
            a.finish();
        }
        s.finish();
        if (ledger != null) {
            shards = IntStream.range(0, ledger.shards()).boxed().toList();
        }
        NodeConfig config = new NodeConfig(index, seed, host, port, shards, bootnode, dataDir,
                NetConfig.defaults().withMaxFrameBytes(maxFrame), refresh, sync, OptionalLong.empty());
        Wire wire = switch (name) {
            case "bft" -> ProtocolWires.BFT;
            case "gossip" -> ProtocolWires.GOSSIP;
            default -> ProtocolWires.LEDGER;
        };
        return new NodeSetup(config, name, wire, factory, serveBootnode ? Optional.of(bootnode) : Optional.empty(),
                api);
    }

    private static Bytes keySeed(Section s) throws NodeFileException {
        String hex = s.text("keySeed", null);
        Bytes b;
        try {
            b = Bytes.fromHex(hex);
        } catch (IllegalArgumentException e) {
            // The value is a secret: the message must not repeat it.
            throw s.fail("keySeed", "must be " + Ed25519.SEED_SIZE + " bytes of hex digits");
        }
        if (b.size() != Ed25519.SEED_SIZE) {
            throw s.fail("keySeed", "must be " + Ed25519.SEED_SIZE + " bytes of hex, got " + b.size());
        }
        return b;
    }

    private static InetSocketAddress address(Section s, String key) throws NodeFileException {
        String v = s.text(key, null);
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw s.fail(key, "must be host:port, got '" + v + "'");
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw s.fail(key, "must end in a port number, got '" + v + "'");
        }
        if (port < 1 || port > 65535) {
            throw s.fail(key, "port must be in 1..65535, got " + port);
        }
        return new InetSocketAddress(v.substring(0, colon), port);
    }

    private static ProtocolFactory bft(Section p, int index) throws NodeFileException {
        int members = (int) p.integer("members", 1, MAX_NODES, null);
        if (index >= members) {
            throw p.fail("members", "is " + members + " but this node's index is " + index);
        }
        long timeout = Time.millis(p.integer("baseTimeoutMs", 1, 600_000, 1_000L));
        int tx = (int) p.integer("txPerBlock", 0, 1 << 20, 64L);
        int txBytes = (int) p.integer("txBytes", 0, 1 << 20, 128L);
        SyntheticPayloads rules;
        try {
            rules = new SyntheticPayloads(tx, txBytes, false);
        } catch (IllegalArgumentException e) {
            throw p.fail("txPerBlock", e.getMessage());
        }
        BftConfig config = BftConfig.standard(IntStream.range(0, members).mapToObj(NodeId::of).toList(), timeout);
        CommitListener log = (node, block, qc, at) -> LOG.info("{} committed block {} {}", node, block.height(),
                block.hash().toString().substring(0, 18));
        return ctx -> new BftNode(ctx, config, rules, log);
    }

    private static DevnetSpec devnet(Section p, int index) throws NodeFileException {
        int shards = (int) p.integer("shards", 1, 64, null);
        int perShard = (int) p.integer("nodesPerShard", 1, 64, null);
        if (index >= shards * perShard) {
            throw p.fail("nodesPerShard", shards + " shards of " + perShard + " nodes have no node " + index);
        }
        int accounts = (int) p.integer("accounts", 0, 100_000, 16L);
        String seed = p.text("seed", "devnet");
        long chainId = p.integer("chainId", 1, Long.MAX_VALUE, 1337L);
        long timeout = p.integer("baseTimeoutMs", 1, 600_000, 500L);
        int txPerBlock = (int) p.integer("txPerBlock", 1, 10_000, 2_000L);
        return new DevnetSpec(chainId, shards, perShard, accounts, seed, timeout, txPerBlock);
    }

    private static ProtocolFactory gossip(Section p, int index) throws NodeFileException {
        int nodes = (int) p.integer("nodes", 1, MAX_NODES, null);
        if (index >= nodes) {
            throw p.fail("nodes", "is " + nodes + " but this node's index is " + index);
        }
        List<String> topics = p.texts("topics", List.of("shard-0"));
        boolean signed = p.bool("signed", true);
        GossipConfig config;
        try {
            config = new GossipConfig(topics, 65_536, signed);
        } catch (IllegalArgumentException e) {
            throw p.fail("topics", e.getMessage());
        }
        List<Publication> publications = new ArrayList<>();
        Section pub = p.section("publish", false);
        if (pub != null) {
            int count = (int) pub.integer("count", 0, 1_000_000, null);
            long start = pub.integer("startMs", 0, 86_400_000, 2_000L);
            long interval = pub.integer("intervalMs", 0, 86_400_000, 100L);
            int bytes = (int) pub.integer("payloadBytes", 0, 1 << 20, 256L);
            String topic = pub.text("topic", topics.isEmpty() ? "shard-0" : topics.get(0));
            pub.finish();
            try {
                for (int i = 0; i < count; i++) {
                    publications.add(new Publication(Time.millis(start + i * interval), topic, bytes));
                }
            } catch (IllegalArgumentException e) {
                throw p.fail("publish.topic", e.getMessage());
            }
        }
        NodeId[] neighbours = IntStream.range(0, nodes).filter(i -> i != index).mapToObj(NodeId::of)
                .toArray(NodeId[]::new);
        return ctx -> new TopicGossip(ctx, neighbours, config, publications);
    }
}

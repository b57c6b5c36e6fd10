package org.spindle.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.node.net.NetConfig;

/**
 * How to run one node.
 *
 * @param index the node's index in the network (its {@link org.spindle.protocol.runtime.NodeId})
 * @param keySeed the 32-byte secret its Ed25519 validator key derives from
 * @param host the address to listen on and advertise
 * @param port the port to listen on; 0 picks a free one
 * @param shards the shards it serves; it links only to peers serving one of them
 * @param bootnode where to register and fetch peer records
 * @param dataDir where its RocksDB lives; reusing it across restarts keeps the protocol's state
 * @param refreshMillis how often peer records are fetched from the bootnode
 * @param syncWrites fsync every storage write (survives a machine crash, not only a process crash)
 * @param randomSeed the protocol's random seed; empty draws one from a secure source
 */
public record NodeConfig(int index, Bytes keySeed, String host, int port, List<Integer> shards,
        InetSocketAddress bootnode, Path dataDir, NetConfig net, long refreshMillis, boolean syncWrites,
        OptionalLong randomSeed) {
    public NodeConfig {
        shards = List.copyOf(shards);
        if (index < 0 || port < 0 || port > 65535 || refreshMillis < 1) {
            throw new IllegalArgumentException("index, port or refreshMillis out of range");
        }
        if (keySeed.size() != Ed25519.SEED_SIZE) {
            throw new IllegalArgumentException("the key seed has " + Ed25519.SEED_SIZE + " bytes, got "
                    + keySeed.size());
        }
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a node serves at least one shard");
        }
    }

    /** A loopback node on a free port with default limits. */
    public static NodeConfig loopback(int index, Bytes keySeed, List<Integer> shards, InetSocketAddress bootnode,
            Path dataDir) {
        return new NodeConfig(index, keySeed, "127.0.0.1", 0, shards, bootnode, dataDir, NetConfig.defaults(), 1_000,
                true, OptionalLong.empty());
    }

    public NodeConfig withRefreshMillis(long millis) {
        return new NodeConfig(index, keySeed, host, port, shards, bootnode, dataDir, net, millis, syncWrites,
                randomSeed);
    }

    public NodeConfig withNet(NetConfig n) {
        return new NodeConfig(index, keySeed, host, port, shards, bootnode, dataDir, n, refreshMillis, syncWrites,
                randomSeed);
    }

    public NodeConfig withSyncWrites(boolean sync) {
        return new NodeConfig(index, keySeed, host, port, shards, bootnode, dataDir, net, refreshMillis, sync,
                randomSeed);
    }
}

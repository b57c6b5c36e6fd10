package org.spindle.node.ledger;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;
import org.spindle.node.NodeConfig;
import org.spindle.node.ProtocolWires;

/** Baseline ledger nodes of a one-shard devnet on a {@link LocalNetwork}, for restart tests. */
final class LedgerNodes {
    private LedgerNodes() {}

    /** Starts (or restarts on its data directory) node {@code i}; returns once the protocol has started. */
    static Node start(LocalNetwork net, DevnetSpec spec, int i) throws InterruptedException {
        NodeConfig base = net.config(i, List.of(0));
        NodeConfig c = new NodeConfig(i, spec.nodeKeySeed(i), "127.0.0.1", 0, List.of(0), base.bootnode(),
                base.dataDir(), LocalNetwork.FAST_NET, 100, false, OptionalLong.of(i));
        Node n = net.start(c, ProtocolWires.LEDGER, ctx -> new LedgerHost(ctx, spec));
        call(n, LedgerHost::nextHeight); // the start (pool reload, replay of stored blocks) has run
        return n;
    }

    /** {@code f} applied to the node's ledger host on its loop. */
    static <T> T call(Node n, Function<LedgerHost, T> f) {
        try {
            return n.inspect(p -> f.apply((LedgerHost) p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

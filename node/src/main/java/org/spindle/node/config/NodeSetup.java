package org.spindle.node.config;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.spindle.node.NodeConfig;
import org.spindle.node.net.Wire;
import org.spindle.protocol.runtime.ProtocolFactory;

/**
 * Everything needed to run one node from a config file: the node's settings, the protocol it runs
 * (by name, its wire families and its factory) and, when the process should also host the bootnode,
 * the address to host it on; for a ledger node, where its HTTP API listens.
 */
public record NodeSetup(NodeConfig config, String protocol, Wire wire, ProtocolFactory factory,
        Optional<InetSocketAddress> serveBootnode, Optional<ApiSpec> api) {
    /** Where a ledger node serves its HTTP API, and what it needs to decode transactions. */
    public record ApiSpec(String host, int port, org.spindle.node.ledger.DevnetSpec ledger) {}

    public NodeSetup(NodeConfig config, String protocol, Wire wire, ProtocolFactory factory,
            Optional<InetSocketAddress> serveBootnode) {
        this(config, protocol, wire, factory, serveBootnode, Optional.empty());
    }
}

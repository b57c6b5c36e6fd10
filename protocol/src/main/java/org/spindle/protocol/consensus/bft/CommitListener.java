package org.spindle.protocol.consensus.bft;

import org.spindle.protocol.runtime.NodeId;

/** Told of every block a node commits, in height order, with the certificate that decided it. */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = (node, block, certificate, at) -> {};

    void committed(NodeId node, Block block, QuorumCertificate certificate, long atMicros);
}

package org.spindle.protocol.runtime;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * Signatures and hashing for one node. {@link #sign} signs as this node; {@link #verify} checks a
 * signature claimed to be by {@code signer}. The simulator charges each call's calibrated cost to
 * the node's simulated core, so protocol code never charges signature work itself.
 */
public interface Crypto {
    Bytes sign(Bytes message);

    /** False for a wrong, malformed or foreign signature; never throws on bad input. */
    boolean verify(NodeId signer, Bytes message, Bytes signature);

    Hash hash(Bytes data);

    /** The size of a signature in bytes, for encoded sizes. */
    int signatureSize();
}

package org.spindle.sim.crypto;

import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;

/** Makes each node's {@link Crypto}; every call charges its calibrated cost to the node's core. */
public interface CryptoModel {
    Crypto forNode(int node, Cpu cpu);
}

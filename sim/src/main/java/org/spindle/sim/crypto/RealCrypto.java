package org.spindle.sim.crypto;

import java.nio.ByteBuffer;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.sim.CpuCosts;

/**
 * Real signatures from any {@link SignatureScheme}. Keys derive from SHA-256(seed, node), so a run
 * is reproducible; they are made on first use. The simulated core is charged the calibrated cost,
 * as in modelled mode, so both modes give the same simulated timing; only the wall time differs.
 */
public final class RealCrypto implements CryptoModel {
    private final SignatureScheme scheme;
    private final long seed;
    private final CpuCosts costs;
    private final SignatureScheme.KeyPair[] keys;

    public RealCrypto(SignatureScheme scheme, int nodes, long seed, CpuCosts costs) {
        this.scheme = scheme;
        this.seed = seed;
        this.costs = costs;
        this.keys = new SignatureScheme.KeyPair[nodes];
    }

    /** The public key of {@code node}, e.g. to write it into a genesis validator list. */
    public SignatureScheme.PublicKey publicKey(int node) {
        return keys(node).publicKey();
    }

    private SignatureScheme.KeyPair keys(int node) {
        SignatureScheme.KeyPair k = keys[node];
        if (k == null) {
            byte[] material = ByteBuffer.allocate(16).putLong(seed).putLong(node).array();
            k = scheme.keyPair(Hashing.sha256(material).bytes());
            keys[node] = k;
        }
        return k;
    }

    @Override
    public Crypto forNode(int node, Cpu cpu) {
        return new Crypto() {
            @Override
            public Bytes sign(Bytes message) {
                cpu.charge(costs.signMicros());
                return scheme.sign(keys(node).privateKey(), message);
            }

            @Override
            public boolean verify(NodeId signer, Bytes message, Bytes signature) {
                cpu.charge(costs.verifyMicros());
                if (signer.index() >= keys.length) {
                    return false;
                }
                return scheme.verify(keys(signer.index()).publicKey(), message, signature);
            }

            @Override
            public Hash hash(Bytes data) {
                cpu.charge(costs.hashMicros());
                return Hashing.sha256(data);
            }

            @Override
            public int signatureSize() {
                return scheme.signatureSize();
            }
        };
    }
}

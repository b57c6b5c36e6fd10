package org.spindle.sim.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.sim.CpuCosts;

/**
 * Signatures that cannot be forged inside the simulation and cost O(1) real time to check, with
 * their real cost charged to the simulated core. Each node has a secret drawn from the run's seed
 * that only this object holds; a signature is (signer index, a 64-bit tag of the secret and a
 * 64-bit hash of the message), padded to the size of an Ed25519 signature so it weighs the same on
 * the modelled network. The message hash is a fast word-wise mix rather than SHA-256: with
 * committees of hundreds every member checks hundreds of votes per block, and hashing each vote's
 * bytes with SHA-256 was a fifth of the simulator's time; without the secret the tag is still out of
 * reach of every simulated node. Protocol code, honest or Byzantine, only reaches a secret through its own
 * node's {@link Crypto#sign}, so it can sign as itself and no one else.
 */
public final class ModelledCrypto implements CryptoModel {
    public static final int SIGNATURE_SIZE = 64;
    private final long[] secrets;
    private final CpuCosts costs;

    public ModelledCrypto(int nodes, long seed, CpuCosts costs) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x6D6F64656C6C6564L);
        secrets = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            secrets[i] = rnd.nextLong();
        }
        this.costs = costs;
    }

    @Override
    public Crypto forNode(int node, Cpu cpu) {
        return new NodeCrypto(node, cpu);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A 64-bit hash of the whole message: each 8-byte word and the tail mixed in, with the length. */
    static long hash64(byte[] m) {
        long h = 0x9E3779B97F4A7C15L ^ m.length;
        int i = 0;
        for (; i + 8 <= m.length; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONGS.get(m, i) * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        long tail = 0;
        for (int shift = 0; i < m.length; i++, shift += 8) {
            tail |= (m[i] & 0xFFL) << shift;
        }
        h = Long.rotateLeft(h ^ (tail * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    private long tag(int signer, Bytes message) {
        long z = secrets[signer] ^ hash64(message.unsafeArray());
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private final class NodeCrypto implements Crypto {
        private final int node;
        private final Cpu cpu;

        NodeCrypto(int node, Cpu cpu) {
            this.node = node;
            this.cpu = cpu;
        }

        @Override
        public Bytes sign(Bytes message) {
            cpu.charge(costs.signMicros());
            return Bytes.wrap(ByteBuffer.allocate(SIGNATURE_SIZE).putInt(node).putLong(tag(node, message)).array());
        }

        @Override
        public boolean verify(NodeId signer, Bytes message, Bytes signature) {
            cpu.charge(costs.verifyMicros());
            if (signature.size() != SIGNATURE_SIZE || signer.index() >= secrets.length) {
                return false;
            }
            ByteBuffer b = ByteBuffer.wrap(signature.unsafeArray());
            if (b.getInt() != signer.index() || b.getLong() != tag(signer.index(), message)) {
                return false;
            }
            while (b.hasRemaining()) {
                if (b.get() != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Hash hash(Bytes data) {
            cpu.charge(costs.hashMicros());
            return Hashing.sha256(data);
        }

        @Override
        public int signatureSize() {
            return SIGNATURE_SIZE;
        }
    }
}

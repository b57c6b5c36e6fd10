package org.spindle.bench;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.Secp256k1Signature;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.crypto.SignatureScheme.PublicKey;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/**
 * Per-core signature throughput, the figures the simulator's CPU model charges: secp256k1 public-key
 * recovery (ours and web3j's reference path), secp256k1 verification, Ed25519 verification, and both
 * signing operations. Inputs rotate over {@link #SET} distinct keys and messages so no result or
 * per-point precomputation can be reused between calls.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SignatureBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
    private static final int SET = 64;

    private final Hash[] hashes = new Hash[SET];
    private final Bytes[] messages = new Bytes[SET];
    private final PublicKey[] secpKeys = new PublicKey[SET];
    private final Secp256k1Signature[] secpSignatures = new Secp256k1Signature[SET];
    private final KeyPair[] secpKeyPairs = new KeyPair[SET];
    private final PublicKey[] edKeys = new PublicKey[SET];
    private final Bytes[] edSignatures = new Bytes[SET];
    private final KeyPair[] edKeyPairs = new KeyPair[SET];
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(20261123L);
        for (int i = 0; i < SET; i++) {
            byte[] seed = new byte[32];
            byte[] message = new byte[120];
            random.nextBytes(seed);
            random.nextBytes(message);
            messages[i] = Bytes.wrap(message);
            hashes[i] = Hashing.keccak256(messages[i]);
            secpKeyPairs[i] = Secp256k1.INSTANCE.keyPair(Bytes.wrap(seed));
            secpKeys[i] = secpKeyPairs[i].publicKey();
            secpSignatures[i] = Secp256k1.INSTANCE.signHash(secpKeyPairs[i].privateKey(), hashes[i]);
            edKeyPairs[i] = Ed25519.INSTANCE.keyPair(Bytes.wrap(seed));
            edKeys[i] = edKeyPairs[i].publicKey();
            edSignatures[i] = Ed25519.INSTANCE.sign(edKeyPairs[i].privateKey(), messages[i]);
            if (!Secp256k1.INSTANCE.verifyHash(secpKeys[i], hashes[i], secpSignatures[i])
                    || !Ed25519.INSTANCE.verify(edKeys[i], messages[i], edSignatures[i])
                    || !Secp256k1.INSTANCE.recoverPublicKey(hashes[i], secpSignatures[i]).orElseThrow().equals(secpKeys[i])) {
                throw new IllegalStateException("benchmark inputs do not verify");
            }
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (SET - 1);
        return i;
    }

    /** Recovery as the transaction decoder does it: one double-scalar multiplication, no n·R check. */
    @Benchmark
    public Object secp256k1Recover() {
        int i = index();
        return Secp256k1.INSTANCE.recoverPublicKey(hashes[i], secpSignatures[i]);
    }

    /** web3j's {@code Sign.recoverFromSignature} (adds an n·R check and JDK modInverse): the reference path. */
    @Benchmark
    public BigInteger secp256k1RecoverWeb3j() {
        int i = index();
        Secp256k1Signature s = secpSignatures[i];
        return Sign.recoverFromSignature(s.recoveryId(), new ECDSASignature(s.r(), s.s()), hashes[i].bytes().unsafeArray());
    }

    @Benchmark
    public boolean secp256k1Verify() {
        int i = index();
        return Secp256k1.INSTANCE.verifyHash(secpKeys[i], hashes[i], secpSignatures[i]);
    }

    @Benchmark
    public boolean ed25519Verify() {
        int i = index();
        return Ed25519.INSTANCE.verify(edKeys[i], messages[i], edSignatures[i]);
    }

    @Benchmark
    public Secp256k1Signature secp256k1Sign() {
        int i = index();
        return Secp256k1.INSTANCE.signHash(secpKeyPairs[i].privateKey(), hashes[i]);
    }

    @Benchmark
    public Bytes ed25519Sign() {
        int i = index();
        return Ed25519.INSTANCE.sign(edKeyPairs[i].privateKey(), messages[i]);
    }
}

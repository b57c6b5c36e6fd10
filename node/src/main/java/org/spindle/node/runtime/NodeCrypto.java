package org.spindle.node.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.node.discovery.NodeRecord;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeId;

/**
 * Real Ed25519 for a protocol: signs with this node's validator key and verifies a signer's
 * signature with the key in that signer's node record. A signer whose record is not (yet) known
 * fails verification, as a forged signature would.
 *
 * <p>Outcomes are remembered (bounded, keyed by public key, message and signature, so a record that
 * changes its key is never vouched for by an old outcome): a verifier thread checks an inbound
 * message's signatures ahead, and the event loop's own check of the same signature is then a lookup.
 * Signatures actually verified are counted in {@code node.signatures.verified}, those of them
 * verified on the loop (work the verifiers missed) in {@code node.signatures.verifiedOnLoop}.
 * What this node signs itself is remembered as valid. Thread-safe.
 */
public final class NodeCrypto implements Crypto {
    private static final int REMEMBERED = 1 << 15;

    private record Claim(Bytes publicKey, Bytes message, Bytes signature) {}

    private final SignatureScheme.KeyPair keys;
    private final NodeDirectory directory;
    private final Cache<Claim, Boolean> outcomes = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    private final BooleanSupplier onLoop;
    private final Metrics.Counter verified;
    private final Metrics.Counter verifiedOnLoop;

    /** {@code onLoop} tells whether the calling thread is the node's event loop. */
    public NodeCrypto(SignatureScheme.KeyPair keys, NodeDirectory directory, Metrics metrics, BooleanSupplier onLoop) {
        this.keys = keys;
        this.directory = directory;
        this.onLoop = onLoop;
        this.verified = metrics.counter("node.signatures.verified");
        this.verifiedOnLoop = metrics.counter("node.signatures.verifiedOnLoop");
    }

    @Override
    public Bytes sign(Bytes message) {
        Bytes signature = Ed25519.INSTANCE.sign(keys.privateKey(), message);
        // A node handles its own votes and proposals like anyone's: no need to verify what it just signed.
        outcomes.put(new Claim(keys.publicKey().bytes(), message, signature), true);
        return signature;
    }

    @Override
    public boolean verify(NodeId signer, Bytes message, Bytes signature) {
        Optional<NodeRecord> record = directory.get(signer);
        if (record.isEmpty()) {
            return false;
        }
        Bytes key = record.get().publicKey();
        return outcomes.get(new Claim(key, message, signature), c -> {
            verified.increment();
            if (onLoop.getAsBoolean()) {
                verifiedOnLoop.increment();
            }
            return Ed25519.INSTANCE.verify(new SignatureScheme.PublicKey(Ed25519.NAME, key), message, signature);
        });
    }

    /** How many outcomes are remembered now (for tests and metrics). */
    public long remembered() {
        outcomes.cleanUp();
        return outcomes.estimatedSize();
    }

    @Override
    public Hash hash(Bytes data) {
        return Hashing.sha256(data);
    }

    @Override
    public int signatureSize() {
        return Ed25519.SIGNATURE_SIZE;
    }
}

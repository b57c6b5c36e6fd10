package org.spindle.node.runtime;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

/**
 * Real Ed25519 for a protocol: signs with this node's validator key and verifies a signer's
 * signature with the key in that signer's node record. A signer whose record is not (yet) known
 * fails verification, as a forged signature would.
 */
public final class NodeCrypto implements Crypto {
    private final SignatureScheme.KeyPair keys;
    private final NodeDirectory directory;

    public NodeCrypto(SignatureScheme.KeyPair keys, NodeDirectory directory) {
        this.keys = keys;
        this.directory = directory;
    }

    @Override
    public Bytes sign(Bytes message) {
        return Ed25519.INSTANCE.sign(keys.privateKey(), message);
    }

    @Override
    public boolean verify(NodeId signer, Bytes message, Bytes signature) {
        return directory.get(signer)
                .map(r -> Ed25519.INSTANCE.verify(new SignatureScheme.PublicKey(Ed25519.NAME, r.publicKey()), message,
                        signature))
                .orElse(false);
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

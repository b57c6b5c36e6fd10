package org.spindle.core.crypto;

import org.spindle.core.bytes.Bytes;

/**
 * One signature algorithm. Ed25519 signs validator messages; secp256k1 (with public-key recovery)
 * signs user transactions, as Ethereum does. Keys are derived from a 32-byte seed so that protocol
 * code and the simulator can create them deterministically; runtimes draw the seed from a secure
 * source.
 */
public interface SignatureScheme {
    /** A short name: {@code ed25519}, {@code secp256k1}. */
    String name();

    /** Derives a key pair from a 32-byte seed. */
    KeyPair keyPair(Bytes seed);

    Bytes sign(PrivateKey key, Bytes message);

    /** False for a signature that does not verify or is malformed; never throws on bad input. */
    boolean verify(PublicKey key, Bytes message, Bytes signature);

    /** The encoded size of a signature, in bytes. */
    int signatureSize();

    record PrivateKey(String scheme, Bytes bytes) {
        @Override
        public String toString() {
            return "PrivateKey[" + scheme + ", redacted]";
        }
    }

    record PublicKey(String scheme, Bytes bytes) {}

    record KeyPair(PrivateKey privateKey, PublicKey publicKey) {}
}

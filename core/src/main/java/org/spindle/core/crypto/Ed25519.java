package org.spindle.core.crypto;

import java.util.Arrays;
import org.spindle.core.bytes.Bytes;

/**
 * Ed25519 (RFC 8032) through Bouncy Castle's low-level implementation, for validator messages.
 *
 * <p>A private key holds the 32-byte seed followed by the 32-byte public key (the layout libsodium
 * uses), so signing does not have to recompute the public key; a bare 32-byte seed is accepted too.
 * Signatures are deterministic, as RFC 8032 defines them.
 */
public final class Ed25519 implements SignatureScheme {
    public static final String NAME = "ed25519";
    public static final Ed25519 INSTANCE = new Ed25519();
    public static final int SEED_SIZE = 32;
    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private Ed25519() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyPair keyPair(Bytes seed) {
        if (seed.size() != SEED_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has " + SEED_SIZE + " bytes, got " + seed.size());
        }
        byte[] publicKey = new byte[PUBLIC_KEY_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed.unsafeArray(), 0, publicKey, 0);
        Bytes pub = Bytes.wrap(publicKey);
        return new KeyPair(new PrivateKey(NAME, seed.concat(pub)), new PublicKey(NAME, pub));
    }

    @Override
    public Bytes sign(PrivateKey key, Bytes message) {
        if (!NAME.equals(key.scheme())) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key);
        }
        byte[] sk = key.bytes().unsafeArray();
        byte[] m = message.unsafeArray();
        byte[] signature = new byte[SIGNATURE_SIZE];
        switch (sk.length) {
            case SEED_SIZE -> org.bouncycastle.math.ec.rfc8032.Ed25519.sign(sk, 0, m, 0, m.length, signature, 0);
            case SEED_SIZE + PUBLIC_KEY_SIZE -> org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
                    sk, 0, sk, SEED_SIZE, m, 0, m.length, signature, 0);
            default -> throw new IllegalArgumentException(
                    "an Ed25519 private key has 32 (seed) or 64 (seed and public key) bytes, got " + sk.length);
        }
        return Bytes.wrap(signature);
    }

    @Override
    public boolean verify(PublicKey key, Bytes message, Bytes signature) {
        if (!NAME.equals(key.scheme())
                || key.bytes().size() != PUBLIC_KEY_SIZE
                || signature.size() != SIGNATURE_SIZE) {
            return false;
        }
        byte[] m = message.unsafeArray();
        // Bouncy Castle returns false for a public key that is not a point and for a non-canonical
        // signature scalar; the sizes checked above are the only inputs it would throw on.
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                signature.unsafeArray(), 0, key.bytes().unsafeArray(), 0, m, 0, m.length);
    }

    @Override
    public int signatureSize() {
        return SIGNATURE_SIZE;
    }

    /** The public key belonging to a private key of this scheme (either layout). */
    public PublicKey publicKey(PrivateKey key) {
        byte[] sk = key.bytes().unsafeArray();
        if (sk.length == SEED_SIZE + PUBLIC_KEY_SIZE) {
            return new PublicKey(NAME, Bytes.wrap(Arrays.copyOfRange(sk, SEED_SIZE, sk.length)));
        }
        return keyPair(key.bytes()).publicKey();
    }
}

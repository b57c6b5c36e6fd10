package org.spindle.sim.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.SignatureScheme;

/**
 * A stand-in {@link SignatureScheme} for tests only: HMAC-SHA256 with the public key equal to the
 * private key. It is not a signature scheme (anyone holding the public key can sign), but it lets
 * real-crypto mode be tested before the Ed25519 implementation lands.
 */
final class HmacTestScheme implements SignatureScheme {
    int verifications;

    @Override
    public String name() {
        return "hmac-test";
    }

    @Override
    public KeyPair keyPair(Bytes seed) {
        return new KeyPair(new PrivateKey(name(), seed), new PublicKey(name(), seed));
    }

    @Override
    public Bytes sign(PrivateKey key, Bytes message) {
        return mac(key.bytes(), message);
    }

    @Override
    public boolean verify(PublicKey key, Bytes message, Bytes signature) {
        verifications++;
        return MessageDigest.isEqual(mac(key.bytes(), message).unsafeArray(), signature.unsafeArray());
    }

    @Override
    public int signatureSize() {
        return 32;
    }

    private static Bytes mac(Bytes key, Bytes message) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key.unsafeArray(), "HmacSHA256"));
            return Bytes.wrap(m.doFinal(message.unsafeArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}

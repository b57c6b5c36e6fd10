package org.spindle.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/** Keccak-256 (Ethereum's hash) and SHA-256. */
public final class Hashing {
    private Hashing() {}

    public static Hash keccak256(byte[] data) {
        return keccak256(data, 0, data.length);
    }

    public static Hash keccak256(byte[] data, int off, int len) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return Hash.wrap(out);
    }

    public static Hash keccak256(Bytes data) {
        return keccak256(data.unsafeArray());
    }

    public static Hash sha256(byte[] data) {
        return Hash.wrap(sha256Digest().digest(data));
    }

    public static Hash sha256(Bytes data) {
        return sha256(data.unsafeArray());
    }

    /** A fresh SHA-256 digest; the JDK's uses CPU intrinsics where the processor has them. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}

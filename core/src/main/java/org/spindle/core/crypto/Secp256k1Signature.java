package org.spindle.core.crypto;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.util.BigIntegers;
import org.spindle.core.bytes.Bytes;

/**
 * A recoverable secp256k1 ECDSA signature: {@code r}, {@code s} and the recovery id (the parity of
 * the y coordinate of the nonce point). Both scalars lie in [1, n-1] by construction. Ethereum's
 * rules also demand a low {@code s} (at most n/2); {@link #isLowS()} tells, and verification and
 * transaction decoding reject high-s signatures.
 *
 * <p>The 65-byte encoding is Ethereum's {@code r ‖ s ‖ v} with {@code v = 27 + recoveryId}, the
 * layout {@code eth_sign} returns and the {@code ecrecover} precompile reads.
 */
public record Secp256k1Signature(BigInteger r, BigInteger s, int recoveryId) {
    public static final int SIZE = 65;

    public Secp256k1Signature {
        if (!inRange(r) || !inRange(s)) {
            throw new IllegalArgumentException("r and s must lie in [1, n-1]");
        }
        if (recoveryId != 0 && recoveryId != 1) {
            throw new IllegalArgumentException("recovery id must be 0 or 1, got " + recoveryId);
        }
    }

    /** The signature, or empty if {@code r} or {@code s} is out of range or the recovery id is not 0/1. */
    public static Optional<Secp256k1Signature> of(BigInteger r, BigInteger s, int recoveryId) {
        if (!inRange(r) || !inRange(s) || (recoveryId != 0 && recoveryId != 1)) {
            return Optional.empty();
        }
        return Optional.of(new Secp256k1Signature(r, s, recoveryId));
    }

    /**
     * Parses {@code r ‖ s ‖ v}; {@code v} may be 27/28 or the bare recovery id 0/1. Empty for any
     * other size or value, never an exception.
     */
    public static Optional<Secp256k1Signature> decode(Bytes encoded) {
        if (encoded.size() != SIZE) {
            return Optional.empty();
        }
        byte[] b = encoded.unsafeArray();
        int v = b[64] & 0xff;
        int recoveryId = v >= 27 ? v - 27 : v;
        return of(new BigInteger(1, b, 0, 32), new BigInteger(1, b, 32, 32), recoveryId);
    }

    public Bytes encode() {
        byte[] out = new byte[SIZE];
        BigIntegers.asUnsignedByteArray(r, out, 0, 32);
        BigIntegers.asUnsignedByteArray(s, out, 32, 32);
        out[64] = (byte) (27 + recoveryId);
        return Bytes.wrap(out);
    }

    /** Whether {@code s ≤ n/2}, the canonical half Ethereum accepts (EIP-2). */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    private static boolean inRange(BigInteger x) {
        return x != null && x.signum() > 0 && x.compareTo(Secp256k1.N) < 0;
    }
}

package org.spindle.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * ECDSA over secp256k1 with Ethereum's conventions, on Bouncy Castle's curve arithmetic: signatures
 * are deterministic (RFC 6979), carry a recovery id and always have a low {@code s}; a public key is
 * the 64-byte uncompressed point {@code x ‖ y}; an address is the last 20 bytes of its Keccak-256.
 *
 * <p>{@link #sign}/{@link #verify} take a message and hash it with Keccak-256 first;
 * {@link #signHash}, {@link #verifyHash} and {@link #recoverPublicKey} take the 32-byte digest
 * itself, which is what Ethereum transactions sign.
 */
public final class Secp256k1 implements SignatureScheme {
    public static final String NAME = "secp256k1";
    public static final Secp256k1 INSTANCE = new Secp256k1();
    public static final int PRIVATE_KEY_SIZE = 32;
    public static final int PUBLIC_KEY_SIZE = 64;

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMS.getCurve();
    private static final ECPoint G = PARAMS.getG();
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(PARAMS);
    /** Precomputed multiples of G (cached on the point by Bouncy Castle): the fast way to compute k·G. */
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();
    static final BigInteger N = PARAMS.getN();
    static final BigInteger HALF_N = N.shiftRight(1);
    /** RFC 6979 yields a usable nonce at once except with probability ~2^-128; this only bounds the loop. */
    private static final int MAX_NONCE_ATTEMPTS = 16;

    private Secp256k1() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The seed is the private key itself when it lies in [1, n-1], so an existing Ethereum key can be
     * imported as its seed. A seed outside that range (probability ~2^-128 for a random seed) is
     * re-hashed with Keccak-256 until it fits, so every seed gives a key.
     */
    @Override
    public KeyPair keyPair(Bytes seed) {
        if (seed.size() != PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException("a secp256k1 seed has " + PRIVATE_KEY_SIZE + " bytes, got " + seed.size());
        }
        Bytes candidate = seed;
        BigInteger d = new BigInteger(1, candidate.unsafeArray());
        while (!isScalar(d)) {
            candidate = Hashing.keccak256(candidate).bytes();
            d = new BigInteger(1, candidate.unsafeArray());
        }
        return new KeyPair(new PrivateKey(NAME, candidate), publicKey(d));
    }

    /** The key pair of a raw 32-byte private key; fails if it is not a valid scalar. */
    public KeyPair keyPairOfPrivateKey(Bytes privateKey) {
        BigInteger d = scalarOf(new PrivateKey(NAME, privateKey));
        return new KeyPair(new PrivateKey(NAME, privateKey), publicKey(d));
    }

    @Override
    public Bytes sign(PrivateKey key, Bytes message) {
        return signHash(key, Hashing.keccak256(message)).encode();
    }

    @Override
    public boolean verify(PublicKey key, Bytes message, Bytes signature) {
        return verifyHash(key, Hashing.keccak256(message), signature);
    }

    @Override
    public int signatureSize() {
        return Secp256k1Signature.SIZE;
    }

    /**
     * Signs a 32-byte digest. The nonce comes from RFC 6979 (HMAC-SHA256), as in Bouncy Castle's
     * {@code ECDSASigner} and web3j, so the result is the same r, s they produce; {@code s} is then
     * folded to the low half and the recovery id adjusted to match.
     */
    public Secp256k1Signature signHash(PrivateKey key, Hash hash) {
        BigInteger d = scalarOf(key);
        byte[] digest = hash.bytes().unsafeArray();
        BigInteger e = new BigInteger(1, digest);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, digest);
        for (int attempt = 0; attempt < MAX_NONCE_ATTEMPTS; attempt++) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE_MULTIPLIER.multiply(G, k).normalize();
            BigInteger r = point.getAffineXCoord().toBigInteger();
            // x ≥ n would need recovery id 2 or 3, which Ethereum's v cannot carry: take the next nonce.
            if (r.signum() == 0 || r.compareTo(N) >= 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = point.getAffineYCoord().testBitZero() ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new Secp256k1Signature(r, s, recoveryId);
        }
        throw new IllegalStateException("no usable RFC 6979 nonce in " + MAX_NONCE_ATTEMPTS + " attempts");
    }

    /** Verifies a 65-byte {@code r ‖ s ‖ v} signature of a digest; false for anything malformed or high-s. */
    public boolean verifyHash(PublicKey key, Hash hash, Bytes signature) {
        return Secp256k1Signature.decode(signature)
                .map(sig -> verifyHash(key, hash, sig))
                .orElse(false);
    }

    public boolean verifyHash(PublicKey key, Hash hash, Secp256k1Signature signature) {
        if (!signature.isLowS()) {
            return false;
        }
        Optional<ECPoint> point = decodePublicKey(key);
        if (point.isEmpty()) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point.get(), DOMAIN));
        return verifier.verifySignature(hash.bytes().unsafeArray(), signature.r(), signature.s());
    }

    /**
     * Recovers the public key that made {@code signature} over {@code hash}, or empty when no point
     * has {@code r} as its x coordinate or the result is the point at infinity.
     *
     * <p>Q = r⁻¹(s·R − e·G), computed as one interleaved double-scalar multiplication (GLV
     * endomorphism, precomputed multiples of G). web3j's {@code Sign.recoverFromSignature} also checks
     * n·R = ∞; that check is redundant here because secp256k1 has cofactor 1, so every point on the
     * curve has order n. Only recovery ids 0 and 1 exist in Ethereum, so x = r (never r + n).
     */
    public Optional<PublicKey> recoverPublicKey(Hash hash, Secp256k1Signature signature) {
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (signature.recoveryId() == 1 ? 0x03 : 0x02);
        BigIntegers.asUnsignedByteArray(signature.r(), compressed, 1, 32);
        ECPoint noncePoint;
        try {
            noncePoint = CURVE.decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, hash.bytes().unsafeArray());
        BigInteger rInverse = BigIntegers.modOddInverseVar(N, signature.r());
        BigInteger u1 = e.negate().multiply(rInverse).mod(N);
        BigInteger u2 = signature.s().multiply(rInverse).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, noncePoint, u2).normalize();
        if (q.isInfinity()) {
            return Optional.empty();
        }
        return Optional.of(encodePublicKey(q));
    }

    /** Recovers from a 65-byte {@code r ‖ s ‖ v} signature; empty for a malformed one. */
    public Optional<PublicKey> recoverPublicKey(Hash hash, Bytes signature) {
        return Secp256k1Signature.decode(signature).flatMap(sig -> recoverPublicKey(hash, sig));
    }

    public Optional<Address> recoverAddress(Hash hash, Secp256k1Signature signature) {
        return recoverPublicKey(hash, signature).map(Secp256k1::address);
    }

    public Optional<Address> recoverAddress(Hash hash, Bytes signature) {
        return recoverPublicKey(hash, signature).map(Secp256k1::address);
    }

    /** The Ethereum address of a public key: the last 20 bytes of Keccak-256 of {@code x ‖ y}. */
    public static Address address(PublicKey key) {
        if (!NAME.equals(key.scheme()) || key.bytes().size() != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("not a 64-byte secp256k1 public key: " + key);
        }
        byte[] digest = Hashing.keccak256(key.bytes()).bytes().unsafeArray();
        return Address.wrap(Arrays.copyOfRange(digest, 32 - Address.SIZE, 32));
    }

    public static Address address(KeyPair keyPair) {
        return address(keyPair.publicKey());
    }

    private static PublicKey publicKey(BigInteger d) {
        return encodePublicKey(BASE_MULTIPLIER.multiply(G, d).normalize());
    }

    private static PublicKey encodePublicKey(ECPoint normalized) {
        byte[] uncompressed = normalized.getEncoded(false);
        return new PublicKey(NAME, Bytes.wrap(Arrays.copyOfRange(uncompressed, 1, uncompressed.length)));
    }

    /** The curve point of a 64-byte public key, or empty if it is not a point on the curve. */
    private static Optional<ECPoint> decodePublicKey(PublicKey key) {
        if (!NAME.equals(key.scheme()) || key.bytes().size() != PUBLIC_KEY_SIZE) {
            return Optional.empty();
        }
        byte[] uncompressed = new byte[PUBLIC_KEY_SIZE + 1];
        uncompressed[0] = 0x04;
        System.arraycopy(key.bytes().unsafeArray(), 0, uncompressed, 1, PUBLIC_KEY_SIZE);
        try {
            return Optional.of(CURVE.decodePoint(uncompressed));
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
    }

    private static BigInteger scalarOf(PrivateKey key) {
        if (!NAME.equals(key.scheme()) || key.bytes().size() != PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException("not a 32-byte secp256k1 private key: " + key);
        }
        BigInteger d = new BigInteger(1, key.bytes().unsafeArray());
        if (!isScalar(d)) {
            throw new IllegalArgumentException("a secp256k1 private key must lie in [1, n-1]");
        }
        return d;
    }

    private static boolean isScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(N) < 0;
    }
}

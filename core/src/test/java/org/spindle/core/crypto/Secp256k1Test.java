package org.spindle.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.crypto.SignatureScheme.PrivateKey;
import org.spindle.core.crypto.SignatureScheme.PublicKey;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class Secp256k1Test {
    private static final Secp256k1 K1 = Secp256k1.INSTANCE;
    private static final String KNOWN_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final Bytes MESSAGE = Bytes.wrap("transfer 10 to 0xdead".getBytes(StandardCharsets.UTF_8));
    private static final BigInteger N = Secp256k1.N;

    private static Bytes seed(long s) {
        byte[] b = new byte[32];
        new Random(s).nextBytes(b);
        return Bytes.wrap(b);
    }

    private static Hash hash(long s) {
        return Hashing.keccak256(seed(s));
    }

    private static Bytes flipBit(Bytes b, int bit) {
        byte[] copy = b.toArray();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return Bytes.wrap(copy);
    }

    @Test
    void knownPrivateKeyGivesItsKnownEthereumAddress() {
        KeyPair kp = K1.keyPair(Bytes.fromHex(KNOWN_KEY));
        assertThat(kp.privateKey().bytes()).isEqualTo(Bytes.fromHex(KNOWN_KEY));
        assertThat(Secp256k1.address(kp)).isEqualTo(Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"));
        assertThat(K1.keyPairOfPrivateKey(Bytes.fromHex(KNOWN_KEY))).isEqualTo(kp);
    }

    @Test
    void publicKeyAndAddressMatchWeb3jForManySeeds() {
        for (long s = 0; s < 20; s++) {
            KeyPair kp = K1.keyPair(seed(s));
            ECKeyPair web3j = ECKeyPair.create(kp.privateKey().bytes().toArray());
            assertThat(new BigInteger(1, kp.publicKey().bytes().unsafeArray())).isEqualTo(web3j.getPublicKey());
            assertThat(Secp256k1.address(kp)).isEqualTo(Address.fromHex(Keys.getAddress(web3j)));
        }
    }

    @Test
    void seedOutsideTheScalarRangeIsRehashedDeterministically() {
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        KeyPair a = K1.keyPair(Bytes.wrap(ones));
        KeyPair b = K1.keyPair(Bytes.wrap(ones.clone()));
        assertThat(a).isEqualTo(b);
        assertThat(a.privateKey().bytes()).isNotEqualTo(Bytes.wrap(ones));
        BigInteger d = new BigInteger(1, a.privateKey().bytes().unsafeArray());
        assertThat(d.signum()).isPositive();
        assertThat(d).isLessThan(N);
        assertThat(K1.keyPair(Bytes.wrap(new byte[32])).privateKey().bytes()).isNotEqualTo(Bytes.wrap(new byte[32]));
    }

    @Test
    void signatureOfAHashEqualsWeb3jsByteForByte() {
        for (long s = 0; s < 20; s++) {
            KeyPair kp = K1.keyPair(seed(s));
            Hash h = hash(1000 + s);
            Secp256k1Signature ours = K1.signHash(kp.privateKey(), h);
            Sign.SignatureData theirs = Sign.signMessage(
                    h.toArray(), ECKeyPair.create(kp.privateKey().bytes().toArray()), false);
            assertThat(ours.encode())
                    .isEqualTo(Bytes.wrap(theirs.getR()).concat(Bytes.wrap(theirs.getS())).concat(Bytes.wrap(theirs.getV())));
            assertThat(ours.isLowS()).isTrue();
        }
    }

    @Test
    void signatureVerifiesAndRecoversTheSigner() {
        KeyPair kp = K1.keyPair(seed(1));
        Bytes signature = K1.sign(kp.privateKey(), MESSAGE);
        assertThat(signature.size()).isEqualTo(K1.signatureSize());
        assertThat(K1.verify(kp.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(K1.verify(K1.keyPair(seed(2)).publicKey(), MESSAGE, signature)).isFalse();
        Hash h = Hashing.keccak256(MESSAGE);
        assertThat(K1.recoverPublicKey(h, signature)).contains(kp.publicKey());
        assertThat(K1.recoverAddress(h, signature)).contains(Secp256k1.address(kp));
    }

    @Test
    void recoveryAgreesWithWeb3jIncludingTheOtherRecoveryId() {
        for (long s = 0; s < 20; s++) {
            KeyPair kp = K1.keyPair(seed(s));
            Hash h = hash(2000 + s);
            Secp256k1Signature sig = K1.signHash(kp.privateKey(), h);
            for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
                Secp256k1Signature variant = new Secp256k1Signature(sig.r(), sig.s(), recoveryId);
                BigInteger web3j = Sign.recoverFromSignature(recoveryId, new ECDSASignature(sig.r(), sig.s()), h.toArray());
                Optional<PublicKey> ours = K1.recoverPublicKey(h, variant);
                assertThat(ours.map(k -> new BigInteger(1, k.bytes().unsafeArray()))).isEqualTo(Optional.ofNullable(web3j));
                assertThat(ours.isPresent() && ours.get().equals(kp.publicKey())).isEqualTo(recoveryId == sig.recoveryId());
            }
        }
    }

    @Test
    void recoveryFailsWhenRIsNotTheXCoordinateOfAnyPoint() {
        KeyPair kp = K1.keyPair(seed(3));
        Hash h = hash(3);
        Secp256k1Signature sig = K1.signHash(kp.privateKey(), h);
        BigInteger notX = Secp256k1TestPoints.firstNonXCoordinate();
        assertThat(K1.recoverPublicKey(h, new Secp256k1Signature(notX, sig.s(), 0))).isEmpty();
        assertThat(K1.recoverPublicKey(h, new Secp256k1Signature(notX, sig.s(), 1))).isEmpty();
    }

    @Test
    void everyFlippedBitOfMessageOrSignatureFailsVerification() {
        KeyPair kp = K1.keyPair(seed(4));
        Bytes signature = K1.sign(kp.privateKey(), MESSAGE);
        for (int bit = 0; bit < MESSAGE.size() * 8; bit++) {
            assertThat(K1.verify(kp.publicKey(), flipBit(MESSAGE, bit), signature)).as("message bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < signature.size() * 8; bit++) {
            assertThat(K1.verify(kp.publicKey(), MESSAGE, flipBit(signature, bit))).as("signature bit %d", bit).isFalse();
        }
    }

    @Test
    void highSTwinOfAValidSignatureIsRefused() {
        KeyPair kp = K1.keyPair(seed(5));
        Hash h = hash(5);
        Secp256k1Signature sig = K1.signHash(kp.privateKey(), h);
        Secp256k1Signature twin = new Secp256k1Signature(sig.r(), N.subtract(sig.s()), sig.recoveryId() ^ 1);
        assertThat(twin.isLowS()).isFalse();
        assertThat(K1.verifyHash(kp.publicKey(), h, twin)).isFalse();
        assertThat(K1.verifyHash(kp.publicKey(), h, sig)).isTrue();
    }

    @Test
    void malformedSignaturesAndKeysAreRejectedWithoutThrowing() {
        KeyPair kp = K1.keyPair(seed(6));
        Bytes signature = K1.sign(kp.privateKey(), MESSAGE);
        byte[] zeroR = signature.toArray();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        byte[] rIsN = signature.toArray();
        System.arraycopy(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N), 0, rIsN, 0, 32);
        byte[] allOnes = new byte[65];
        Arrays.fill(allOnes, (byte) 0xff);
        for (Bytes bad : new Bytes[] {Bytes.EMPTY, signature.slice(0, 64), signature.concat(Bytes.of((byte) 1)),
                Bytes.wrap(new byte[65]), Bytes.wrap(zeroR), Bytes.wrap(rIsN), Bytes.wrap(allOnes)}) {
            assertThat(K1.verify(kp.publicKey(), MESSAGE, bad)).as("signature %s", bad).isFalse();
            assertThat(K1.recoverPublicKey(Hashing.keccak256(MESSAGE), bad)).as("signature %s", bad).isEmpty();
        }
        assertThat(K1.verify(new PublicKey(Secp256k1.NAME, Bytes.EMPTY), MESSAGE, signature)).isFalse();
        assertThat(K1.verify(new PublicKey(Secp256k1.NAME, kp.publicKey().bytes().slice(0, 63)), MESSAGE, signature)).isFalse();
        assertThat(K1.verify(new PublicKey(Ed25519.NAME, kp.publicKey().bytes()), MESSAGE, signature)).isFalse();
        Random random = new Random(9);
        for (int i = 0; i < 100; i++) {
            byte[] key = new byte[64];
            byte[] sig = new byte[65];
            random.nextBytes(key);
            random.nextBytes(sig);
            sig[64] = (byte) (27 + (i & 1));
            assertThat(K1.verify(new PublicKey(Secp256k1.NAME, Bytes.wrap(key)), MESSAGE, Bytes.wrap(sig))).isFalse();
        }
    }

    @Test
    void signatureEncodingRoundTripsAndAcceptsBareRecoveryIds() {
        Secp256k1Signature sig = K1.signHash(K1.keyPair(seed(7)).privateKey(), hash(7));
        Bytes encoded = sig.encode();
        assertThat(encoded.get(64) & 0xff).isEqualTo(27 + sig.recoveryId());
        assertThat(Secp256k1Signature.decode(encoded)).contains(sig);
        byte[] bare = encoded.toArray();
        bare[64] = (byte) sig.recoveryId();
        assertThat(Secp256k1Signature.decode(Bytes.wrap(bare))).contains(sig);
        bare[64] = 2;
        assertThat(Secp256k1Signature.decode(Bytes.wrap(bare))).isEmpty();
        assertThatThrownBy(() -> new Secp256k1Signature(BigInteger.ZERO, BigInteger.ONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidPrivateKeysCannotSign() {
        assertThatThrownBy(() -> K1.signHash(new PrivateKey(Secp256k1.NAME, Bytes.wrap(new byte[32])), hash(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> K1.signHash(new PrivateKey(Ed25519.NAME, seed(1)), hash(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> K1.keyPairOfPrivateKey(Bytes.wrap(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

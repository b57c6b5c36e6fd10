package org.spindle.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.crypto.SignatureScheme.PrivateKey;
import org.spindle.core.crypto.SignatureScheme.PublicKey;

class Ed25519Test {
    private static final Ed25519 ED = Ed25519.INSTANCE;
    private static final Bytes MESSAGE = Bytes.wrap("prevote height 7 round 0".getBytes(StandardCharsets.UTF_8));

    private static Bytes seed(long s) {
        byte[] b = new byte[32];
        new Random(s).nextBytes(b);
        return Bytes.wrap(b);
    }

    private static Bytes flipBit(Bytes b, int bit) {
        byte[] copy = b.toArray();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return Bytes.wrap(copy);
    }

    @Test
    void rfc8032FirstTestVectorGivesTheKnownPublicKeyAndSignature() {
        KeyPair kp = ED.keyPair(Bytes.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(kp.publicKey().bytes())
                .isEqualTo(Bytes.fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        Bytes signature = ED.sign(kp.privateKey(), Bytes.EMPTY);
        assertThat(signature).isEqualTo(Bytes.fromHex(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
        assertThat(ED.verify(kp.publicKey(), Bytes.EMPTY, signature)).isTrue();
    }

    @Test
    void signatureVerifiesUnderItsKeyAndNotUnderAnother() {
        KeyPair kp = ED.keyPair(seed(1));
        Bytes signature = ED.sign(kp.privateKey(), MESSAGE);
        assertThat(signature.size()).isEqualTo(ED.signatureSize());
        assertThat(ED.verify(kp.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(ED.verify(ED.keyPair(seed(2)).publicKey(), MESSAGE, signature)).isFalse();
    }

    @Test
    void keysAndSignaturesAreDeterministic() {
        KeyPair a = ED.keyPair(seed(3));
        KeyPair b = ED.keyPair(seed(3));
        assertThat(a).isEqualTo(b);
        assertThat(ED.sign(a.privateKey(), MESSAGE)).isEqualTo(ED.sign(b.privateKey(), MESSAGE));
    }

    @Test
    void bareSeedSignsLikeTheFullPrivateKey() {
        Bytes s = seed(4);
        KeyPair kp = ED.keyPair(s);
        assertThat(ED.sign(new PrivateKey(Ed25519.NAME, s), MESSAGE)).isEqualTo(ED.sign(kp.privateKey(), MESSAGE));
        assertThat(ED.publicKey(new PrivateKey(Ed25519.NAME, s))).isEqualTo(kp.publicKey());
        assertThat(ED.publicKey(kp.privateKey())).isEqualTo(kp.publicKey());
    }

    @Test
    void everyFlippedBitOfMessageOrSignatureFailsVerification() {
        KeyPair kp = ED.keyPair(seed(5));
        Bytes signature = ED.sign(kp.privateKey(), MESSAGE);
        for (int bit = 0; bit < MESSAGE.size() * 8; bit++) {
            assertThat(ED.verify(kp.publicKey(), flipBit(MESSAGE, bit), signature)).as("message bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < signature.size() * 8; bit++) {
            assertThat(ED.verify(kp.publicKey(), MESSAGE, flipBit(signature, bit))).as("signature bit %d", bit).isFalse();
        }
    }

    @Test
    void malformedSignaturesAndKeysAreRejectedWithoutThrowing() {
        KeyPair kp = ED.keyPair(seed(6));
        Bytes signature = ED.sign(kp.privateKey(), MESSAGE);
        assertThat(ED.verify(kp.publicKey(), MESSAGE, Bytes.EMPTY)).isFalse();
        assertThat(ED.verify(kp.publicKey(), MESSAGE, signature.slice(0, 63))).isFalse();
        assertThat(ED.verify(kp.publicKey(), MESSAGE, signature.concat(Bytes.of((byte) 0)))).isFalse();
        assertThat(ED.verify(kp.publicKey(), MESSAGE, Bytes.wrap(new byte[64]))).isFalse();
        byte[] allOnes = new byte[64];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertThat(ED.verify(kp.publicKey(), MESSAGE, Bytes.wrap(allOnes))).isFalse();

        assertThat(ED.verify(new PublicKey(Ed25519.NAME, Bytes.EMPTY), MESSAGE, signature)).isFalse();
        assertThat(ED.verify(new PublicKey(Ed25519.NAME, kp.publicKey().bytes().slice(0, 31)), MESSAGE, signature)).isFalse();
        assertThat(ED.verify(new PublicKey(Ed25519.NAME, Bytes.wrap(allOnes).slice(0, 32)), MESSAGE, signature)).isFalse();
        assertThat(ED.verify(new PublicKey(Secp256k1.NAME, kp.publicKey().bytes()), MESSAGE, signature)).isFalse();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[32];
            byte[] sig = new byte[64];
            random.nextBytes(key);
            random.nextBytes(sig);
            assertThat(ED.verify(new PublicKey(Ed25519.NAME, Bytes.wrap(key)), MESSAGE, Bytes.wrap(sig))).isFalse();
        }
    }

    @Test
    void signingWithAKeyOfAnotherSchemeIsAProgrammingError() {
        assertThatThrownBy(() -> ED.sign(new PrivateKey(Secp256k1.NAME, seed(8)), MESSAGE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ED.keyPair(Bytes.wrap(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
    }
}

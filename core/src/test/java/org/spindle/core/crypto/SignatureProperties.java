package org.spindle.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.SignatureScheme.KeyPair;

class SignatureProperties {

    @Property(tries = 60)
    void ed25519SignatureOfAnyMessageVerifies(@ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message) {
        KeyPair kp = Ed25519.INSTANCE.keyPair(Bytes.of(seed));
        Bytes m = Bytes.of(message);
        assertThat(Ed25519.INSTANCE.verify(kp.publicKey(), m, Ed25519.INSTANCE.sign(kp.privateKey(), m))).isTrue();
    }

    @Property(tries = 60)
    void secp256k1SignatureOfAnyMessageVerifiesAndRecoversItsSigner(
            @ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message) {
        Secp256k1 k1 = Secp256k1.INSTANCE;
        KeyPair kp = k1.keyPair(Bytes.of(seed));
        Bytes m = Bytes.of(message);
        Bytes signature = k1.sign(kp.privateKey(), m);
        assertThat(k1.verify(kp.publicKey(), m, signature)).isTrue();
        assertThat(k1.recoverPublicKey(Hashing.keccak256(m), signature)).contains(kp.publicKey());
        assertThat(k1.recoverAddress(Hashing.keccak256(m), signature)).contains(Secp256k1.address(kp));
    }
}

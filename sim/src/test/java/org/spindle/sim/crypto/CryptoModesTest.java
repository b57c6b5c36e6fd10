package org.spindle.sim.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.sim.CpuCosts;

class CryptoModesTest {
    private static final Bytes MSG = Bytes.wrap("vote for block 7".getBytes(StandardCharsets.UTF_8));
    private static final Bytes OTHER = Bytes.wrap("vote for block 8".getBytes(StandardCharsets.UTF_8));
    private static final CpuCosts COSTS = new CpuCosts(78, 40, 1, 0);

    static final class MeteredCpu implements Cpu {
        long charged;

        @Override
        public void charge(long micros) {
            charged += micros;
        }
    }

    private static void behavesLikeASignatureScheme(CryptoModel model) {
        MeteredCpu cpu0 = new MeteredCpu();
        MeteredCpu cpu1 = new MeteredCpu();
        Crypto alice = model.forNode(0, cpu0);
        Crypto bob = model.forNode(1, cpu1);
        Bytes sig = alice.sign(MSG);
        assertThat(sig.size()).isEqualTo(alice.signatureSize());
        assertThat(bob.verify(NodeId.of(0), MSG, sig)).as("genuine signature").isTrue();
        assertThat(bob.verify(NodeId.of(1), MSG, sig)).as("claimed by the wrong signer").isFalse();
        assertThat(bob.verify(NodeId.of(0), OTHER, sig)).as("other message").isFalse();
        assertThat(bob.verify(NodeId.of(0), MSG, bob.sign(MSG))).as("bob cannot sign as alice").isFalse();
        byte[] flipped = sig.toArray();
        flipped[flipped.length - 1] ^= 1;
        assertThat(bob.verify(NodeId.of(0), MSG, Bytes.wrap(flipped))).as("tampered signature").isFalse();
        assertThat(bob.verify(NodeId.of(0), MSG, Bytes.of((byte) 1))).as("malformed signature").isFalse();
        assertThat(bob.verify(NodeId.of(99), MSG, sig)).as("unknown signer").isFalse();
        assertThat(alice.hash(MSG)).isEqualTo(Hashing.sha256(MSG));
        assertThat(cpu0.charged).as("one sign and one hash").isEqualTo(40 + 1);
        assertThat(cpu1.charged).as("seven verifications and one sign").isEqualTo(7 * 78 + 40);
    }

    @Test
    void modelledSignaturesVerifyOnlyForTheirSignerAndMessageAndChargeTheCalibratedCost() {
        behavesLikeASignatureScheme(new ModelledCrypto(4, 42, COSTS));
    }

    @Test
    void modelledSignaturesFromAnotherRunDoNotVerify() {
        Bytes sig = new ModelledCrypto(4, 42, COSTS).forNode(0, new MeteredCpu()).sign(MSG);
        Crypto other = new ModelledCrypto(4, 43, COSTS).forNode(1, new MeteredCpu());
        assertThat(other.verify(NodeId.of(0), MSG, sig)).isFalse();
    }

    @Test
    void realModeDelegatesToTheGivenSignatureSchemeAndChargesTheSameCost() {
        HmacTestScheme scheme = new HmacTestScheme();
        behavesLikeASignatureScheme(new RealCrypto(scheme, 4, 42, COSTS));
        assertThat(scheme.verifications).as("the scheme did every check but the unknown signer").isEqualTo(6);
    }

    @Test
    void realModeKeysAreReproducibleFromTheSeed() {
        HmacTestScheme scheme = new HmacTestScheme();
        assertThat(new RealCrypto(scheme, 2, 5, COSTS).publicKey(1))
                .isEqualTo(new RealCrypto(scheme, 2, 5, COSTS).publicKey(1))
                .isNotEqualTo(new RealCrypto(scheme, 2, 6, COSTS).publicKey(1));
    }

    @Test
    void realModeWithEd25519SignsAndVerifiesLikeTheOtherModes() {
        behavesLikeASignatureScheme(new RealCrypto(org.spindle.core.crypto.Ed25519.INSTANCE, 4, 42, COSTS));
    }
}

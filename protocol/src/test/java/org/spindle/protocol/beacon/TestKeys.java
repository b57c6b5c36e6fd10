package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.protocol.runtime.NodeId;

/** Deterministic Ed25519 keys and validators for tests. */
final class TestKeys {
    private TestKeys() {}

    static SignatureScheme.KeyPair keyPair(int i) {
        byte[] seed = new byte[32];
        seed[0] = (byte) i;
        seed[1] = (byte) (i >>> 8);
        seed[31] = 0x5A;
        return Ed25519.INSTANCE.keyPair(Bytes.wrap(seed));
    }

    static Validator validator(int i, long stake) {
        return new Validator(NodeId.of(i), keyPair(i).publicKey().bytes(), stake, ValidatorStatus.ACTIVE);
    }

    static List<Validator> validators(int n) {
        List<Validator> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(validator(i, 100 + i));
        }
        return out;
    }

    static List<NodeId> ids(int n) {
        List<NodeId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(NodeId.of(i));
        }
        return out;
    }

    static Bytes sign(int i, Bytes message) {
        return Ed25519.INSTANCE.sign(keyPair(i).privateKey(), message);
    }
}

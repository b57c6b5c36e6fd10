package org.spindle.protocol.beacon;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.protocol.runtime.Crypto;

/**
 * Checks a signature claimed to be by a registered validator. Real nodes check Ed25519 against the
 * registry's key ({@link #ed25519()}); a simulation may route through its node's {@link Crypto}
 * ({@link #of(Crypto)}) so the check is charged to the CPU model and follows the scenario's
 * modelled-or-real crypto choice. Implementations never throw on malformed input.
 */
@FunctionalInterface
public interface ValidatorSignatures {
    boolean verify(Validator signer, Bytes message, Bytes signature);

    static ValidatorSignatures ed25519() {
        return (signer, message, signature) ->
                Ed25519.INSTANCE.verify(new SignatureScheme.PublicKey(Ed25519.NAME, signer.publicKey()), message, signature);
    }

    static ValidatorSignatures of(Crypto crypto) {
        return (signer, message, signature) -> crypto.verify(signer.id(), message, signature);
    }
}

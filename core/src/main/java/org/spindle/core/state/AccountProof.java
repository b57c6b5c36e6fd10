package org.spindle.core.state;

import java.util.Objects;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.Account;
import org.spindle.core.merkle.SmtProof;

/**
 * Proof of an account's state under a state root. {@link Account#EMPTY} claims that the account is
 * absent (non-inclusion).
 */
public record AccountProof(Address address, Account account, SmtProof proof) {
    public AccountProof {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(proof, "proof");
    }

    public boolean verify(Hash stateRoot) {
        Hash key = StateKeys.accountKey(address);
        return account.isEmpty()
                ? proof.verifyNonInclusion(stateRoot, key)
                : proof.verifyInclusion(stateRoot, key, StateKeys.accountValueHash(account));
    }

    public static final Codec<AccountProof> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, AccountProof p) {
            out.address(p.address());
            Account.CODEC.write(out, p.account());
            SmtProof.CODEC.write(out, p.proof());
        }

        @Override
        public AccountProof read(Decoder in) {
            return new AccountProof(in.address(), Account.CODEC.read(in), SmtProof.CODEC.read(in));
        }

        @Override
        public int maxSize() {
            return 20 + Account.CODEC.maxSize() + SmtProof.CODEC.maxSize();
        }
    };
}

package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.Objects;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;

/**
 * An externally owned account: the number of transactions it has sent and its balance in wei.
 * The balance is a non-negative 256-bit integer. An account equal to {@link #EMPTY} is the same as
 * no account: the state does not store it.
 */
public record Account(long nonce, BigInteger balance) {
    public static final Account EMPTY = new Account(0, BigInteger.ZERO);

    public Account {
        Objects.requireNonNull(balance, "balance");
        if (nonce < 0) {
            throw new IllegalArgumentException("negative nonce " + nonce);
        }
        if (balance.signum() < 0 || balance.bitLength() > 256) {
            throw new IllegalArgumentException("balance is not a uint256: " + balance);
        }
    }

    public static Account withBalance(BigInteger balance) {
        return new Account(0, balance);
    }

    public boolean isEmpty() {
        return nonce == 0 && balance.signum() == 0;
    }

    public Account credit(BigInteger amount) {
        return new Account(nonce, balance.add(amount));
    }

    /** Debits {@code amount} and bumps the nonce: what sending one transaction does. */
    public Account debitAndBumpNonce(BigInteger amount) {
        return new Account(nonce + 1, balance.subtract(amount));
    }

    public static final Codec<Account> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, Account a) {
            out.varint(a.nonce()).uint256(a.balance());
        }

        @Override
        public Account read(Decoder in) {
            long nonce = in.varint();
            try {
                return new Account(nonce, in.uint256());
            } catch (IllegalArgumentException e) {
                throw CodecErrors.invalid("account", e);
            }
        }

        @Override
        public int maxSize() {
            return 10 + 33;
        }
    };
}

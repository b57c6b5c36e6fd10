package org.spindle.sim.workload;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;

/**
 * Turns transfers into synthetic {@link Transaction}s: EIP-1559 envelopes with no {@code raw} bytes
 * (the simulator models signature cost instead of signing), the sender's next nonce (tracked here
 * per sender, starting at 0), a fixed gas limit and fee, and as hash a deterministic digest of
 * everything that identifies the transaction: {@code keccak256("spindle/synthetic-tx" || chainId ||
 * from || nonce || to || value)}.
 */
public final class TxFactory {
    private static final Bytes DOMAIN = Bytes.wrap("spindle/synthetic-tx".getBytes(StandardCharsets.US_ASCII));

    private final long chainId;
    private final long gasLimit;
    private final BigInteger maxFeePerGas;
    private final Map<Address, Long> nextNonce = new HashMap<>();

    public TxFactory(long chainId, long gasLimit, BigInteger maxFeePerGas) {
        if (chainId < 0 || gasLimit < 0 || maxFeePerGas.signum() < 0) {
            throw new IllegalArgumentException("chain id, gas limit and fee must not be negative");
        }
        this.chainId = chainId;
        this.gasLimit = gasLimit;
        this.maxFeePerGas = maxFeePerGas;
    }

    public Transaction make(Transfer t) {
        long nonce = nextNonce.merge(t.from(), 1L, Long::sum) - 1;
        Encoder e = new Encoder(128);
        e.raw(DOMAIN.unsafeArray()).varint(chainId).address(t.from()).varint(nonce).address(t.to()).uint256(t.value());
        Hash hash = Hashing.keccak256(e.toArray());
        return new Transaction(TxType.EIP1559, chainId, nonce, t.from(), t.to(), t.value(), gasLimit, maxFeePerGas,
                BigInteger.ZERO, Bytes.EMPTY, hash, Bytes.EMPTY);
    }

    /** The nonce the next transaction of {@code sender} will carry. */
    public long nextNonce(Address sender) {
        return nextNonce.getOrDefault(sender, 0L);
    }

    /** What one transaction can cost its sender at most, besides its value. */
    public BigInteger maxFee() {
        return maxFeePerGas.multiply(BigInteger.valueOf(gasLimit));
    }

    /** Distinct senders seen so far. */
    public int senders() {
        return nextNonce.size();
    }
}

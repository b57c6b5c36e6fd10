package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.Objects;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * A transfer transaction with its sender already recovered. {@code raw} holds the signed Ethereum
 * envelope it was decoded from (empty for transactions the simulator synthesises, whose signature
 * cost is modelled instead of computed); {@code hash} is Keccak-256 of {@code raw} for real
 * transactions, as Ethereum defines it.
 *
 * <p>The fee per unit of gas is {@code maxFeePerGas} (legacy: the gas price). Spindle has no base
 * fee burn yet: the sender pays {@code gasLimit × maxFeePerGas} to the block proposer.
 */
public record Transaction(
        TxType type,
        long chainId,
        long nonce,
        Address from,
        Address to,
        BigInteger value,
        long gasLimit,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        Bytes data,
        Hash hash,
        Bytes raw) {

    public Transaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(raw, "raw");
        if (nonce < 0 || gasLimit < 0 || value.signum() < 0 || maxFeePerGas.signum() < 0) {
            throw new IllegalArgumentException("negative nonce, gas limit, value or fee");
        }
    }

    /** What the sender pays at most for gas. */
    public BigInteger maxFee() {
        return maxFeePerGas.multiply(BigInteger.valueOf(gasLimit));
    }
}

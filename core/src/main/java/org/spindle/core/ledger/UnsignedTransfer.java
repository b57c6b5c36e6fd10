package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.Objects;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;

/**
 * The fields of a transfer before it is signed. For {@link TxType#LEGACY} the gas price is
 * {@code maxFeePerGas} and {@code maxPriorityFeePerGas} must equal it, as {@link Transaction} reads a
 * legacy transaction back.
 */
public record UnsignedTransfer(
        TxType type,
        long chainId,
        long nonce,
        Address to,
        BigInteger value,
        long gasLimit,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        Bytes data) {

    public UnsignedTransfer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(data, "data");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive, got " + chainId);
        }
        if (nonce < 0 || gasLimit < 0 || value.signum() < 0 || maxFeePerGas.signum() < 0
                || maxPriorityFeePerGas.signum() < 0) {
            throw new IllegalArgumentException("negative nonce, gas limit, value or fee");
        }
        if (value.bitLength() > 256 || maxFeePerGas.bitLength() > 256) {
            throw new IllegalArgumentException("value and fees must fit in 256 bits");
        }
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("priority fee " + maxPriorityFeePerGas + " exceeds the fee cap " + maxFeePerGas);
        }
        if (type == TxType.LEGACY && !maxPriorityFeePerGas.equals(maxFeePerGas)) {
            throw new IllegalArgumentException("a legacy transaction has one gas price: priority fee must equal max fee");
        }
        if (data.size() > TransactionCodec.MAX_DATA) {
            throw new IllegalArgumentException("data has " + data.size() + " bytes, the limit is " + TransactionCodec.MAX_DATA);
        }
    }

    /** A legacy transfer, signed with EIP-155 replay protection for {@code chainId}. */
    public static UnsignedTransfer legacy(
            long chainId, long nonce, Address to, BigInteger value, long gasLimit, BigInteger gasPrice) {
        return new UnsignedTransfer(TxType.LEGACY, chainId, nonce, to, value, gasLimit, gasPrice, gasPrice, Bytes.EMPTY);
    }

    /** An EIP-1559 (type 0x02) transfer with an empty access list. */
    public static UnsignedTransfer eip1559(
            long chainId,
            long nonce,
            Address to,
            BigInteger value,
            long gasLimit,
            BigInteger maxFeePerGas,
            BigInteger maxPriorityFeePerGas) {
        return new UnsignedTransfer(
                TxType.EIP1559, chainId, nonce, to, value, gasLimit, maxFeePerGas, maxPriorityFeePerGas, Bytes.EMPTY);
    }

    public UnsignedTransfer withData(Bytes newData) {
        return new UnsignedTransfer(
                type, chainId, nonce, to, value, gasLimit, maxFeePerGas, maxPriorityFeePerGas, newData);
    }
}

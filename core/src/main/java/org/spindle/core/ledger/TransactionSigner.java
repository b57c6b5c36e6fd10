package org.spindle.core.ledger;

import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.Secp256k1Signature;
import org.spindle.core.crypto.SignatureScheme.PrivateKey;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Builds and signs a transfer as a raw Ethereum transaction: the bytes a wallet would hand to
 * {@code eth_sendRawTransaction}. For tools, the load generator and tests. web3j encodes the envelope;
 * the signature comes from {@link Secp256k1} (deterministic RFC 6979, low-s), so the output is the same,
 * byte for byte, as web3j's own {@code TransactionEncoder.signMessage}.
 */
public final class TransactionSigner {
    private TransactionSigner() {}

    public static Bytes sign(UnsignedTransfer transfer, PrivateKey key) {
        RawTransaction unsigned = switch (transfer.type()) {
            case LEGACY -> RawTransaction.createTransaction(
                    BigInteger.valueOf(transfer.nonce()),
                    transfer.maxFeePerGas(),
                    BigInteger.valueOf(transfer.gasLimit()),
                    transfer.to().toHex(),
                    transfer.value(),
                    Numeric.toHexString(transfer.data().unsafeArray()));
            case EIP1559 -> RawTransaction.createTransaction(
                    transfer.chainId(),
                    BigInteger.valueOf(transfer.nonce()),
                    BigInteger.valueOf(transfer.gasLimit()),
                    transfer.to().toHex(),
                    transfer.value(),
                    Numeric.toHexString(transfer.data().unsafeArray()),
                    transfer.maxPriorityFeePerGas(),
                    transfer.maxFeePerGas());
        };
        byte[] payload = switch (transfer.type()) {
            case LEGACY -> TransactionEncoder.encode(unsigned, transfer.chainId());
            case EIP1559 -> TransactionEncoder.encode(unsigned);
        };
        Secp256k1Signature signature = Secp256k1.INSTANCE.signHash(key, Hashing.keccak256(payload));
        Sign.SignatureData parity = new Sign.SignatureData(
                (byte) (Sign.LOWER_REAL_V + signature.recoveryId()),
                BigIntegers.asUnsignedByteArray(32, signature.r()),
                BigIntegers.asUnsignedByteArray(32, signature.s()));
        Sign.SignatureData signatureData = switch (transfer.type()) {
            case LEGACY -> TransactionEncoder.createEip155SignatureData(parity, transfer.chainId());
            case EIP1559 -> parity;
        };
        return Bytes.wrap(TransactionEncoder.encode(unsigned, signatureData));
    }
}

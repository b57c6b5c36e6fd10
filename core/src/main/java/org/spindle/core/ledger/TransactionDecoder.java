package org.spindle.core.ledger;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.Secp256k1Signature;
import org.spindle.core.ledger.TransactionDecodeResult.Accepted;
import org.spindle.core.ledger.TransactionDecodeResult.Rejected;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * Turns a raw signed Ethereum transaction (what {@code eth_sendRawTransaction} carries) into a
 * {@link Transaction} with its sender recovered, or a {@link TransactionRejection} that says why not.
 *
 * <p>Accepted: legacy transactions with EIP-155 replay protection and EIP-1559 envelopes (type
 * 0x02), for the one chain id the decoder was built with, that transfer to a recipient. RLP is parsed
 * by web3j. web3j is lenient (it ignores trailing bytes and truncates oversized integers), so the
 * decoded transaction is re-encoded and must give back exactly the input: only the canonical
 * encoding passes, and the Ethereum hash (Keccak-256 of the raw bytes) names one transaction.
 *
 * <p>Cheap checks come first and sender recovery, the one expensive step, last.
 */
public final class TransactionDecoder {
    /** Raw size limit: the codec's data limit plus ample room for the envelope's other fields. */
    public static final int MAX_SIZE = TransactionCodec.MAX_DATA + 1024;

    private static final int EIP1559_TYPE = 0x02;
    private static final int RLP_LIST_PREFIX = 0xc0;
    private static final int MAX_TYPED_ENVELOPE = 0x7f;
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger V_27 = BigInteger.valueOf(27);
    private static final BigInteger V_28 = BigInteger.valueOf(28);
    private static final BigInteger V_EIP155_BASE = BigInteger.valueOf(35);

    private final long chainId;

    public TransactionDecoder(long chainId) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive, got " + chainId);
        }
        this.chainId = chainId;
    }

    public long chainId() {
        return chainId;
    }

    public TransactionDecodeResult decode(Bytes raw) {
        return decode(raw, null);
    }

    /**
     * Decodes with every check but sender recovery, taking {@code sender} as the sender: for
     * transactions this node recovered itself and stored beside its final blocks, so that replaying
     * its own store after a restart does not pay secp256k1 again. Never for bytes from the network
     * or a client, whose sender is exactly what must be recovered.
     */
    public TransactionDecodeResult decodeWithKnownSender(Bytes raw, Address sender) {
        return decode(raw, java.util.Objects.requireNonNull(sender, "sender"));
    }

    private TransactionDecodeResult decode(Bytes raw, Address knownSender) {
        if (raw.size() > MAX_SIZE) {
            return reject(TransactionRejection.OVERSIZED,
                    "transaction has " + raw.size() + " bytes, the limit is " + MAX_SIZE);
        }
        if (raw.isEmpty()) {
            return reject(TransactionRejection.MALFORMED, "transaction is empty");
        }
        int first = raw.get(0) & 0xff;
        TxType type;
        if (first >= RLP_LIST_PREFIX) {
            type = TxType.LEGACY;
        } else if (first == EIP1559_TYPE) {
            type = TxType.EIP1559;
        } else if (first <= MAX_TYPED_ENVELOPE) {
            return reject(TransactionRejection.UNSUPPORTED_TYPE, String.format(
                    "transaction type 0x%02x is not supported; send a legacy EIP-155 or an EIP-1559 (0x02) transaction",
                    first));
        } else {
            return reject(TransactionRejection.MALFORMED, "starts with an RLP string, not a transaction envelope");
        }

        SignedRawTransaction signed;
        try {
            RawTransaction decoded = org.web3j.crypto.TransactionDecoder.decode(Numeric.toHexString(raw.unsafeArray()));
            if (!(decoded instanceof SignedRawTransaction s)) {
                return reject(TransactionRejection.INVALID_SIGNATURE, "transaction is not signed");
            }
            signed = s;
            byte[] canonical = TransactionEncoder.encode(signed, signed.getSignatureData());
            if (!Arrays.equals(canonical, raw.unsafeArray())) {
                return reject(TransactionRejection.MALFORMED,
                        "not canonical RLP: trailing bytes, leading zeros or fields out of range for the type");
            }
        } catch (StackOverflowError deepNesting) {
            // web3j's RLP decoder recurses once per nested list; a few kilobytes of list headers exhaust
            // the stack. The error unwinds only web3j's own frames, so the decoder stays usable.
            return reject(TransactionRejection.MALFORMED, "RLP lists nested too deeply");
        } catch (ClassCastException wrongShape) {
            return reject(TransactionRejection.MALFORMED, "a field is an RLP list where a string belongs, or the reverse");
        } catch (IndexOutOfBoundsException missing) {
            return reject(TransactionRejection.MALFORMED, "too few fields for a " + type + " transaction");
        } catch (RuntimeException e) {
            // web3j signals other malformed input (bad lengths, truncation, oversized integers) with
            // plain unchecked exceptions; all of them mean the bytes are not a transaction.
            return reject(TransactionRejection.MALFORMED, "malformed RLP: " + e.getMessage());
        }
        return switch (type) {
            case LEGACY -> decodeLegacy(raw, signed, knownSender);
            case EIP1559 -> decodeEip1559(raw, signed, knownSender);
        };
    }

    private TransactionDecodeResult decodeLegacy(Bytes raw, SignedRawTransaction signed, Address knownSender) {
        BigInteger v = Numeric.toBigInt(signed.getSignatureData().getV());
        if (v.equals(V_27) || v.equals(V_28)) {
            return reject(TransactionRejection.MISSING_CHAIN_ID,
                    "legacy transaction without EIP-155 replay protection (v = " + v
                            + "); sign it for chain id " + chainId);
        }
        if (v.compareTo(V_EIP155_BASE) < 0) {
            return reject(TransactionRejection.INVALID_SIGNATURE, "v = " + v + " is neither 27, 28 nor an EIP-155 value");
        }
        BigInteger offset = v.subtract(V_EIP155_BASE);
        BigInteger txChainId = offset.shiftRight(1);
        if (!txChainId.equals(BigInteger.valueOf(chainId))) {
            return wrongChain(txChainId);
        }
        int recoveryId = offset.testBit(0) ? 1 : 0;
        BigInteger gasPrice = signed.getGasPrice();
        return finish(raw, signed, TxType.LEGACY, gasPrice, gasPrice, recoveryId,
                () -> TransactionEncoder.encode(signed, chainId), knownSender);
    }

    private TransactionDecodeResult decodeEip1559(Bytes raw, SignedRawTransaction signed, Address knownSender) {
        if (!(signed.getTransaction() instanceof Transaction1559 envelope)) {
            return reject(TransactionRejection.MALFORMED, "type 0x02 did not decode as an EIP-1559 transaction");
        }
        if (envelope.getChainId() != chainId) {
            return wrongChain(BigInteger.valueOf(envelope.getChainId()));
        }
        // web3j turns the y parity into v = 27 + parity; the canonical re-encoding above has already
        // refused parities that do not fit.
        int recoveryId = Numeric.toBigInt(signed.getSignatureData().getV()).intValue() - Sign.LOWER_REAL_V;
        if (envelope.getMaxPriorityFeePerGas().compareTo(envelope.getMaxFeePerGas()) > 0) {
            return reject(TransactionRejection.INVALID_FIELD, "max priority fee per gas "
                    + envelope.getMaxPriorityFeePerGas() + " exceeds max fee per gas " + envelope.getMaxFeePerGas());
        }
        return finish(raw, signed, TxType.EIP1559, envelope.getMaxFeePerGas(), envelope.getMaxPriorityFeePerGas(),
                recoveryId, () -> TransactionEncoder.encode(signed), knownSender);
    }

    /** The checks and the construction both envelopes share, ending with sender recovery (unless the sender is known). */
    private TransactionDecodeResult finish(
            Bytes raw,
            SignedRawTransaction signed,
            TxType type,
            BigInteger maxFeePerGas,
            BigInteger maxPriorityFeePerGas,
            int recoveryId,
            SigningPayload payload,
            Address knownSender) {
        byte[] to = Numeric.hexStringToByteArray(signed.getTo() == null ? "" : signed.getTo());
        if (to.length == 0) {
            return reject(TransactionRejection.CONTRACT_CREATION,
                    "transaction has no recipient; Spindle carries transfers and deploys no contracts");
        }
        if (to.length != Address.SIZE) {
            return reject(TransactionRejection.MALFORMED, "recipient has " + to.length + " bytes, not " + Address.SIZE);
        }
        BigInteger nonce = signed.getNonce();
        BigInteger gasLimit = signed.getGasLimit();
        BigInteger value = signed.getValue();
        if (nonce.compareTo(MAX_LONG) > 0 || gasLimit.compareTo(MAX_LONG) > 0) {
            return reject(TransactionRejection.INVALID_FIELD, "nonce " + nonce + " or gas limit " + gasLimit
                    + " exceeds " + Long.MAX_VALUE);
        }
        if (value.bitLength() > 256 || maxFeePerGas.bitLength() > 256 || maxPriorityFeePerGas.bitLength() > 256) {
            return reject(TransactionRejection.INVALID_FIELD, "value or fee does not fit in 256 bits");
        }
        byte[] data = Numeric.hexStringToByteArray(signed.getData() == null ? "" : signed.getData());
        if (data.length > TransactionCodec.MAX_DATA) {
            return reject(TransactionRejection.OVERSIZED,
                    "data has " + data.length + " bytes, the limit is " + TransactionCodec.MAX_DATA);
        }

        Sign.SignatureData signatureData = signed.getSignatureData();
        Optional<Secp256k1Signature> signature = Secp256k1Signature.of(
                Numeric.toBigInt(signatureData.getR()), Numeric.toBigInt(signatureData.getS()), recoveryId);
        if (signature.isEmpty()) {
            return reject(TransactionRejection.INVALID_SIGNATURE, "r or s is outside [1, n-1] or the y parity is not 0/1");
        }
        if (!signature.get().isLowS()) {
            return reject(TransactionRejection.HIGH_S, "signature s is above n/2; Ethereum accepts only low-s signatures");
        }
        Optional<Address> sender = knownSender != null ? Optional.of(knownSender)
                : Secp256k1.INSTANCE.recoverAddress(Hashing.keccak256(payload.bytes()), signature.get());
        if (sender.isEmpty()) {
            return reject(TransactionRejection.INVALID_SIGNATURE, "no public key recovers from the signature");
        }
        return new Accepted(new Transaction(
                type,
                chainId,
                nonce.longValueExact(),
                sender.get(),
                Address.wrap(to),
                value,
                gasLimit.longValueExact(),
                maxFeePerGas,
                maxPriorityFeePerGas,
                Bytes.wrap(data),
                Hashing.keccak256(raw),
                raw));
    }

    private TransactionDecodeResult wrongChain(BigInteger txChainId) {
        return reject(TransactionRejection.WRONG_CHAIN_ID,
                "transaction is signed for chain id " + txChainId + ", this network is chain id " + chainId);
    }

    private static Rejected reject(TransactionRejection reason, String message) {
        return new Rejected(reason, message);
    }

    /** The bytes whose Keccak-256 the sender signed; computed only once the cheap checks have passed. */
    @FunctionalInterface
    private interface SigningPayload {
        byte[] bytes();
    }
}

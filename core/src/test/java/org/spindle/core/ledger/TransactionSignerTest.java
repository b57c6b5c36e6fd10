package org.spindle.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.ledger.TransactionDecodeResult.Accepted;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

class TransactionSignerTest {
    static final long CHAIN_ID = TransactionDecoderTest.CHAIN_ID;
    static final KeyPair ALICE = Secp256k1.INSTANCE.keyPair(
            Bytes.fromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    static final Address BOB = Address.fromHex(TransactionDecoderTest.BOB);
    static final BigInteger GWEI = TransactionDecoderTest.GWEI;

    private static Transaction decode(Bytes raw) {
        TransactionDecodeResult result = new TransactionDecoder(CHAIN_ID).decode(raw);
        assertThat(result).isInstanceOf(Accepted.class);
        return ((Accepted) result).transaction();
    }

    @Test
    void legacyTransferEqualsWeb3jsOwnSignatureByteForByte() {
        Bytes ours = TransactionSigner.sign(
                UnsignedTransfer.legacy(CHAIN_ID, 7, BOB, BigInteger.valueOf(12_345), 21_000, GWEI), ALICE.privateKey());
        Bytes theirs = TransactionDecoderTest.web3jLegacy(TransactionDecoderTest.legacyTransfer(), CHAIN_ID);
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void eip1559TransferEqualsWeb3jsOwnSignatureByteForByte() {
        Bytes ours = TransactionSigner.sign(UnsignedTransfer.eip1559(
                CHAIN_ID, 9, BOB, BigInteger.valueOf(54_321), 21_000, GWEI.multiply(BigInteger.valueOf(30)), GWEI),
                ALICE.privateKey());
        Bytes theirs = TransactionDecoderTest.web3jTyped(TransactionDecoderTest.eip1559Transfer(CHAIN_ID));
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void signedTransferWithDataDecodesBackToTheSameFields() {
        UnsignedTransfer transfer = UnsignedTransfer.eip1559(
                CHAIN_ID, 3, BOB, BigInteger.TEN.pow(18), 60_000, GWEI.multiply(BigInteger.TEN), GWEI)
                .withData(Bytes.fromHex("0102030405"));
        Transaction tx = decode(TransactionSigner.sign(transfer, ALICE.privateKey()));
        assertThat(tx.from()).isEqualTo(Secp256k1.address(ALICE));
        assertThat(tx.data()).isEqualTo(Bytes.fromHex("0102030405"));
        assertThat(tx.value()).isEqualTo(BigInteger.TEN.pow(18));
    }

    @Property(tries = 40)
    void anySignedTransferDecodesToItsFieldsAndSigner(
            @ForAll @Size(32) byte[] seed,
            @ForAll boolean legacy,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nonce,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long value,
            @ForAll @LongRange(min = 21_000, max = 30_000_000) long gasLimit,
            @ForAll @LongRange(min = 0, max = 1_000_000) long tip,
            @ForAll @Size(max = 64) byte[] data) {
        KeyPair key = Secp256k1.INSTANCE.keyPair(Bytes.of(seed));
        BigInteger maxFee = GWEI.add(BigInteger.valueOf(tip));
        BigInteger priority = legacy ? maxFee : BigInteger.valueOf(tip);
        UnsignedTransfer transfer = new UnsignedTransfer(legacy ? TxType.LEGACY : TxType.EIP1559, CHAIN_ID, nonce,
                BOB, BigInteger.valueOf(value), gasLimit, maxFee, priority, Bytes.of(data));
        Bytes raw = TransactionSigner.sign(transfer, key.privateKey());
        Transaction tx = decode(raw);
        assertThat(tx.from()).isEqualTo(Secp256k1.address(key));
        assertThat(tx.type()).isEqualTo(transfer.type());
        assertThat(tx.nonce()).isEqualTo(nonce);
        assertThat(tx.to()).isEqualTo(BOB);
        assertThat(tx.value()).isEqualTo(BigInteger.valueOf(value));
        assertThat(tx.gasLimit()).isEqualTo(gasLimit);
        assertThat(tx.maxFeePerGas()).isEqualTo(maxFee);
        assertThat(tx.maxPriorityFeePerGas()).isEqualTo(priority);
        assertThat(tx.data()).isEqualTo(Bytes.of(data));
        Credentials web3j = Credentials.create(key.privateKey().bytes().toHex());
        RawTransaction same = legacy
                ? RawTransaction.createTransaction(BigInteger.valueOf(nonce), maxFee, BigInteger.valueOf(gasLimit),
                        BOB.toHex(), BigInteger.valueOf(value), Bytes.of(data).toHex())
                : RawTransaction.createTransaction(CHAIN_ID, BigInteger.valueOf(nonce), BigInteger.valueOf(gasLimit),
                        BOB.toHex(), BigInteger.valueOf(value), Bytes.of(data).toHex(), priority, maxFee);
        byte[] theirs = legacy ? TransactionEncoder.signMessage(same, CHAIN_ID, web3j) : TransactionEncoder.signMessage(same, web3j);
        assertThat(raw).isEqualTo(Bytes.wrap(theirs));
    }

    @Test
    void inconsistentTransfersCannotBeBuilt() {
        assertThatThrownBy(() -> new UnsignedTransfer(TxType.LEGACY, CHAIN_ID, 0, BOB, BigInteger.ONE, 21_000,
                GWEI, BigInteger.ONE, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnsignedTransfer.eip1559(CHAIN_ID, 0, BOB, BigInteger.ONE, 21_000, GWEI,
                GWEI.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnsignedTransfer.legacy(0, 0, BOB, BigInteger.ONE, 21_000, GWEI))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

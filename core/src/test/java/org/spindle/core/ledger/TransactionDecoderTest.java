package org.spindle.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Secp256k1TestPoints;
import org.spindle.core.ledger.TransactionDecodeResult.Accepted;
import org.spindle.core.ledger.TransactionDecodeResult.Rejected;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

class TransactionDecoderTest {
    static final long CHAIN_ID = 1337;
    static final Credentials ALICE =
            Credentials.create("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    static final Address ALICE_ADDRESS = Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    static final String BOB = "0x000000000000000000000000000000000000b0b0";
    static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
    static final BigInteger N = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private final TransactionDecoder decoder = new TransactionDecoder(CHAIN_ID);

    static RawTransaction legacyTransfer() {
        return RawTransaction.createEtherTransaction(
                BigInteger.valueOf(7), GWEI, BigInteger.valueOf(21_000), BOB, BigInteger.valueOf(12_345));
    }

    static RawTransaction eip1559Transfer(long chainId) {
        return RawTransaction.createEtherTransaction(
                chainId, BigInteger.valueOf(9), BigInteger.valueOf(21_000), BOB, BigInteger.valueOf(54_321),
                GWEI, GWEI.multiply(BigInteger.valueOf(30)));
    }

    static Bytes web3jLegacy(RawTransaction tx, long chainId) {
        return Bytes.wrap(TransactionEncoder.signMessage(tx, chainId, ALICE));
    }

    static Bytes web3jTyped(RawTransaction tx) {
        return Bytes.wrap(TransactionEncoder.signMessage(tx, ALICE));
    }

    private Transaction accepted(Bytes raw) {
        TransactionDecodeResult result = decoder.decode(raw);
        assertThat(result).isInstanceOf(Accepted.class);
        return ((Accepted) result).transaction();
    }

    private void assertRejected(Bytes raw, TransactionRejection reason) {
        TransactionDecodeResult result = decoder.decode(raw);
        assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.reason()).as(r.message()).isEqualTo(reason);
            assertThat(r.message()).isNotBlank();
        });
    }

    @Test
    void legacyEip155TransactionSignedByWeb3jDecodesToItsSigner() {
        Bytes raw = web3jLegacy(legacyTransfer(), CHAIN_ID);
        Transaction tx = accepted(raw);
        assertThat(tx.type()).isEqualTo(TxType.LEGACY);
        assertThat(tx.from()).isEqualTo(ALICE_ADDRESS).isEqualTo(Address.fromHex(ALICE.getAddress()));
        assertThat(tx.to()).isEqualTo(Address.fromHex(BOB));
        assertThat(tx.chainId()).isEqualTo(CHAIN_ID);
        assertThat(tx.nonce()).isEqualTo(7);
        assertThat(tx.value()).isEqualTo(BigInteger.valueOf(12_345));
        assertThat(tx.gasLimit()).isEqualTo(21_000);
        assertThat(tx.maxFeePerGas()).isEqualTo(GWEI);
        assertThat(tx.maxPriorityFeePerGas()).isEqualTo(GWEI);
        assertThat(tx.data()).isEqualTo(Bytes.EMPTY);
        assertThat(tx.raw()).isEqualTo(raw);
        assertThat(tx.hash().bytes()).isEqualTo(Bytes.wrap(org.web3j.crypto.Hash.sha3(raw.toArray())));
    }

    @Test
    void eip1559TransactionSignedByWeb3jDecodesToItsSigner() {
        Bytes raw = web3jTyped(eip1559Transfer(CHAIN_ID));
        assertThat(raw.get(0)).isEqualTo((byte) 0x02);
        Transaction tx = accepted(raw);
        assertThat(tx.type()).isEqualTo(TxType.EIP1559);
        assertThat(tx.from()).isEqualTo(ALICE_ADDRESS);
        assertThat(tx.to()).isEqualTo(Address.fromHex(BOB));
        assertThat(tx.chainId()).isEqualTo(CHAIN_ID);
        assertThat(tx.nonce()).isEqualTo(9);
        assertThat(tx.value()).isEqualTo(BigInteger.valueOf(54_321));
        assertThat(tx.maxPriorityFeePerGas()).isEqualTo(GWEI);
        assertThat(tx.maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(30)));
        assertThat(tx.hash().bytes()).isEqualTo(Bytes.wrap(org.web3j.crypto.Hash.sha3(raw.toArray())));
    }

    @Test
    void transactionWithDataAndAccessListKeepsItsDataAndRoundTripsThroughTheCodec() {
        RawTransaction withData = RawTransaction.createTransaction(
                CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(50_000), BOB, BigInteger.TEN, "0xcafebabe",
                GWEI, GWEI.multiply(BigInteger.TWO),
                List.of(new AccessListObject(BOB, List.of(
                        "0x0000000000000000000000000000000000000000000000000000000000000001"))));
        Transaction tx = accepted(web3jTyped(withData));
        assertThat(tx.data()).isEqualTo(Bytes.fromHex("cafebabe"));
        assertThat(tx.from()).isEqualTo(ALICE_ADDRESS);
        assertThat(TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(tx))).isEqualTo(tx);
    }

    @Test
    void everyTruncationIsRejectedAsMalformed() {
        for (Bytes raw : List.of(web3jLegacy(legacyTransfer(), CHAIN_ID), web3jTyped(eip1559Transfer(CHAIN_ID)))) {
            for (int length = 0; length < raw.size(); length++) {
                assertRejected(raw.slice(0, length), TransactionRejection.MALFORMED);
            }
        }
    }

    @Test
    void trailingBytesAreRejectedAsMalformed() {
        Bytes raw = web3jLegacy(legacyTransfer(), CHAIN_ID);
        assertRejected(raw.concat(Bytes.of((byte) 0)), TransactionRejection.MALFORMED);
        Bytes typed = web3jTyped(eip1559Transfer(CHAIN_ID));
        assertRejected(typed.concat(Bytes.fromHex("c0")), TransactionRejection.MALFORMED);
    }

    @Test
    void garbageIsRejectedAsMalformed() {
        for (String hex : List.of("deadbeef", "c0", "c180", "80", "b8ff", "f8", "02", "02c0", "02deadbeef",
                "f84180808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080808080")) {
            assertRejected(Bytes.fromHex(hex), TransactionRejection.MALFORMED);
        }
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = (byte) (0xc0 | junk[0]);
            assertRejected(Bytes.wrap(junk), TransactionRejection.MALFORMED);
        }
    }

    @Test
    void deeplyNestedListsAreRejectedAsMalformedEvenOnASmallStack() throws InterruptedException {
        int levels = TransactionDecoder.MAX_SIZE / 3;
        byte[] nested = new byte[levels * 3];
        for (int i = 0; i < levels; i++) {
            int inner = (levels - i - 1) * 3;
            nested[3 * i] = (byte) 0xf9;
            nested[3 * i + 1] = (byte) (inner >> 8);
            nested[3 * i + 2] = (byte) inner;
        }
        assertRejected(Bytes.wrap(nested), TransactionRejection.MALFORMED);
        AtomicReference<TransactionDecodeResult> onSmallStack = new AtomicReference<>();
        Thread thread = new Thread(null, () -> onSmallStack.set(decoder.decode(Bytes.wrap(nested))), "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        assertThat(onSmallStack.get()).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(TransactionRejection.MALFORMED));
    }

    @Test
    void oversizedInputIsRejectedBeforeParsing() {
        assertRejected(Bytes.wrap(new byte[TransactionDecoder.MAX_SIZE + 1]), TransactionRejection.OVERSIZED);
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 0xc0);
        assertRejected(Bytes.wrap(big), TransactionRejection.OVERSIZED);
    }

    @Test
    void dataLargerThanTheCodecAllowsIsRejectedAsOversized() {
        String data = Numeric.toHexString(new byte[TransactionCodec.MAX_DATA + 1]);
        RawTransaction tx = RawTransaction.createTransaction(
                BigInteger.ONE, GWEI, BigInteger.valueOf(5_000_000), BOB, BigInteger.ONE, data);
        Bytes raw = web3jLegacy(tx, CHAIN_ID);
        assertThat(raw.size()).isLessThanOrEqualTo(TransactionDecoder.MAX_SIZE);
        assertRejected(raw, TransactionRejection.OVERSIZED);
    }

    @Test
    void aKnownSenderDecodesToTheSameTransactionAndTheChecksStillApply() {
        for (Bytes raw : java.util.List.of(web3jLegacy(legacyTransfer(), CHAIN_ID), web3jTyped(eip1559Transfer(CHAIN_ID)))) {
            TransactionDecodeResult known = decoder.decodeWithKnownSender(raw, ALICE_ADDRESS);
            assertThat(known).isInstanceOf(Accepted.class);
            assertThat(((Accepted) known).transaction()).isEqualTo(accepted(raw));
        }
        assertThat(decoder.decodeWithKnownSender(web3jLegacy(legacyTransfer(), 1), ALICE_ADDRESS))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(TransactionRejection.WRONG_CHAIN_ID));
        Bytes raw = web3jLegacy(legacyTransfer(), CHAIN_ID);
        assertThat(decoder.decodeWithKnownSender(raw.slice(0, raw.size() - 1), ALICE_ADDRESS))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(TransactionRejection.MALFORMED));
    }

    @Test
    void wrongChainIdIsRejected() {
        assertRejected(web3jLegacy(legacyTransfer(), 1), TransactionRejection.WRONG_CHAIN_ID);
        assertRejected(web3jTyped(eip1559Transfer(1)), TransactionRejection.WRONG_CHAIN_ID);
        assertThat(new TransactionDecoder(1).decode(web3jLegacy(legacyTransfer(), 1))).isInstanceOf(Accepted.class);
    }

    @Test
    void legacyTransactionWithoutEip155IsRejected() {
        Bytes preEip155 = Bytes.wrap(TransactionEncoder.signMessage(legacyTransfer(), ALICE));
        assertRejected(preEip155, TransactionRejection.MISSING_CHAIN_ID);
    }

    @Test
    void contractCreationIsRejected() {
        RawTransaction legacyCreate = RawTransaction.createContractTransaction(
                BigInteger.ONE, GWEI, BigInteger.valueOf(100_000), BigInteger.ZERO, "0x6000");
        assertRejected(web3jLegacy(legacyCreate, CHAIN_ID), TransactionRejection.CONTRACT_CREATION);
        RawTransaction typedCreate = RawTransaction.createTransaction(
                CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(100_000), "", BigInteger.ZERO, "0x6000", GWEI, GWEI);
        assertRejected(web3jTyped(typedCreate), TransactionRejection.CONTRACT_CREATION);
    }

    @Test
    void otherTypedEnvelopesAreUnsupported() {
        RawTransaction accessList = RawTransaction.createTransaction(
                CHAIN_ID, BigInteger.ONE, GWEI, BigInteger.valueOf(21_000), BOB, BigInteger.ONE, "", List.of());
        Bytes raw = web3jTyped(accessList);
        assertThat(raw.get(0)).isEqualTo((byte) 0x01);
        assertRejected(raw, TransactionRejection.UNSUPPORTED_TYPE);
        assertRejected(Bytes.fromHex("03c0"), TransactionRejection.UNSUPPORTED_TYPE);
        assertRejected(Bytes.fromHex("04c0"), TransactionRejection.UNSUPPORTED_TYPE);
    }

    @Test
    void unsignedTransactionIsRejected() {
        Bytes unsigned = Bytes.wrap(TransactionEncoder.encode(legacyTransfer()));
        assertRejected(unsigned, TransactionRejection.INVALID_SIGNATURE);
    }

    private static Bytes legacyWithSignature(BigInteger v, BigInteger r, BigInteger s) {
        return Bytes.wrap(TransactionEncoder.encode(legacyTransfer(), new Sign.SignatureData(
                BigIntegers.asUnsignedByteArray(v), BigIntegers.asUnsignedByteArray(32, r),
                BigIntegers.asUnsignedByteArray(32, s))));
    }

    private static Sign.SignatureData aliceLegacySignature() {
        return ((org.web3j.crypto.SignedRawTransaction) org.web3j.crypto.TransactionDecoder.decode(
                web3jLegacy(legacyTransfer(), CHAIN_ID).toHex())).getSignatureData();
    }

    @Test
    void tamperedSignaturesAreRejectedWithTheirReason() {
        Sign.SignatureData sig = aliceLegacySignature();
        BigInteger v = Numeric.toBigInt(sig.getV());
        BigInteger r = Numeric.toBigInt(sig.getR());
        BigInteger s = Numeric.toBigInt(sig.getS());
        assertThat(accepted(legacyWithSignature(v, r, s)).from()).isEqualTo(ALICE_ADDRESS);

        assertRejected(legacyWithSignature(v, r, N.subtract(s)), TransactionRejection.HIGH_S);
        assertRejected(legacyWithSignature(v, BigInteger.ZERO, s), TransactionRejection.INVALID_SIGNATURE);
        assertRejected(legacyWithSignature(v, N, s), TransactionRejection.INVALID_SIGNATURE);
        assertRejected(legacyWithSignature(v, r, BigInteger.ZERO), TransactionRejection.INVALID_SIGNATURE);
        assertRejected(legacyWithSignature(v, Secp256k1TestPoints.firstNonXCoordinate(), s),
                TransactionRejection.INVALID_SIGNATURE);
        assertRejected(legacyWithSignature(BigInteger.valueOf(30), r, s), TransactionRejection.INVALID_SIGNATURE);
    }

    @Test
    void noSingleTamperedByteLeavesTheSignerAsSender() {
        for (Bytes raw : List.of(web3jLegacy(legacyTransfer(), CHAIN_ID), web3jTyped(eip1559Transfer(CHAIN_ID)))) {
            for (int i = 0; i < raw.size(); i++) {
                for (int mask : new int[] {0x01, 0x80}) {
                    byte[] tampered = raw.toArray();
                    tampered[i] ^= (byte) mask;
                    TransactionDecodeResult result = decoder.decode(Bytes.wrap(tampered));
                    if (result instanceof Accepted a) {
                        assertThat(a.transaction().from()).as("byte %d mask %x", i, mask).isNotEqualTo(ALICE_ADDRESS);
                    }
                }
            }
        }
    }

    @Test
    void priorityFeeAboveTheFeeCapIsRejected() {
        RawTransaction tx = RawTransaction.createEtherTransaction(
                CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(21_000), BOB, BigInteger.ONE, GWEI.multiply(BigInteger.TWO), GWEI);
        assertRejected(web3jTyped(tx), TransactionRejection.INVALID_FIELD);
    }

    @Test
    void nonceBeyondALongIsRejected() {
        RawTransaction tx = RawTransaction.createEtherTransaction(
                BigInteger.ONE.shiftLeft(63), GWEI, BigInteger.valueOf(21_000), BOB, BigInteger.ONE);
        assertRejected(web3jLegacy(tx, CHAIN_ID), TransactionRejection.INVALID_FIELD);
    }

    @Test
    void recipientOfTheWrongLengthIsMalformed() {
        RawTransaction tx = RawTransaction.createEtherTransaction(
                BigInteger.ONE, GWEI, BigInteger.valueOf(21_000), "0x00000000000000000000000000000000000000b0b0", BigInteger.ONE);
        assertRejected(web3jLegacy(tx, CHAIN_ID), TransactionRejection.MALFORMED);
    }
}

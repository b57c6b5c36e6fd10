package org.spindle.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.merkle.MerkleProof;
import org.spindle.core.merkle.SmtProof;
import org.spindle.core.state.AccountProof;
import org.spindle.core.state.ReceiptProof;

class LedgerCodecProperties {

    /** Encodes, decodes, and checks that every strict prefix and a one-byte extension are refused. */
    private static <T> void roundTripsAndRejectsBadLengths(Codec<T> codec, T value) {
        Bytes enc = codec.encode(value);
        assertThat(enc.size()).isLessThanOrEqualTo(codec.maxSize());
        assertThat(codec.decode(enc)).isEqualTo(value);
        assertThat(codec.encode(codec.decode(enc))).isEqualTo(enc);
        for (int cut = 0; cut < enc.size(); cut += Math.max(1, enc.size() / 16)) {
            Bytes truncated = enc.slice(0, cut);
            assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(CodecException.class);
        }
        Bytes longer = enc.concat(Bytes.of((byte) 0));
        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(CodecException.class);
    }

    @Property(tries = 200)
    void accountsRoundTrip(@ForAll("accounts") Account a) {
        roundTripsAndRejectsBadLengths(Account.CODEC, a);
    }

    @Property(tries = 100)
    void receiptIdsRoundTrip(@ForAll("receiptIds") ReceiptId id) {
        roundTripsAndRejectsBadLengths(ReceiptId.CODEC, id);
    }

    @Property(tries = 200)
    void receiptsRoundTrip(@ForAll("receipts") Receipt r) {
        roundTripsAndRejectsBadLengths(Receipt.CODEC, r);
    }

    @Property(tries = 150)
    void headersRoundTripAndTheirHashIgnoresOnlyTheCertificate(@ForAll("headers") BlockHeader h) {
        roundTripsAndRejectsBadLengths(BlockHeader.CODEC, h);
        assertThat(h.withCertificate(Bytes.of((byte) 1, (byte) 2)).hash()).isEqualTo(h.hash());
        BlockHeader otherHeight = new BlockHeader(h.parentHash(), h.height() ^ 1, h.shard(), h.epoch(),
                h.stateRoot(), h.transactionsRoot(), h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(),
                h.proposerKey(), h.feeRecipient(), h.extensions(), h.certificate());
        assertThat(otherHeight.hash()).isNotEqualTo(h.hash());
    }

    @Property(tries = 60)
    void blocksRoundTrip(@ForAll("blocks") Block b) {
        roundTripsAndRejectsBadLengths(Block.CODEC, b);
    }

    @Property(tries = 100)
    void merkleProofsRoundTrip(@ForAll("merkleProofs") MerkleProof p) {
        roundTripsAndRejectsBadLengths(MerkleProof.CODEC, p);
    }

    @Property(tries = 100)
    void incomingReceiptsRoundTrip(@ForAll("incomingReceipts") IncomingReceipt r) {
        roundTripsAndRejectsBadLengths(IncomingReceipt.CODEC, r);
    }

    @Property(tries = 100)
    void stateProofsRoundTrip(@ForAll("accounts") Account a, @ForAll("receiptIds") ReceiptId id) {
        var smt = new org.spindle.core.merkle.SparseMerkleTree();
        var batch = smt.batch();
        for (int i = 0; i < 20; i++) {
            batch.put(org.spindle.core.crypto.Hashing.sha256(new byte[] {(byte) i}), id.hash());
        }
        batch.commit();
        SmtProof proof = smt.prove(id.hash());
        roundTripsAndRejectsBadLengths(SmtProof.CODEC, proof);
        roundTripsAndRejectsBadLengths(AccountProof.CODEC,
                new AccountProof(org.spindle.core.bytes.Address.ZERO, a, proof));
        roundTripsAndRejectsBadLengths(ReceiptProof.CODEC, new ReceiptProof(id, a.nonce() % 2 == 0, proof));
    }

    @Property(tries = 50)
    void encodingsAboveTheLimitAreRefusedBeforeReading(@ForAll("accounts") Account a) {
        Bytes huge = Bytes.wrap(new byte[Account.CODEC.maxSize() + 1]);
        assertThatThrownBy(() -> Account.CODEC.decode(huge)).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds the limit");
        Bytes hugeReceipt = Bytes.wrap(new byte[Receipt.CODEC.maxSize() + 1]);
        assertThatThrownBy(() -> Receipt.CODEC.decode(hugeReceipt)).isInstanceOf(CodecException.class);
    }

    @Provide
    Arbitrary<Account> accounts() {
        return LedgerGen.accounts();
    }

    @Provide
    Arbitrary<ReceiptId> receiptIds() {
        return LedgerGen.receiptIds();
    }

    @Provide
    Arbitrary<Receipt> receipts() {
        return LedgerGen.receipts();
    }

    @Provide
    Arbitrary<BlockHeader> headers() {
        return LedgerGen.headers();
    }

    @Provide
    Arbitrary<Block> blocks() {
        return LedgerGen.blocks();
    }

    @Provide
    Arbitrary<MerkleProof> merkleProofs() {
        return LedgerGen.merkleProofs();
    }

    @Provide
    Arbitrary<IncomingReceipt> incomingReceipts() {
        return LedgerGen.incomingReceipts();
    }
}

package org.spindle.protocol.crosshard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.merkle.MerkleProof;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.crosshard.RelayVerdict.Reason;

/** Bad relayed receipts are each rejected with a reason, and the destination is left as it was. */
class ReceiptInboxTest {
    final Shards shards = new Shards(3);
    final KnownFinalHeaders finalHeaders = new KnownFinalHeaders(100);
    final ReceiptInbox inbox = new ReceiptInbox(1, finalHeaders, 3, 100);
    /** Headers made by {@link #finalRelay}, so tests can pair receipts with their header. */
    final Map<Hash, BlockHeader> headers = new HashMap<>();

    /** A final block of shard 0 sending {@code n} receipts to shard 1, relayed as one message. */
    RelayReceipts finalRelay(int n) {
        Shards.Executed src = shards.crossBlock(0, 1, n, 500);
        ReceiptRelay relay = new ReceiptRelay(0, 100);
        relay.track(src.header(), src.result().outgoingReceipts(), 0);
        finalHeaders.markFinal(src.header());
        headers.put(src.header().hash(), src.header());
        return relay.onFinal(src.header(), 0).get(0).message();
    }

    /** The same receipt with one bit of its proof's first sibling flipped. */
    static IncomingReceipt withFlippedSibling(IncomingReceipt good) {
        List<Hash> siblings = new ArrayList<>(good.proof().siblings());
        byte[] b = siblings.get(0).toArray();
        b[0] ^= 1;
        siblings.set(0, Hash.wrap(b));
        return new IncomingReceipt(good.receipt(), good.sourceBlockHash(),
                new MerkleProof(good.proof().index(), good.proof().count(), siblings));
    }

    Reason rejection(RelayReceipts m) {
        WorldState dest = shards.states.get(1);
        Hash root = dest.root();
        int queued = inbox.queued();
        List<RelayVerdict> v = inbox.offer(m, dest);
        assertThat(dest.root()).as("state unchanged").isEqualTo(root);
        assertThat(inbox.queued()).as("queue unchanged").isEqualTo(queued);
        assertThat(v).hasSize(1);
        return ((RelayVerdict.Rejected) v.get(0)).reason();
    }

    @Test
    void aReceiptFromAHeaderThatIsNotFinalIsRejected() {
        Shards.Executed src = shards.crossBlock(0, 1, 1, 500);
        Receipt r = src.result().outgoingReceipts().get(0);
        RelayReceipts m = new RelayReceipts(src.header(), List.of(new IncomingReceipt(r, src.header().hash(),
                MerkleTree.prove(List.of(Receipt.CODEC.encode(r)), 0))));
        assertThat(rejection(m)).isEqualTo(Reason.SOURCE_NOT_FINAL);
        RelayVerdict.Rejected v = (RelayVerdict.Rejected) inbox.offer(m, shards.states.get(1)).get(0);
        assertThat(v.detail()).contains("is not known to be final");
    }

    @Test
    void aReceiptWithATamperedProofIsRejected() {
        IncomingReceipt good = finalRelay(3).receipts().get(1);
        assertThat(rejection(new RelayReceipts(headerOf(good), List.of(withFlippedSibling(good)))))
                .isEqualTo(Reason.BAD_PROOF);
    }

    @Test
    void aReceiptWhoseValueWasInflatedNoLongerMatchesItsProof() {
        IncomingReceipt good = finalRelay(2).receipts().get(0);
        Receipt r = good.receipt();
        Receipt inflated = new Receipt(r.id(), r.sourceShard(), r.destinationShard(), r.sourceHeight(), r.index(),
                r.from(), r.to(), r.value().multiply(BigInteger.valueOf(1_000)));
        assertThat(rejection(new RelayReceipts(headerOf(good),
                List.of(new IncomingReceipt(inflated, good.sourceBlockHash(), good.proof())))))
                .isEqualTo(Reason.BAD_PROOF);
    }

    @Test
    void aReceiptForAnotherShardIsRejected() {
        RelayReceipts m = finalRelay(1);
        ReceiptInbox shard2 = new ReceiptInbox(2, finalHeaders, 10, 10);
        WorldState s2 = shards.states.get(2);
        Hash root = s2.root();
        RelayVerdict v = shard2.offer(m, s2).get(0);
        assertThat(((RelayVerdict.Rejected) v).reason()).isEqualTo(Reason.WRONG_DESTINATION_SHARD);
        assertThat(s2.root()).isEqualTo(root);
        assertThat(shard2.queued()).isZero();
    }

    @Test
    void aFinalSourceBlockThatAddressesARecipientOfAnotherShardIsRejected() {
        // A corrupt source shard may finalize a receipt claiming shard 1 for a shard-2 account.
        Receipt r = new Receipt(ReceiptId.of(shards.accounts.get(0).get(0), 77), 0, 1, 5, 0,
                shards.accounts.get(0).get(0), shards.accounts.get(2).get(2), BigInteger.TEN);
        BlockHeader h = Shards.headerFor(0, 5, List.of(r));
        finalHeaders.markFinal(h);
        RelayReceipts m = new RelayReceipts(h, List.of(new IncomingReceipt(r, h.hash(),
                MerkleTree.prove(List.of(Receipt.CODEC.encode(r)), 0))));
        assertThat(rejection(m)).isEqualTo(Reason.RECIPIENT_NOT_IN_SHARD);
    }

    @Test
    void aReceiptRelayedWithAnotherFinalHeaderIsRejected() {
        IncomingReceipt good = finalRelay(1).receipts().get(0);
        BlockHeader other = finalRelay(1).sourceHeader();
        assertThat(rejection(new RelayReceipts(other, List.of(good)))).isEqualTo(Reason.HEADER_MISMATCH);
    }

    @Test
    void aReceiptWhosePositionDisagreesWithTheHeaderIsRejected() {
        IncomingReceipt good = finalRelay(2).receipts().get(1);
        Receipt r = good.receipt();
        Receipt moved = new Receipt(r.id(), r.sourceShard(), r.destinationShard(), r.sourceHeight() + 1, r.index(),
                r.from(), r.to(), r.value());
        assertThat(rejection(new RelayReceipts(headerOf(good),
                List.of(new IncomingReceipt(moved, good.sourceBlockHash(), good.proof())))))
                .isEqualTo(Reason.POSITION_MISMATCH);
    }

    @Test
    void aReplayedReceiptIsRejectedAfterItWasCredited() {
        RelayReceipts m = finalRelay(1);
        assertThat(inbox.offer(m, shards.states.get(1))).allMatch(RelayVerdict::accepted);
        shards.block(1, List.of(), inbox.nextBatch(10, shards.states.get(1)));
        BigInteger balance = shards.states.get(1).account(m.receipts().get(0).receipt().to()).balance();
        assertThat(rejection(m)).isEqualTo(Reason.ALREADY_CONSUMED);
        assertThat(shards.states.get(1).account(m.receipts().get(0).receipt().to()).balance()).isEqualTo(balance);
    }

    @Test
    void anExactCopyOfAQueuedReceiptIsRejectedAsQueuedButATamperedOneStillFailsItsProof() {
        RelayReceipts m = finalRelay(2);
        assertThat(inbox.offer(m, shards.states.get(1))).allMatch(RelayVerdict::accepted);
        assertThat(rejection(new RelayReceipts(m.sourceHeader(), List.of(m.receipts().get(0)))))
                .isEqualTo(Reason.ALREADY_QUEUED);
        assertThat(rejection(new RelayReceipts(m.sourceHeader(), List.of(withFlippedSibling(m.receipts().get(1))))))
                .isEqualTo(Reason.BAD_PROOF);
    }

    @Test
    void aFullInboxRefusesMoreAndTheSourceKeepsThemForLater() {
        RelayReceipts m = finalRelay(5);
        List<RelayVerdict> v = inbox.offer(m, shards.states.get(1));
        assertThat(v).extracting(RelayVerdict::accepted).containsExactly(true, true, true, false, false);
        assertThat(((RelayVerdict.Rejected) v.get(4)).reason()).isEqualTo(Reason.INBOX_FULL);
        assertThat(inbox.nextBatch(2, shards.states.get(1))).extracting(r -> r.receipt().index()).containsExactly(0, 1);
        assertThat(inbox.queuedBySourceShard()).containsEntry(0, 3);
    }

    private BlockHeader headerOf(IncomingReceipt r) {
        return headers.get(r.sourceBlockHash());
    }
}

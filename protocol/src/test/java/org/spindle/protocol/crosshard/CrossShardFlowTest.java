package org.spindle.protocol.crosshard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.state.ReceiptProof;
import org.spindle.protocol.crosshard.RelayVerdict.Reason;

/** A transfer from shard 0 to shard 1: debit, finality, relay as bytes, verified credit, once, ack. */
class CrossShardFlowTest {
    final Shards shards = new Shards(2);
    final KnownFinalHeaders finalHeaders = new KnownFinalHeaders(1_000);
    final ReceiptRelay relay = new ReceiptRelay(0, 10_000);
    final ReceiptInbox inbox = new ReceiptInbox(1, finalHeaders, 10_000, 100);

    @Test
    void receiptsTravelOnlyAfterFinalityAndAreCreditedExactlyOnce() {
        BigInteger supply = shards.supply();
        Shards.Executed src = shards.crossBlock(0, 1, 5, 1_000);
        List<Receipt> emitted = src.result().outgoingReceipts();
        assertThat(emitted).hasSize(5);
        BigInteger inFlight = emitted.stream().map(Receipt::value).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(shards.supply().add(inFlight)).isEqualTo(supply);

        assertThat(relay.track(src.header(), emitted, 100)).isEqualTo(new ReceiptRelay.Track.Tracked(5));
        assertThat(relay.reRelay(1_000_000, 0)).as("nothing leaves before finality").isEmpty();
        assertThat(relay.pending(600)).hasSize(5).allSatisfy(p -> {
            assertThat(p.sourceFinal()).isFalse();
            assertThat(p.ageMicros()).isEqualTo(500);
        });

        finalHeaders.markFinal(src.header());
        List<ReceiptRelay.Outbound> out = relay.onFinal(src.header(), 1_000);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).destinationShard()).isEqualTo(1);
        assertThat(out.get(0).attempt()).as("a block's first relay").isZero();
        RelayReceipts wire = (RelayReceipts) CrossShardMessage.CODEC.decode(
                CrossShardMessage.CODEC.encode(out.get(0).message()));
        assertThat(wire).isEqualTo(out.get(0).message());

        assertThat(inbox.offer(wire, shards.states.get(1))).allMatch(RelayVerdict::accepted).hasSize(5);
        assertThat(inbox.offer(wire, shards.states.get(1))).extracting(v -> ((RelayVerdict.Rejected) v).reason())
                .containsOnly(Reason.ALREADY_QUEUED);
        List<IncomingReceipt> batch = inbox.nextBatch(100, shards.states.get(1));
        assertThat(batch).hasSize(5);
        Shards.Executed dst = shards.block(1, List.of(), batch);
        assertThat(dst.result().receiptOutcomes()).allMatch(o -> o instanceof ReceiptOutcome.Credited);
        assertThat(shards.supply()).isEqualTo(supply);
        assertThat(inbox.nextBatch(100, shards.states.get(1))).as("credited receipts leave the queue").isEmpty();

        // A re-relay after the credit is rejected as a duplicate and changes nothing.
        Hash rootBefore = shards.states.get(1).root();
        List<ReceiptRelay.Outbound> again = relay.reRelay(5_000, 1_000);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempt()).as("re-relays count up, so senders can ask new members").isEqualTo(1);
        assertThat(relay.reRelay(9_000, 1_000)).singleElement().extracting(ReceiptRelay.Outbound::attempt)
                .isEqualTo(2);
        assertThat(inbox.offer(again.get(0).message(), shards.states.get(1)))
                .extracting(v -> ((RelayVerdict.Rejected) v).reason()).containsOnly(Reason.ALREADY_CONSUMED);
        assertThat(shards.states.get(1).root()).isEqualTo(rootBefore);
        assertThat(inbox.queued()).isZero();
        assertThat(relay.pending(5_000)).allSatisfy(p -> {
            assertThat(p.relays()).isEqualTo(3);
            assertThat(p.finalAtMicros()).isEqualTo(1_000);
        });

        // The destination proves consumption under its final header; the source clears its view.
        finalHeaders.markFinal(dst.header());
        List<ReceiptProof> proofs = emitted.stream().map(r -> shards.states.get(1).proveReceipt(r.id())).toList();
        CreditAck ack = (CreditAck) CrossShardMessage.CODEC.decode(
                CrossShardMessage.CODEC.encode(new CreditAck(dst.header(), proofs)));
        ReceiptRelay.AckResult res = relay.acknowledge(ack, finalHeaders);
        assertThat(res.cleared()).isEqualTo(5);
        assertThat(res.refused()).isEmpty();
        assertThat(relay.pending(6_000)).isEmpty();
        assertThat(relay.reRelay(1_000_000, 0)).isEmpty();
    }

    @Test
    void aValidatorChecksProposedReceiptsAgainstHeadersItVerified() {
        Shards.Executed src = shards.crossBlock(0, 1, 2, 10);
        relay.track(src.header(), src.result().outgoingReceipts(), 0);
        finalHeaders.markFinal(src.header());
        RelayReceipts m = relay.onFinal(src.header(), 1).get(0).message();
        IncomingReceipt r = m.receipts().get(0);
        ReceiptInbox other = new ReceiptInbox(1, finalHeaders, 10, 10);
        assertThat(other.checkProposed(r, shards.states.get(1))).isEqualTo(new RelayVerdict.Rejected(r.receipt().id(),
                Reason.UNKNOWN_SOURCE_HEADER, "source block " + src.header().hash().toHex() + " has not been relayed here"));
        other.offer(m, shards.states.get(1));
        assertThat(other.checkProposed(r, shards.states.get(1)).accepted()).isTrue();
    }
}

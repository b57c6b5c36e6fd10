package org.spindle.protocol.crosshard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.state.ReceiptProof;
import org.spindle.protocol.crosshard.ReceiptRelay.Track;

class ReceiptRelayTest {
    final Shards shards = new Shards(3);
    final ReceiptRelay relay = new ReceiptRelay(0, 20);

    @Test
    void aFinalBlocksReceiptsGoOutOneMessagePerDestinationWithProofsThatVerify() {
        List<Receipt> rs = new java.util.ArrayList<>();
        List<org.spindle.core.ledger.Transaction> txs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            txs.add(shards.transfer(0, shards.accounts.get(1 + i % 2).get(2), 100 + i));
        }
        Shards.Executed b = shards.block(0, txs, List.of());
        rs.addAll(b.result().outgoingReceipts());
        relay.track(b.header(), rs, 10);
        List<ReceiptRelay.Outbound> out = relay.onFinal(b.header(), 20);
        assertThat(out).extracting(ReceiptRelay.Outbound::destinationShard).containsExactly(1, 2);
        assertThat(out).allSatisfy(o -> {
            assertThat(o.message().receipts()).hasSize(3)
                    .allMatch(r -> r.receipt().destinationShard() == o.destinationShard())
                    .allMatch(r -> r.verifyAgainst(b.header()) == org.spindle.core.ledger.IncomingReceipt.Check.VALID);
            assertThat(o.message().sourceHeader()).isEqualTo(b.header());
        });
        assertThat(relay.pending(50)).hasSize(6).allMatch(p -> p.sourceFinal() && p.ageMicros() == 40);
    }

    @Test
    void onlyTheFinalForkIsRelayedAndTheCompetingBlockIsDropped() {
        Shards.Executed a = shards.crossBlock(0, 1, 2, 5);
        shards.heights[0]--; // a competing block at the same height
        Shards.Executed b = shards.crossBlock(0, 1, 3, 7);
        assertThat(a.header().height()).isEqualTo(b.header().height());
        relay.track(a.header(), a.result().outgoingReceipts(), 0);
        relay.track(b.header(), b.result().outgoingReceipts(), 0);
        assertThat(relay.pendingCount()).isEqualTo(5);
        List<ReceiptRelay.Outbound> out = relay.onFinal(b.header(), 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).message().sourceHeader()).isEqualTo(b.header());
        assertThat(relay.pendingCount()).isEqualTo(3);
        assertThat(relay.onFinal(a.header(), 2)).as("a dropped fork stays dropped").isEmpty();
    }

    @Test
    void blocksThatDoNotMatchTheirReceiptsOrThisShardAreRefused() {
        Shards.Executed b = shards.crossBlock(0, 1, 3, 5);
        List<Receipt> rs = b.result().outgoingReceipts();
        assertThat(relay.track(b.header(), rs.subList(0, 2), 0)).isInstanceOf(Track.Refused.class)
                .extracting(t -> ((Track.Refused) t).why()).isEqualTo(Track.Why.ROOT_MISMATCH);
        assertThat(((Track.Refused) relay.track(b.header(), List.of(rs.get(1), rs.get(0), rs.get(2)), 0)).why())
                .isEqualTo(Track.Why.RECEIPT_MISMATCH);
        assertThat(((Track.Refused) new ReceiptRelay(1, 10).track(b.header(), rs, 0)).why())
                .isEqualTo(Track.Why.WRONG_SHARD);
        assertThat(relay.pendingCount()).isZero();
        assertThat(relay.track(b.header(), rs, 0)).isEqualTo(new Track.Tracked(3));
        assertThat(((Track.Refused) relay.track(b.header(), rs, 0)).why()).isEqualTo(Track.Why.ALREADY_TRACKED);
        relay.onFinal(b.header(), 0);
        assertThat(((Track.Refused) relay.track(b.header(), rs, 0)).why()).isEqualTo(Track.Why.ALREADY_TRACKED);
    }

    @Test
    void theRelayRefusesBlocksBeyondItsCapacity() {
        Shards.Executed b1 = shards.crossBlock(0, 1, 15, 5);
        Shards.Executed b2 = shards.crossBlock(0, 1, 6, 5);
        assertThat(relay.track(b1.header(), b1.result().outgoingReceipts(), 0)).isEqualTo(new Track.Tracked(15));
        assertThat(((Track.Refused) relay.track(b2.header(), b2.result().outgoingReceipts(), 0)).why())
                .isEqualTo(Track.Why.FULL);
    }

    @Test
    void reRelaySendsOnlyReceiptsWhoseLastRelayIsOldEnough() {
        Shards.Executed b = shards.crossBlock(0, 1, 2, 5);
        relay.track(b.header(), b.result().outgoingReceipts(), 0);
        relay.onFinal(b.header(), 1_000);
        assertThat(relay.reRelay(1_500, 1_000)).isEmpty();
        assertThat(relay.reRelay(2_000, 1_000)).hasSize(1);
        assertThat(relay.reRelay(2_500, 1_000)).isEmpty();
        assertThat(relay.markCredited(b.result().outgoingReceipts().get(0).id())).isTrue();
        assertThat(relay.markCredited(b.result().outgoingReceipts().get(0).id())).isFalse();
        assertThat(relay.reRelay(9_000, 1_000).get(0).message().receipts()).hasSize(1);
    }

    @Test
    void reRelayTracksEachReceiptsOwnLastRelayAcrossBlocksFinalAtDifferentTimes() {
        Shards.Executed first = shards.crossBlock(0, 1, 2, 5);
        relay.track(first.header(), first.result().outgoingReceipts(), 0);
        relay.onFinal(first.header(), 1_000);
        Shards.Executed second = shards.crossBlock(0, 2, 3, 7);
        relay.track(second.header(), second.result().outgoingReceipts(), 1_200);
        relay.onFinal(second.header(), 1_600);
        assertThat(relay.reRelay(1_999, 1_000)).as("nothing is a full period old").isEmpty();
        assertThat(relay.reRelay(2_000, 1_000)).extracting(ReceiptRelay.Outbound::destinationShard)
                .containsExactly(1);
        assertThat(relay.reRelay(2_599, 1_000)).isEmpty();
        assertThat(relay.reRelay(2_600, 1_000)).extracting(ReceiptRelay.Outbound::destinationShard)
                .containsExactly(2);
        assertThat(relay.reRelay(2_999, 1_000)).isEmpty();
        assertThat(relay.reRelay(4_000, 1_000)).extracting(ReceiptRelay.Outbound::destinationShard)
                .containsExactly(1, 2);
        assertThat(relay.reRelay(4_000, 0)).as("a zero age makes everything due at once")
                .extracting(ReceiptRelay.Outbound::destinationShard).containsExactly(1, 2);
    }

    @Test
    void acksThatProveNothingAreRefusedAndClearNothing() {
        Shards.Executed b = shards.crossBlock(0, 1, 1, 5);
        Receipt r = b.result().outgoingReceipts().get(0);
        relay.track(b.header(), List.of(r), 0);
        relay.onFinal(b.header(), 0);
        KnownFinalHeaders finality = new KnownFinalHeaders(10);
        // Not yet credited at the destination: its state proves non-consumption.
        Shards.Executed d = shards.block(1, List.of(), List.of());
        ReceiptProof notConsumed = shards.states.get(1).proveReceipt(r.id());
        CreditAck ack = new CreditAck(d.header(), List.of(notConsumed));
        assertThat(relay.acknowledge(ack, finality).refused()).singleElement().asString().contains("not final");
        finality.markFinal(d.header());
        assertThat(relay.acknowledge(ack, finality).refused()).singleElement().asString().contains("not consumed");
        ReceiptProof forged = new ReceiptProof(r.id(), true, notConsumed.proof());
        assertThat(relay.acknowledge(new CreditAck(d.header(), List.of(forged)), finality).refused()).singleElement()
                .asString().contains("does not match the state root");
        ReceiptProof stranger = shards.states.get(1).proveReceipt(ReceiptId.of(shards.accounts.get(2).get(0), 3));
        assertThat(relay.acknowledge(new CreditAck(d.header(), List.of(stranger)), finality).refused())
                .singleElement().asString().contains("not pending here");
        BlockHeader shard2 = shards.block(2, List.of(), List.of()).header();
        finality.markFinal(shard2);
        assertThat(relay.acknowledge(new CreditAck(shard2, List.of(notConsumed)), finality).refused())
                .singleElement().asString().contains("destined for shard 1");
        assertThat(relay.pendingFinalCount()).isEqualTo(1);
        assertThat(relay.pending(0).get(0).receipt().value()).isEqualTo(BigInteger.valueOf(5));
    }
}

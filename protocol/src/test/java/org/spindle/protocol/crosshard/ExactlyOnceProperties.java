package org.spindle.protocol.crosshard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.merkle.MerkleProof;

/**
 * Whatever mix of relays, duplicates, tampered copies, misdirected messages and block production a
 * seed picks, every receipt of a final source block is credited exactly once, none of an unfinal
 * block is credited, and money is conserved.
 */
class ExactlyOnceProperties {
    @Property(tries = 25)
    void eachFinalReceiptIsCreditedExactlyOnceWhateverIsRelayed(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Shards shards = new Shards(3);
        BigInteger supply = shards.supply();
        KnownFinalHeaders finality = new KnownFinalHeaders(1_000);
        ReceiptRelay relay = new ReceiptRelay(0, 10_000);
        List<ReceiptInbox> inboxes = List.of(new ReceiptInbox(0, finality, 10_000, 100),
                new ReceiptInbox(1, finality, 10_000, 100), new ReceiptInbox(2, finality, 10_000, 100));
        List<Receipt> finalReceipts = new ArrayList<>();
        List<Receipt> unfinalReceipts = new ArrayList<>();
        List<RelayReceipts> sent = new ArrayList<>();
        long now = 0;
        for (int b = 0; b < 4; b++) {
            Shards.Executed e = shards.crossBlock(0, 1 + rnd.nextInt(2), 1 + rnd.nextInt(6), 10 + rnd.nextInt(1000));
            relay.track(e.header(), e.result().outgoingReceipts(), now);
            if (rnd.nextInt(4) == 0) {
                unfinalReceipts.addAll(e.result().outgoingReceipts()); // never final: must never be credited
                shards.heights[0]--; // the next block competes at this height and wins
                continue;
            }
            finality.markFinal(e.header());
            finalReceipts.addAll(e.result().outgoingReceipts());
            relay.onFinal(e.header(), now).forEach(o -> sent.add(o.message()));
        }
        for (int step = 0; step < 40; step++) {
            now += 100;
            int dest = 1 + rnd.nextInt(2);
            switch (rnd.nextInt(6)) {
                case 0 -> relay.reRelay(now, 0).forEach(o -> inboxes.get(o.destinationShard())
                        .offer(o.message(), shards.states.get(o.destinationShard())));
                case 1 -> {
                    if (!sent.isEmpty()) {
                        // A duplicate, possibly to the wrong shard, which must refuse it.
                        RelayReceipts m = sent.get(rnd.nextInt(sent.size()));
                        int to = rnd.nextInt(3);
                        List<RelayVerdict> v = inboxes.get(to).offer(m, shards.states.get(to));
                        if (to != m.receipts().get(0).receipt().destinationShard()) {
                            assertThat(v).noneMatch(RelayVerdict::accepted);
                        }
                    }
                }
                case 2 -> {
                    if (!sent.isEmpty()) {
                        RelayReceipts m = tampered(sent.get(rnd.nextInt(sent.size())), rnd);
                        int d = m.receipts().get(0).receipt().destinationShard();
                        assertThat(inboxes.get(d).offer(m, shards.states.get(d))).noneMatch(RelayVerdict::accepted);
                    }
                }
                default -> {
                    List<IncomingReceipt> batch = inboxes.get(dest).nextBatch(1 + rnd.nextInt(5),
                            shards.states.get(dest));
                    Shards.Executed d = shards.block(dest, List.of(), batch);
                    assertThat(d.result().receiptOutcomes()).allMatch(o -> o instanceof ReceiptOutcome.Credited);
                }
            }
        }
        // Drain: relay whatever is pending and build blocks until the inboxes are empty.
        relay.reRelay(now + 1, 0).forEach(o -> inboxes.get(o.destinationShard())
                .offer(o.message(), shards.states.get(o.destinationShard())));
        for (int dest = 1; dest <= 2; dest++) {
            shards.block(dest, List.of(), inboxes.get(dest).nextBatch(100_000, shards.states.get(dest)));
            assertThat(inboxes.get(dest).nextBatch(10, shards.states.get(dest))).isEmpty();
        }
        for (Receipt r : finalReceipts) {
            assertThat(shards.states.get(r.destinationShard()).isConsumed(r.id())).isTrue();
        }
        BigInteger lostToUnfinal = BigInteger.ZERO;
        for (Receipt r : unfinalReceipts) {
            assertThat(shards.states.get(r.destinationShard()).isConsumed(r.id())).isFalse();
            lostToUnfinal = lostToUnfinal.add(r.value());
        }
        // The unfinal blocks' debits stay in the source state here (this test has no rollback), so
        // their receipts count as in flight forever; everything else has landed once.
        assertThat(shards.supply().add(lostToUnfinal)).isEqualTo(supply);
    }

    /** A copy that must fail verification: inflated value, broken proof, or the wrong header. */
    private static RelayReceipts tampered(RelayReceipts m, SplittableRandom rnd) {
        IncomingReceipt in = m.receipts().get(0);
        Receipt r = in.receipt();
        return switch (rnd.nextInt(3)) {
            case 0 -> new RelayReceipts(m.sourceHeader(), List.of(new IncomingReceipt(new Receipt(r.id(),
                    r.sourceShard(), r.destinationShard(), r.sourceHeight(), r.index(), r.from(), r.to(),
                    r.value().add(BigInteger.ONE)), in.sourceBlockHash(), in.proof())));
            case 1 -> {
                List<Hash> sib = new ArrayList<>(in.proof().siblings());
                if (sib.isEmpty()) {
                    sib.add(Hash.ZERO);
                } else {
                    sib.set(0, Hash.ZERO);
                }
                yield new RelayReceipts(m.sourceHeader(), List.of(new IncomingReceipt(r, in.sourceBlockHash(),
                        new MerkleProof(in.proof().index(), in.proof().count(), sib))));
            }
            default -> new RelayReceipts(Shards.headerFor(0, r.sourceHeight(), List.of(r)), List.of(in));
        };
    }
}

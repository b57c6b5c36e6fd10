package org.spindle.sim.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.sim.ledger.FinalizedBlock;

class LedgerInvariantsTest {
    static final long SECOND = 1_000_000;
    final History h = new History(2);
    final LedgerInvariants inv = new LedgerInvariants(h.genesis, 5 * SECOND, 10 * SECOND);

    /** Shard 0 sends two transfers to shard 1 and one inside itself; shard 1 credits both. */
    FinalizedBlock[] correctRun() {
        Transaction a = h.tx(0, 1, 100);
        Transaction b = h.tx(0, 1, 200);
        Transaction c = h.tx(0, 0, 300);
        for (Transaction t : List.of(a, b, c)) {
            inv.onSubmitted(0, t);
        }
        FinalizedBlock src = h.block(0, SECOND, List.of(a, b, c), List.of());
        inv.onBlockFinal(src);
        inv.onBlockFinal(src); // reported again by another node
        for (Receipt r : src.emitted()) {
            inv.onReceiptApplied(2 * SECOND, 1, 1, r);
        }
        FinalizedBlock dst = h.block(1, 3 * SECOND, List.of(), src.emitted());
        inv.onBlockFinal(dst);
        return new FinalizedBlock[] {src, dst};
    }

    @Test
    void aCorrectHistoryPassesEveryInvariant() {
        FinalizedBlock[] blocks = correctRun();
        assertThat(blocks[0].emitted()).hasSize(2);
        assertThat(blocks[1].credited()).hasSize(2);
        InvariantReport r = inv.report(60 * SECOND);
        assertThat(r.allOk()).as(r.toString()).isTrue();
        assertThat(r.summary()).containsEntry("safety", "ok").containsEntry("conservation", "ok")
                .containsEntry("exactlyOnce", "ok").containsEntry("liveness", "ok");
        assertThat(inv.conservationChecks()).isEqualTo(2);
        assertThat(inv.uncreditedReceipts()).isZero();
        assertThat(inv.waitingTransactions()).isZero();
    }

    @Test
    void creditingBeforeTheSourceBlockIsFinalIsCaught() {
        Transaction a = h.tx(0, 1, 100);
        inv.onSubmitted(0, a);
        FinalizedBlock src = h.block(0, 5 * SECOND, List.of(a), List.of());
        Receipt r = src.emitted().get(0);
        inv.onReceiptApplied(SECOND, 1, 1, r); // the broken relay credits while the source is only prepared
        inv.onBlockFinal(src);
        inv.onBlockFinal(h.block(1, 6 * SECOND, List.of(), List.of(r)));
        Verdict v = inv.report(60 * SECOND).exactlyOnce();
        assertThat(v).isInstanceOf(Verdict.Violation.class);
        Verdict.Violation x = (Verdict.Violation) v;
        assertThat(x.message()).contains("before its source block (shard 0 height 1) was final");
        assertThat(x.atMicros()).isEqualTo(SECOND);
        assertThat(x.shard()).isEqualTo(1);
        assertThat(x.ids()).containsExactly(r.id().toString());
    }

    @Test
    void aFinalCreditOfAReceiptWhoseSourceIsNotFinalIsCaught() {
        Transaction a = h.tx(0, 1, 100);
        FinalizedBlock src = h.block(0, 5 * SECOND, List.of(a), List.of());
        inv.onBlockFinal(h.block(1, 2 * SECOND, List.of(), src.emitted()));
        assertThat(((Verdict.Violation) inv.report(3 * SECOND).exactlyOnce()).message())
                .contains("credits a receipt whose source block (shard 0 height 1) is not final");
    }

    @Test
    void creditingTwiceIsCaughtAndTheCreatedMoneyBreaksConservation() {
        FinalizedBlock[] blocks = correctRun();
        Receipt r = blocks[0].emitted().get(0);
        // A broken destination credits the same receipt again; its balance grows by the value.
        FinalizedBlock again = new FinalizedBlock(4 * SECOND, 4 * SECOND, 1, 2, 0, Hash.wrap(new byte[32]), List.of(),
                List.of(), List.of(r), BigInteger.ZERO,
                Optional.of(blocks[1].shardBalance().orElseThrow().add(r.value())));
        inv.onBlockFinal(again);
        InvariantReport rep = inv.report(60 * SECOND);
        Verdict.Violation x = (Verdict.Violation) rep.exactlyOnce();
        assertThat(x.message()).isEqualTo("receipt credited twice: at shard 1 height 1 and again at shard 1 height 2");
        assertThat(x.height()).isEqualTo(2);
        assertThat(((Verdict.Violation) rep.conservation()).message()).contains("(difference 100)");
        assertThat(rep.safety().ok()).isTrue();
    }

    @Test
    void twoDifferentFinalBlocksAtOneHeightBreakSafety() {
        FinalizedBlock[] blocks = correctRun();
        FinalizedBlock b = blocks[1];
        FinalizedBlock conflicting = new FinalizedBlock(b.finalAtMicros() + 7, b.proposedAtMicros(), b.shard(),
                b.height(), b.epoch(), Hash.wrap(new byte[32]), List.of(), List.of(), List.of(), BigInteger.ZERO,
                Optional.empty());
        inv.onBlockFinal(conflicting);
        Verdict.Violation x = (Verdict.Violation) inv.report(60 * SECOND).safety();
        assertThat(x.message()).isEqualTo("two different blocks final at shard 1 height 1");
        assertThat(x.ids()).containsExactly(b.hash().toHex(), Hash.wrap(new byte[32]).toHex());
        assertThat(x.atMicros()).isEqualTo(b.finalAtMicros() + 7);
        assertThat(x.summary()).isInstanceOf(java.util.Map.class);
    }

    @Test
    void aReceiptNeverCreditedIsLostOnlyOnceTheGracePeriodHasPassed() {
        Transaction a = h.tx(0, 1, 100);
        inv.onSubmitted(0, a);
        FinalizedBlock src = h.block(0, SECOND, List.of(a), List.of());
        inv.onBlockFinal(src);
        LedgerInvariants early = new LedgerInvariants(h.genesis, 5 * SECOND, 10 * SECOND);
        early.onBlockFinal(src);
        assertThat(early.report(6 * SECOND - 1).exactlyOnce().ok()).as("still within the grace period").isTrue();
        Verdict.Violation x = (Verdict.Violation) inv.report(6 * SECOND).exactlyOnce();
        assertThat(x.message()).startsWith("receipt lost: source block (shard 0 height 1) final at 1000000 µs");
        assertThat(x.shard()).isEqualTo(1);
        assertThat(inv.report(6 * SECOND).conservation().ok()).as("in flight, not destroyed").isTrue();
    }

    @Test
    void aReceiptStillHeldPastItsGraceIsLateForLivenessNotLostForExactlyOnce() {
        Transaction a = h.tx(0, 1, 100);
        Transaction b = h.tx(0, 1, 200);
        FinalizedBlock src = h.block(0, SECOND, List.of(a, b), List.of());
        Receipt queued = src.emitted().get(0);
        LedgerInvariants held = new LedgerInvariants(h.genesis, 5 * SECOND, 100 * SECOND,
                (r, now) -> r.equals(queued) ? "queued in shard 1's inbox" : null);
        held.onSubmitted(0, a);
        held.onSubmitted(0, b);
        held.onBlockFinal(src);
        InvariantReport rep = held.report(6 * SECOND);
        Verdict.Violation lost = (Verdict.Violation) rep.exactlyOnce();
        assertThat(lost.count()).as("only the receipt held nowhere is lost").isEqualTo(1);
        assertThat(lost.ids()).startsWith(src.emitted().get(1).id().toString());
        assertThat(lost.message()).endsWith("and held nowhere");
        Verdict.Violation late = (Verdict.Violation) rep.liveness();
        assertThat(late.count()).isEqualTo(1);
        assertThat(late.ids()).startsWith(queued.id().toString());
        assertThat(late.message()).contains("final at 1000000 µs (grace 5000000 µs)")
                .endsWith("still queued in shard 1's inbox");
        assertThat(late.shard()).isEqualTo(1);
    }

    @Test
    void moneyCreatedInAShardBreaksConservation() {
        Transaction a = h.tx(0, 0, 100);
        FinalizedBlock b = h.block(0, SECOND, List.of(a), List.of());
        FinalizedBlock inflated = new FinalizedBlock(b.finalAtMicros(), b.proposedAtMicros(), b.shard(), b.height(),
                b.epoch(), b.hash(), b.transactions(), b.emitted(), b.credited(), b.minted(),
                Optional.of(b.shardBalance().orElseThrow().add(BigInteger.ONE)));
        inv.onBlockFinal(inflated);
        Verdict.Violation x = (Verdict.Violation) inv.report(2 * SECOND).conservation();
        assertThat(x.message()).contains("(difference 1)");
        assertThat(x.shard()).isZero();
        assertThat(x.height()).isEqualTo(1);
    }

    @Test
    void mintedRewardsAreAccountedAndBalancesReportedLaterStillCheck() {
        Transaction a = h.tx(0, 0, 100);
        FinalizedBlock b = h.block(0, SECOND, List.of(a), List.of());
        FinalizedBlock rewarded = new FinalizedBlock(b.finalAtMicros(), b.proposedAtMicros(), b.shard(), b.height(),
                b.epoch(), b.hash(), b.transactions(), b.emitted(), b.credited(), BigInteger.valueOf(50),
                Optional.of(b.shardBalance().orElseThrow().add(BigInteger.valueOf(50))));
        inv.onBlockFinal(rewarded);
        assertThat(inv.report(2 * SECOND).conservation().ok()).isTrue();
        assertThat(inv.conservationChecks()).isEqualTo(1);
    }

    @Test
    void aTransactionNeverFinalOrFinalTooLateBreaksLivenessButInvalidOrRecentOnesDoNot() {
        Transaction slow = h.tx(0, 0, 1);
        Transaction lost = h.tx(0, 0, 2);
        Transaction invalid = h.tx(0, 0, 3);
        Transaction recent = h.tx(0, 0, 4);
        inv.onSubmitted(0, slow);
        inv.onSubmitted(SECOND, lost);
        inv.onSubmitted(SECOND, invalid);
        inv.onSubmitted(25 * SECOND, recent);
        inv.onInvalid(2 * SECOND, invalid.hash(), "nonce too high");
        inv.onBlockFinal(h.block(0, 11 * SECOND, List.of(slow), List.of()));
        InvariantReport r = inv.report(30 * SECOND);
        Verdict.Violation x = (Verdict.Violation) r.liveness();
        assertThat(x.message()).isEqualTo("transaction final 11000000 µs after submission, bound 10000000 µs");
        assertThat(x.count()).as("slow and lost; not invalid, not recent").isEqualTo(2);
        assertThat(inv.waitingTransactions()).isEqualTo(2);
        LedgerInvariants other = new LedgerInvariants(h.genesis, SECOND, 10 * SECOND);
        other.onSubmitted(SECOND, lost);
        assertThat(((Verdict.Violation) other.report(11 * SECOND).liveness()).message())
                .isEqualTo("transaction submitted at 1000000 µs not final by the end at 11000000 µs (bound 10000000 µs)");
    }
}

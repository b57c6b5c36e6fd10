package org.spindle.sim.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.protocol.runtime.Time;
import org.spindle.sim.invariants.InvariantReport;
import org.spindle.sim.invariants.LedgerInvariants;
import org.spindle.sim.invariants.ReceiptWhereabouts;
import org.spindle.sim.invariants.Verdict;
import org.spindle.sim.metrics.MetricsRecorder;
import org.spindle.sim.report.LedgerMetrics;
import org.spindle.sim.workload.WorkloadSpec;

/** Workload, relay, inbox, invariants and metrics plugged together over a consensus-free ledger. */
class MiniLedgerTest {
    static final int SHARDS = 4;

    static WorkloadSpec zipf(double rate, long stopMicros) {
        return new WorkloadSpec(WorkloadSpec.Kind.ZIPF, 2_000, 1.0, null, false, rate, true, 0.3, 0, stopMicros,
                Long.MAX_VALUE, 1, 1_000, 1, 21_000, BigInteger.ONE, WorkloadSpec.DEFAULT_GENESIS_BALANCE);
    }

    record Run(MiniLedger ledger, LedgerInvariants invariants, LedgerMetrics metrics, InvariantReport report) {}

    static Run run(MiniLedger.Faults faults, long seed) throws Exception {
        MetricsRecorder recorder = new MetricsRecorder(() -> 0L);
        LedgerMetrics metrics = new LedgerMetrics(recorder);
        LedgerInvariants[] inv = new LedgerInvariants[1];
        MiniLedger[] built = new MiniLedger[1];
        // A receipt its source stopped relaying more than the 5 s grace ago is held nowhere: lost.
        ReceiptWhereabouts where = ReceiptWhereabouts.of(s -> built[0].inboxes.get(s), s -> built[0].relays.get(s),
                Time.seconds(5));
        MiniLedger ledger = new MiniLedger(zipf(400, Time.seconds(8)), seed, SHARDS, Time.millis(500), Time.seconds(1),
                faults, genesis -> {
                    inv[0] = new LedgerInvariants(genesis, Time.seconds(5), Time.seconds(6), where);
                    return new LedgerObservers(List.of(inv[0], metrics));
                });
        built[0] = ledger;
        ledger.runUntil(Time.seconds(20));
        return new Run(ledger, inv[0], metrics, inv[0].report(ledger.now()));
    }

    @Test
    void aCorrectLedgerKeepsEveryInvariantAndConfirmsEverySubmission() throws Exception {
        Run r = run(MiniLedger.Faults.NONE, 1);
        assertThat(r.report().allOk()).as(r.report().toString()).isTrue();
        assertThat(r.invariants().conservationChecks()).isGreaterThan(20);
        Map<String, Object> s = r.metrics().summary(r.ledger().now(), SHARDS, 400);
        long submitted = (long) s.get("submitted");
        assertThat(submitted).isBetween(3_000L, 3_400L);
        assertThat(s.get("finalized")).isEqualTo(submitted);
        assertThat((double) s.get("crossShardRatio")).isCloseTo(0.3, within(0.03));
        // Inner-shard: in the next block (< 0.5 s), final 1 s later. Cross-shard: source final as
        // inner, relayed in 0.5 s, credited in that round's block, final 1 s later: 2.5 to 3 s.
        assertThat((double) s.get("latencyP50Ms")).isBetween(1_000.0, 1_500.0);
        assertThat((double) s.get("latencyP99Ms")).isBetween(2_500.0, 3_000.0);
        assertThat(r.metrics().epochs()).isNotEmpty();
        for (var relay : r.ledger().relays) {
            assertThat(relay.pending(r.ledger().now())).isEmpty();
        }
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() throws Exception {
        Run a = run(MiniLedger.Faults.NONE, 5);
        Run b = run(MiniLedger.Faults.NONE, 5);
        Run c = run(MiniLedger.Faults.NONE, 6);
        for (int s = 0; s < SHARDS; s++) {
            assertThat(a.ledger().states.get(s).root()).isEqualTo(b.ledger().states.get(s).root());
        }
        assertThat(a.ledger().states.get(0).root()).isNotEqualTo(c.ledger().states.get(0).root());
    }

    @Test
    void aRelayThatCreditsBeforeFinalityIsCaught() throws Exception {
        Run r = run(new MiniLedger.Faults(true, 0, true), 1);
        Verdict.Violation v = (Verdict.Violation) r.report().exactlyOnce();
        assertThat(v.message()).contains("before its source block").contains("was final");
        assertThat(r.report().safety().ok()).isTrue();
    }

    @Test
    void lostRelaysAreRecoveredByReRelayAndCaughtWithoutIt() throws Exception {
        // Relays to the last shard are dropped for the first 6 s: without re-relay those receipts are lost...
        Run lost = run(new MiniLedger.Faults(false, Time.seconds(6), false), 1);
        Verdict.Violation v = (Verdict.Violation) lost.report().exactlyOnce();
        assertThat(v.message()).startsWith("receipt lost");
        assertThat(v.shard()).isEqualTo(SHARDS - 1);
        assertThat(lost.report().conservation().ok()).as("lost in flight, not destroyed").isTrue();
        assertThat(lost.ledger().relays.get(0).pending(lost.ledger().now())).isNotEmpty()
                .allMatch(p -> p.receipt().destinationShard() == SHARDS - 1 && p.sourceFinal());
        // ...and with re-relay (every 2 s) they arrive after all, each credited once.
        Run recovered = run(new MiniLedger.Faults(false, Time.seconds(6), true), 1);
        assertThat(recovered.report().allOk()).as(recovered.report().toString()).isTrue();
        assertThat(recovered.metrics().summary(recovered.ledger().now(), SHARDS, 400).get("finalized"))
                .isEqualTo(recovered.metrics().summary(recovered.ledger().now(), SHARDS, 400).get("submitted"));
    }
}

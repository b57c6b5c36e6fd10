package org.spindle.sim.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.crosshard.FinalityCheck;
import org.spindle.protocol.crosshard.RelayReceipts;
import org.spindle.protocol.crosshard.RelayVerdict;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.sharding.baseline.BaselineSharding;
import org.spindle.protocol.sharding.ledger.CommitteeFinality;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.sim.crypto.ModelledCrypto;
import org.spindle.sim.scenario.Scenario;

/**
 * Receipts relayed in a real run, replayed and tampered with afterwards: every bad copy is rejected
 * with its reason and the destination's state and inbox stay as they were.
 */
class RelayedReceiptRejectionTest {
    static final List<RelayReceipts> RELAYED = new ArrayList<>();
    static BaselineRuns.Outcome run;
    static Scenario scenario;

    @BeforeAll
    static void runAndCaptureRelays() throws Exception {
        scenario = BaselineRuns.scenario(BaselineRuns.small(7, "", ""));
        run = BaselineRuns.run(scenario, w -> {}, inner -> ctx -> {
            Protocol p = inner.create(ctx);
            return new Protocol() {
                @Override
                public void onStart() {
                    p.onStart();
                }

                @Override
                public void onMessage(NodeId from, Message m) {
                    if (m instanceof RelayReceipts r && RELAYED.size() < 50) {
                        RELAYED.add(r);
                    }
                    p.onMessage(from, m);
                }

                @Override
                public void onTimer(Object e) {
                    p.onTimer(e);
                }
            };
        });
        assertThat(run.report().allOk()).as(run.report().toString()).isTrue();
        assertThat(RELAYED).isNotEmpty();
    }

    static ShardLedger destinationOf(RelayReceipts r) {
        return run.world().ledgers().get(r.receipts().getFirst().receipt().destinationShard());
    }

    static List<RelayVerdict.Reason> offerUnchanged(ShardLedger ledger, RelayReceipts r) {
        Hash root = ledger.state().root();
        int queued = ledger.inbox().queued();
        List<RelayVerdict.Reason> reasons = ledger.inbox().offer(r, ledger.state()).stream()
                .map(v -> v instanceof RelayVerdict.Rejected x ? x.reason() : null).toList();
        assertThat(ledger.state().root()).isEqualTo(root);
        assertThat(ledger.inbox().queued()).isEqualTo(queued);
        return reasons;
    }

    @Test
    void aReplayedReceiptIsRejectedAsConsumed() {
        RelayReceipts r = RELAYED.getFirst();
        assertThat(offerUnchanged(destinationOf(r), r)).containsOnly(RelayVerdict.Reason.ALREADY_CONSUMED);
    }

    @Test
    void aReceiptOfferedToTheWrongShardIsRejected() {
        RelayReceipts r = RELAYED.getFirst();
        ShardLedger wrong = run.world().ledgers().get((destinationOf(r).shard() + 1) % 4);
        assertThat(offerUnchanged(wrong, r)).containsOnly(RelayVerdict.Reason.WRONG_DESTINATION_SHARD);
    }

    @Test
    void aReceiptWhoseProofDoesNotMatchItsContentIsRejected() {
        RelayReceipts r = RELAYED.getFirst();
        IncomingReceipt in = r.receipts().getFirst();
        Receipt x = in.receipt();
        Receipt inflated = new Receipt(x.id(), x.sourceShard(), x.destinationShard(), x.sourceHeight(), x.index(),
                x.from(), x.to(), x.value().add(BigInteger.valueOf(1_000_000)));
        RelayReceipts forged = new RelayReceipts(r.sourceHeader(),
                List.of(new IncomingReceipt(inflated, in.sourceBlockHash(), in.proof())));
        assertThat(offerUnchanged(destinationOf(r), forged)).containsExactly(RelayVerdict.Reason.BAD_PROOF);
    }

    @Test
    void aSourceHeaderIsFinalOnlyWithACommitCertificateOfItsOwnShardForItself() {
        var crypto = new ModelledCrypto(scenario.nodes(), scenario.seed(), scenario.cpu()).forNode(0, micros -> {});
        // A fresh verifier per case: one that found a block final remembers its hash, whatever certificate follows.
        java.util.function.Supplier<CommitteeFinality> fresh = () -> new CommitteeFinality(
                new BaselineSharding(new ShardCount.Fixed(4)), run.world().membership(), crypto, 16);
        BlockHeader h = RELAYED.getFirst().sourceHeader();
        CommitteeFinality finality = fresh.get();
        assertThat(finality.check(h)).isEqualTo(FinalityCheck.FINAL);
        assertThat(finality.check(h.withCertificate(Bytes.EMPTY))).as("remembered by hash").isEqualTo(FinalityCheck.FINAL);
        assertThat(fresh.get().check(h.withCertificate(Bytes.EMPTY)))
                .isInstanceOfSatisfying(FinalityCheck.NotFinal.class,
                        n -> assertThat(n.reason()).contains("no certificate"));
        BlockHeader other = RELAYED.stream().map(RelayReceipts::sourceHeader).filter(o -> !o.hash().equals(h.hash()))
                .findFirst().orElseThrow();
        assertThat(fresh.get().check(h.withCertificate(other.certificate())))
                .isInstanceOf(FinalityCheck.NotFinal.class);
        BlockHeader tampered = new BlockHeader(h.parentHash(), h.height(), h.shard(), h.epoch(), Hash.ZERO,
                h.transactionsRoot(), h.outgoingReceiptsRoot(), h.incomingReceiptsRoot(), h.proposerKey(),
                h.feeRecipient(), h.extensions(), h.certificate());
        assertThat(fresh.get().check(tampered)).isInstanceOfSatisfying(FinalityCheck.NotFinal.class,
                n -> assertThat(n.reason()).contains("another block"));
        byte[] cert = h.certificate().toArray();
        cert[cert.length - 1] ^= 1; // flip a bit of the last signature
        assertThat(fresh.get().check(h.withCertificate(Bytes.wrap(cert)))).isInstanceOf(FinalityCheck.NotFinal.class);
    }
}

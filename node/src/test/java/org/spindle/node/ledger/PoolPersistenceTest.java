package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;

/** Admitted transactions are stored, so a shard stopped entirely still finalizes them after it restarts. */
class PoolPersistenceTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 1, 4, 2, "pool-test", 400, 500);
    private static final Address RECIPIENT = Address.fromHex("0x00000000000000000000000000000000000000cc");

    @Test
    void aTransactionPendingWhenTheWholeShardStopsIsFinalAfterItRestarts() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(LedgerNodes.start(net, SPEC, i));
            }
            Await.until(Duration.ofSeconds(20), "every node commits a block", () -> nodes.stream()
                    .allMatch(n -> LedgerNodes.call(n, LedgerHost::nextHeight) >= 2));
            // Two of four stopped: no quorum, so the transfer stays pending.
            nodes.get(2).close();
            nodes.get(3).close();
            var raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), 0, RECIPIENT, BigInteger.TEN,
                    21_000, BigInteger.ONE), SPEC.accountKeys(0).privateKey());
            Transaction tx = ((TransactionDecodeResult.Accepted) new TransactionDecoder(SPEC.chainId()).decode(raw))
                    .transaction();
            LedgerHost.Submission submitted = LedgerNodes.call(nodes.get(0), h -> h.submit(tx));
            assertThat(submitted).isInstanceOf(LedgerHost.Submission.Accepted.class);
            Await.until(Duration.ofSeconds(10), "the transfer is pending on both running nodes", () ->
                    LedgerNodes.call(nodes.get(0), h -> h.status(tx.hash())) instanceof LedgerHost.TxStatus.Pending
                            && LedgerNodes.call(nodes.get(1), h -> h.status(tx.hash())) instanceof LedgerHost.TxStatus.Pending);
            Thread.sleep(300); // the pool reaches storage within 50 ms
            nodes.get(0).close();
            nodes.get(1).close();

            List<Node> again = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                again.add(LedgerNodes.start(net, SPEC, i));
            }
            assertThat(again.get(0).metrics().count("ledger.poolReloaded") + again.get(1).metrics()
                    .count("ledger.poolReloaded")).as("pending transactions reloaded").isPositive();
            Await.until(Duration.ofSeconds(30), "the transfer is final on every node", () -> again.stream()
                    .allMatch(n -> LedgerNodes.call(n, h -> h.status(tx.hash())) instanceof LedgerHost.TxStatus.Final));
            BigInteger received = LedgerNodes.call(again.get(3), h -> h.account(RECIPIENT).orElseThrow().balance());
            assertThat(received).isEqualTo(BigInteger.TEN);
        }
    }
}

package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;
import org.spindle.node.NodeConfig;
import org.spindle.node.storage.RocksStorage;

/**
 * A restarted node replays its stored final blocks with the senders it stored beside them, so a
 * restart costs no secp256k1 recovery; a store without them (written by an older version) is
 * replayed by recovering each sender, to the same state.
 */
class ReplayTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 1, 4, 4, "replay-test", 400, 500);
    private static final Address RECIPIENT = Address.fromHex("0x00000000000000000000000000000000000000dd");
    private static final int TRANSFERS = 12;

    @Test
    void aRestartReplaysStoredBlocksWithoutRecoveringSendersAndAnOldStoreStillReplays() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(LedgerNodes.start(net, SPEC, i));
            }
            TransactionDecoder decoder = new TransactionDecoder(SPEC.chainId());
            List<Transaction> sent = new ArrayList<>();
            for (int k = 0; k < TRANSFERS; k++) {
                var raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), k / 4, RECIPIENT,
                        BigInteger.ONE, 21_000, BigInteger.ONE), SPEC.accountKeys(k % 4).privateKey());
                Transaction tx = ((TransactionDecodeResult.Accepted) decoder.decode(raw)).transaction();
                assertThat((Object) LedgerNodes.call(nodes.get(k % 4), h -> h.submit(tx))).isInstanceOf(LedgerHost.Submission.Accepted.class);
                sent.add(tx);
            }
            Await.until(Duration.ofSeconds(30), "every transfer is final on every node", () -> nodes.stream()
                    .allMatch(n -> sent.stream().allMatch(tx -> LedgerNodes.call(n, h -> h.status(tx.hash()))
                            instanceof LedgerHost.TxStatus.Final)));
            long height = LedgerNodes.call(nodes.get(0), LedgerHost::nextHeight);
            nodes.forEach(Node::close);

            // Node 3's store loses the senders, as if an older version had written it.
            NodeConfig c3 = net.config(3, List.of(0));
            try (RocksStorage s = RocksStorage.open(c3.dataDir().resolve("db"))) {
                List<Bytes> keys = new ArrayList<>();
                s.scan(Bytes.wrap("ledger/senders/".getBytes(StandardCharsets.US_ASCII)), (k, v) -> keys.add(k));
                assertThat(keys).as("senders stored beside the final blocks").isNotEmpty();
                keys.forEach(s::delete);
            }

            List<Node> again = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                again.add(LedgerNodes.start(net, SPEC, i));
            }
            for (int i = 0; i < 4; i++) {
                Node n = again.get(i);
                assertThat(n.metrics().count("ledger.replayedBlocks")).as("node %d replayed", i).isPositive();
                assertThat((Object) LedgerNodes.call(n, h -> h.status(sent.get(0).hash()))).isInstanceOf(LedgerHost.TxStatus.Final.class);
            }
            // Replay is done in the protocol's start, before any new traffic: count its recoveries now.
            for (int i = 0; i < 3; i++) {
                assertThat(again.get(i).metrics().count("ledger.senderRecoveries"))
                        .as("node %d recovered no sender to replay", i).isZero();
            }
            assertThat(again.get(3).metrics().count("ledger.senderRecoveries"))
                    .as("the store without senders is replayed by recovering them").isGreaterThanOrEqualTo(TRANSFERS);
            for (Node n : again) {
                assertThat(LedgerNodes.call(n, LedgerHost::nextHeight)).isGreaterThanOrEqualTo(height);
            }
            Await.until(Duration.ofSeconds(20), "the recipient's balance is the same on every node", () -> again.stream()
                    .allMatch(n -> LedgerNodes.call(n, h -> h.account(RECIPIENT).map(a -> a.balance())
                            .orElse(BigInteger.ZERO)).equals(BigInteger.valueOf(TRANSFERS))));
        }
    }
}

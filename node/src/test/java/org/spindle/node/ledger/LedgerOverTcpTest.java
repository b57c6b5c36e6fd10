package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;
import org.spindle.node.NodeConfig;
import org.spindle.node.ProtocolWires;

class LedgerOverTcpTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 2, 4, 8, "test", 400, 500);

    @Test
    void twoShardsOfFourRealNodesFinalizeAnIntraShardTransfer() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < SPEC.nodes(); i++) {
                NodeConfig base = net.config(i, List.of(0, 1));
                NodeConfig c = new NodeConfig(i, SPEC.nodeKeySeed(i), "127.0.0.1", 0, List.of(0, 1),
                        base.bootnode(), base.dataDir(), LocalNetwork.FAST_NET, 100, false, OptionalLong.of(i));
                nodes.add(net.start(c, ProtocolWires.LEDGER, ctx -> new LedgerHost(ctx, SPEC)));
            }
            Await.until(Duration.ofSeconds(20), "every node commits 3 blocks", () -> nodes.stream()
                    .allMatch(n -> height(n) >= 3));
            var from = SPEC.accountKeys(0);
            Address to = Address.fromHex("0x00000000000000000000000000000000000000aa");
            var raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), 0, to, BigInteger.TEN, 21_000,
                    BigInteger.ONE), from.privateKey());
            var tx = ((TransactionDecodeResult.Accepted) new TransactionDecoder(SPEC.chainId()).decode(raw))
                    .transaction();
            Object r = nodes.get(0).inspect(p -> ((LedgerHost) p).submit(tx));
            assertThat(r).isInstanceOf(LedgerHost.Submission.Accepted.class);
            Await.until(Duration.ofSeconds(20), "the transfer is final on every node of the sender's shard",
                    () -> nodes.stream().filter(n -> call(n, h -> h.shard()) == ((LedgerHost.Submission.Accepted) r).shard())
                            .allMatch(n -> call(n, h -> h.status(tx.hash())) instanceof LedgerHost.TxStatus.Final));
            System.out.println("heights " + nodes.stream().map(LedgerOverTcpTest::height).toList());
            // Signature work is the verifiers' job: the loop only looks up outcomes they remembered.
            for (Node n : nodes) {
                long verified = n.metrics().count("node.signatures.verified");
                long onLoop = n.metrics().count("node.signatures.verifiedOnLoop");
                System.out.println(n.id() + " verified " + verified + ", on the loop " + onLoop + ", recovered on the loop "
                        + n.metrics().count("ledger.senderRecoveriesOnLoop"));
                assertThat(verified).isGreaterThan(0);
                assertThat(onLoop).isLessThanOrEqualTo(verified / 20);
                assertThat(n.metrics().count("ledger.senderRecoveriesOnLoop")).isZero();
            }
        }
    }

    static long height(Node n) {
        return call(n, LedgerHost::nextHeight);
    }

    static <T> T call(Node n, java.util.function.Function<LedgerHost, T> f) {
        try {
            return n.inspect(p -> f.apply((LedgerHost) p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

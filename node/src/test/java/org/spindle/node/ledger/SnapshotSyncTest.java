package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;
import org.spindle.node.NodeConfig;
import org.spindle.node.ProtocolWires;

/**
 * State sync on real nodes: a validator that joins with empty storage after its shard moved on
 * installs a peer's final state (certificate and state root checked, fetched in chunks each checked
 * on arrival) instead of replaying the chain, refuses tampered states from hostile peers with the
 * reason, and asks another peer.
 */
class SnapshotSyncTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 1, 4, 4, "snapshot-test", 400, 500);
    private static final long LAG = 8;
    /** Small enough that even this devnet's few accounts travel in several chunks. */
    private static final int CHUNK_ITEMS = 2;
    private static final Address RECIPIENT = Address.fromHex("0x00000000000000000000000000000000000000bb");

    @Test
    void aJoinerRefusesATamperedSnapshotThenInstallsAnHonestOneAndKeepsItAcrossARestart() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(net.start(config(net, i), ProtocolWires.LEDGER, ctx -> host(ctx)));
            }
            // Node 0 serves a state with one balance raised: it still carries an honest certificate.
            call(nodes.get(0), h -> {
                h.alterServedSnapshots(sn -> {
                    List<Map.Entry<Address, Account>> accounts = new ArrayList<>(sn.accounts());
                    Map.Entry<Address, Account> first = accounts.get(0);
                    accounts.set(0, Map.entry(first.getKey(), first.getValue().credit(BigInteger.ONE)));
                    return new StateSnapshot(sn.header(), accounts, sn.consumed());
                });
                return null;
            });
            // Node 1 serves its honest state under a header moved far ahead: the certificate no longer fits.
            long[] forgedHeight = {0};
            call(nodes.get(1), h -> {
                h.alterServedSnapshots(sn -> {
                    BlockHeader hh = sn.header();
                    forgedHeight[0] = hh.height() + 1_000;
                    BlockHeader forged = new BlockHeader(hh.parentHash(), forgedHeight[0], hh.shard(), hh.epoch(),
                            hh.stateRoot(), hh.transactionsRoot(), hh.outgoingReceiptsRoot(), hh.incomingReceiptsRoot(),
                            hh.proposerKey(), hh.feeRecipient(), hh.extensions(), hh.certificate());
                    return new StateSnapshot(forged, sn.accounts(), sn.consumed());
                });
                return null;
            });
            Transaction tx = transfer(0, BigInteger.valueOf(777));
            Await.until(Duration.ofSeconds(20), "three nodes commit a block", () -> nodes.stream()
                    .allMatch(n -> height(n) >= 1));
            call(nodes.get(1), h -> h.submit(tx));
            Await.until(Duration.ofSeconds(30), "the shard is well past the snapshot lag with the transfer final",
                    () -> height(nodes.get(1)) > 3 * LAG
                            && call(nodes.get(1), h -> h.status(tx.hash())) instanceof LedgerHost.TxStatus.Final);
            long shardHeightAtJoin = height(nodes.get(1));

            Node joiner = net.start(config(net, 3), ProtocolWires.LEDGER, ctx -> host(ctx));
            Await.until(Duration.ofSeconds(30), "the joiner installs a snapshot and catches up", () ->
                    joiner.metrics().count("ledger.snapshotsInstalled") >= 1
                            && height(joiner) >= height(nodes.get(1)) - 2);
            List<String> refusals = call(joiner, LedgerHost::snapshotRefusals);
            assertThat(refusals).as("the tampered state, named with its peer and the root it misses")
                    .anySatisfy(r -> assertThat(r).contains("from " + nodes.get(0).id()).contains("state root"));
            assertThat(refusals).as("the state under a forged header")
                    .anySatisfy(r -> assertThat(r).contains("height " + forgedHeight[0]).contains("from " + nodes.get(1).id()));
            assertThat(joiner.metrics().count("ledger.snapshotChunksReceived")).as("the state came in several chunks")
                    .isGreaterThan(1);
            assertThat(joiner.metrics().count("ledger.syncedBlocks")).as("blocks fetched instead of the state")
                    .isLessThan(shardHeightAtJoin);
            assertThat(balance(joiner, RECIPIENT)).isEqualTo(BigInteger.valueOf(777));
            Await.until(Duration.ofSeconds(10), "the joiner's state root is the shard's at the same height", () -> {
                record Head(long height, Hash root) {}
                java.util.function.Function<LedgerHost, Head> head = h -> new Head(h.nextHeight(), h.ledger().state().root());
                return call(joiner, head).equals(call(nodes.get(1), head));
            });

            // The joiner follows the shard from there on: a new transfer becomes final on it too.
            Transaction next = transfer(1, BigInteger.valueOf(5));
            call(nodes.get(1), h -> h.submit(next));
            Await.until(Duration.ofSeconds(20), "the next transfer is final on the joiner", () ->
                    call(joiner, h -> h.status(next.hash())) instanceof LedgerHost.TxStatus.Final);

            // A restart loads the stored snapshot and replays only the blocks after it.
            long heightAtClose = height(joiner);
            joiner.close();
            Node again = net.start(config(net, 3), ProtocolWires.LEDGER, ctx -> host(ctx));
            Await.until(Duration.ofSeconds(30), "the restarted joiner catches up", () ->
                    height(again) >= height(nodes.get(1)) - 2);
            assertThat(balance(again, RECIPIENT)).isEqualTo(BigInteger.valueOf(782));
            assertThat(again.metrics().count("ledger.replayedBlocks")).as("only blocks after the snapshot replayed")
                    .isLessThan(heightAtClose - shardHeightAtJoin);
        }
    }

    private static LedgerHost host(org.spindle.protocol.runtime.NodeContext ctx) {
        return new LedgerHost(ctx, SPEC, LAG, CHUNK_ITEMS);
    }

    private static NodeConfig config(LocalNetwork net, int i) {
        NodeConfig base = net.config(i, List.of(0));
        return new NodeConfig(i, SPEC.nodeKeySeed(i), "127.0.0.1", 0, List.of(0), base.bootnode(), base.dataDir(),
                LocalNetwork.FAST_NET, 100, false, OptionalLong.of(i));
    }

    private static Transaction transfer(long nonce, BigInteger value) {
        var raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), nonce, RECIPIENT, value, 21_000,
                BigInteger.ONE), SPEC.accountKeys(0).privateKey());
        return ((TransactionDecodeResult.Accepted) new TransactionDecoder(SPEC.chainId()).decode(raw)).transaction();
    }

    private static BigInteger balance(Node n, Address a) {
        return call(n, h -> h.account(a).orElseThrow().balance());
    }

    private static long height(Node n) {
        return call(n, LedgerHost::nextHeight);
    }

    private static <T> T call(Node n, java.util.function.Function<LedgerHost, T> f) {
        try {
            return n.inspect(p -> f.apply((LedgerHost) p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

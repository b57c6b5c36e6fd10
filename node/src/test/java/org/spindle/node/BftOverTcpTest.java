package org.spindle.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.SyntheticPayloads;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.consensus.bft.BftNode;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;
import org.spindle.protocol.runtime.Time;

class BftOverTcpTest {
    private static final int N = 4;
    private static final BftConfig CONFIG = BftConfig.standard(
            IntStream.range(0, N).mapToObj(NodeId::of).toList(), Time.millis(400));

    /** Every commit of every node, by height: more than one hash at a height is a safety violation. */
    private final Map<Long, Set<Hash>> commitsByHeight = new ConcurrentHashMap<>();
    private final AtomicLongArray committedHeight = new AtomicLongArray(N);

    private final CommitListener listener = (node, block, certificate, at) -> {
        commitsByHeight.computeIfAbsent(block.height(), h -> ConcurrentHashMap.newKeySet()).add(block.hash());
        committedHeight.accumulateAndGet(node.index(), block.height() + 1, Math::max);
    };

    private ProtocolFactory factory() {
        return ctx -> new BftNode(ctx, CONFIG, new SyntheticPayloads(32, 128, false), listener);
    }

    private boolean allCommitted(long blocks) {
        return IntStream.range(0, N).allMatch(i -> committedHeight.get(i) >= blocks);
    }

    private void assertNoConflictingCommits() {
        commitsByHeight.forEach((height, hashes) -> assertThat(hashes).as("blocks committed at height %d", height)
                .hasSize(1));
    }

    private static long height(Node n) throws Exception {
        return n.inspect(p -> ((BftNode) p).snapshot().height());
    }

    @Test
    void fourRealNodesCommitBlocksWithNoConflictingCommits() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                nodes.add(net.start(net.config(i, List.of(0)), ProtocolWires.BFT, factory()));
            }
            Await.until(Duration.ofSeconds(20), "every node committed 10 blocks", () -> allCommitted(10));
            assertNoConflictingCommits();
            assertThat(commitsByHeight.keySet()).contains(0L, 9L);
            for (Node n : nodes) {
                assertThat(n.metrics().count("bft.commits")).isGreaterThanOrEqualTo(10);
                assertThat(n.metrics().count("net.badFrames")).isZero();
            }
        }
    }

    @Test
    void aKilledNodeRestartedOnItsOwnDataKeepsItsJournalAndRejoins() throws Exception {
        try (LocalNetwork net = new LocalNetwork()) {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                nodes.add(net.start(net.config(i, List.of(0)), ProtocolWires.BFT, factory()));
            }
            Await.until(Duration.ofSeconds(20), "every node committed 3 blocks", () -> allCommitted(3));
            Node victim = nodes.get(3);
            long victimHeight = height(victim);
            long firstSequence = victim.record().sequence();
            victim.close();

            // Three of four are a quorum: the shard goes on without it.
            long target = victimHeight + 5;
            Await.until(Duration.ofSeconds(20), "the other three commit 5 more blocks",
                    () -> IntStream.range(0, 3).allMatch(i -> committedHeight.get(i) >= target));

            Node restarted = net.start(net.config(3, List.of(0)), ProtocolWires.BFT, factory());
            assertThat(height(restarted)).as("height restored from RocksDB").isGreaterThanOrEqualTo(victimHeight);
            assertThat(restarted.record().sequence()).isGreaterThan(firstSequence);

            long caughtUp = committedHeight.get(0) + 3;
            Await.until(Duration.ofSeconds(30), "the restarted node commits blocks beyond the others' height",
                    () -> committedHeight.get(3) >= caughtUp);
            // Peers redial the new address with backoff, so the last link may come up after the catch-up.
            Await.until(Duration.ofSeconds(10), "all three peers relink to the restarted node",
                    () -> restarted.connectedPeers().size() == 3);
            assertNoConflictingCommits();
        }
    }
}

package org.spindle.sim.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.CommitListener;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.runtime.NodeId;

/**
 * Watches what honest nodes commit. It keeps every commit (height → block, certificate, time) per
 * node and flags a violation when two honest nodes commit different blocks at one height, or one
 * node commits out of height order or twice at a height.
 */
public final class SafetyChecker implements CommitListener {
    public record Commit(NodeId node, Block block, Hash hash, QuorumCertificate certificate, long atMicros) {}

    public record Violation(long height, Commit first, Commit second, String what) {}

    private final Map<Long, Commit> firstAtHeight = new HashMap<>();
    private final Map<NodeId, TreeMap<Long, Commit>> byNode = new TreeMap<>();
    private final List<Commit> all = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();

    @Override
    public void committed(NodeId node, Block block, QuorumCertificate certificate, long atMicros) {
        Commit c = new Commit(node, block, block.hash(), certificate, atMicros);
        all.add(c);
        TreeMap<Long, Commit> chain = byNode.computeIfAbsent(node, n -> new TreeMap<>());
        long expected = chain.isEmpty() ? block.height() : chain.lastKey() + 1;
        if (block.height() != expected) {
            violations.add(new Violation(block.height(), chain.isEmpty() ? null : chain.lastEntry().getValue(), c,
                    node + " committed height " + block.height() + " after " + (expected - 1)));
        }
        chain.put(block.height(), c);
        Commit first = firstAtHeight.putIfAbsent(block.height(), c);
        if (first != null && !first.hash().equals(c.hash())) {
            violations.add(new Violation(block.height(), first, c, "conflicting commits at height " + block.height()
                    + ": " + first.node() + " has " + first.hash() + ", " + node + " has " + c.hash()));
        }
    }

    public boolean safe() {
        return violations.isEmpty();
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public List<Commit> commits() {
        return List.copyOf(all);
    }

    /** How many blocks the given honest node committed. */
    public int chainLength(NodeId node) {
        TreeMap<Long, Commit> c = byNode.get(node);
        return c == null ? 0 : c.size();
    }

    /** The longest chain any watched node committed. */
    public int longestChain() {
        return byNode.values().stream().mapToInt(Map::size).max().orElse(0);
    }

    /** The shortest chain among the given nodes. */
    public int shortestChain(List<NodeId> nodes) {
        return nodes.stream().mapToInt(this::chainLength).min().orElse(0);
    }

    /** Heights at which honest nodes committed different blocks. */
    public long forkedHeights() {
        return violations.stream().filter(v -> v.what().startsWith("conflicting")).mapToLong(Violation::height)
                .distinct().count();
    }

    /** Time of the latest commit seen. */
    public long lastCommitMicros() {
        return all.stream().mapToLong(Commit::atMicros).max().orElse(0);
    }
}

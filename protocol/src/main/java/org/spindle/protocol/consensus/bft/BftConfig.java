package org.spindle.protocol.consensus.bft;

import java.util.List;
import org.spindle.protocol.runtime.NodeId;

/**
 * One shard's BFT parameters. {@code quorum} is 2f+1 for n = 3f+1 members in every honest
 * configuration; it is a parameter only so a test can break it on purpose and watch the safety
 * checker fire. View {@code v} times out after {@code baseTimeoutMicros · 2^min(v, maxDoublings)}:
 * the timeout grows while views fail and settles back to the base at each new height.
 *
 * @param viewWindow votes and proposals more than this many views ahead are refused (a bound on memory)
 * @param futureHeights messages up to this many heights ahead are buffered, farther ones refused
 * @param futureBuffer the most messages buffered for later heights
 * @param maxBlockBytes the largest encoded block a proposal may carry
 */
public record BftConfig(List<NodeId> members, int quorum, long baseTimeoutMicros, int maxDoublings, int viewWindow,
        int futureHeights, int futureBuffer, int maxBlockBytes) {
    public BftConfig {
        members = List.copyOf(members);
        if (members.isEmpty() || members.size() > QuorumCertificate.MAX_MEMBERS) {
            throw new IllegalArgumentException("1.." + QuorumCertificate.MAX_MEMBERS + " members, got "
                    + members.size());
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("members must be distinct");
        }
        if (quorum < 1 || quorum > members.size()) {
            throw new IllegalArgumentException("quorum must be in 1.." + members.size() + ", got " + quorum);
        }
        if (baseTimeoutMicros <= 0 || maxDoublings < 0 || maxDoublings > 20 || viewWindow < 1 || futureHeights < 1
                || futureBuffer < 1 || maxBlockBytes < 1) {
            throw new IllegalArgumentException("timeouts, windows and buffers must be positive");
        }
    }

    /** n = 3f+1 members with quorum 2f+1 (for other n: the largest f with 3f < n). */
    public static BftConfig standard(List<NodeId> members, long baseTimeoutMicros) {
        int n = members.size();
        return new BftConfig(members, n - faults(n), baseTimeoutMicros, 6, 16, 4, 1024, 16 << 20);
    }

    /** The most Byzantine members n can tolerate: ⌊(n−1)/3⌋. */
    public static int faults(int n) {
        return (n - 1) / 3;
    }

    public BftConfig withQuorum(int q) {
        return new BftConfig(members, q, baseTimeoutMicros, maxDoublings, viewWindow, futureHeights, futureBuffer,
                maxBlockBytes);
    }

    public BftConfig withMaxBlockBytes(int bytes) {
        return new BftConfig(members, quorum, baseTimeoutMicros, maxDoublings, viewWindow, futureHeights,
                futureBuffer, bytes);
    }

    public int faults() {
        return faults(members.size());
    }

    public NodeId leader(long height, int view) {
        return members.get((int) Math.floorMod(height + view, (long) members.size()));
    }

    public long timeout(int view) {
        return baseTimeoutMicros << Math.min(view, maxDoublings);
    }

    public int position(NodeId node) {
        return members.indexOf(node);
    }
}

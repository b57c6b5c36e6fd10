package org.spindle.protocol.runtime;

/**
 * A node's identity within one network or simulation: a dense index from 0, so runtimes can keep
 * per-node state in arrays. Ordered by index.
 */
public record NodeId(int index) implements Comparable<NodeId> {
    public NodeId {
        if (index < 0) {
            throw new IllegalArgumentException("a node index is non-negative, got " + index);
        }
    }

    public static NodeId of(int index) {
        return new NodeId(index);
    }

    @Override
    public int compareTo(NodeId o) {
        return Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return "n" + index;
    }
}

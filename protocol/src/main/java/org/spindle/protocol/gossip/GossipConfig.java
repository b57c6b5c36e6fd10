package org.spindle.protocol.gossip;

import java.util.List;

/**
 * How a node gossips: the topics it subscribes to (and so delivers and forwards), the size of its
 * de-duplication cache, and whether items are signed by their origin and checked before forwarding.
 */
public record GossipConfig(List<String> topics, int seenCapacity, boolean signed) {
    public GossipConfig {
        topics = List.copyOf(topics);
        topics.forEach(Topics::check);
        if (seenCapacity < 2) {
            throw new IllegalArgumentException("seenCapacity must be at least 2, got " + seenCapacity);
        }
    }
}

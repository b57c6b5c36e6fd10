package org.spindle.protocol.gossip;

/** An item a node will publish: at {@code atMicros}, on {@code topic}, with a random payload. */
public record Publication(long atMicros, String topic, int payloadBytes) {
    public Publication {
        Topics.check(topic);
        if (atMicros < 0 || payloadBytes < 0 || payloadBytes > GossipMessage.MAX_PAYLOAD) {
            throw new IllegalArgumentException("publication time and size must be in range");
        }
    }
}

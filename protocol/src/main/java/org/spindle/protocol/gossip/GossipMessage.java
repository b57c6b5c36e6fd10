package org.spindle.protocol.gossip;

import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/** The topic-gossip message family. */
public sealed interface GossipMessage extends Message permits Subscribe, GossipData {
    int TAG_SUBSCRIBE = 1;
    int TAG_DATA = 2;

    /** Largest payload a gossip frame may carry. */
    int MAX_PAYLOAD = 1 << 20;

    MessageCodec<GossipMessage> CODEC = MessageCodec.<GossipMessage>builder("gossip", MAX_PAYLOAD + 4096)
            .type(TAG_SUBSCRIBE, Subscribe::readBody)
            .type(TAG_DATA, GossipData::readBody)
            .build();
}

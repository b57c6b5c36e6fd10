package org.spindle.node;

import org.spindle.node.net.Wire;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.gossip.GossipMessage;

/** The frame tags of the protocol families a real node can carry (0 and 1 are the handshake and discovery). */
public final class ProtocolWires {
    public static final Wire.Family GOSSIP_FAMILY = new Wire.Family(2, GossipMessage.CODEC, GossipMessage.class);
    public static final Wire.Family BFT_FAMILY = new Wire.Family(3, BftMessage.CODEC, BftMessage.class);

    public static final Wire GOSSIP = Wire.of(GOSSIP_FAMILY);
    public static final Wire BFT = Wire.of(BFT_FAMILY);

    private ProtocolWires() {}
}

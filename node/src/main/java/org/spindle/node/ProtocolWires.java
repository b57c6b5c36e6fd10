package org.spindle.node;

import org.spindle.node.ledger.LedgerMessage;
import org.spindle.node.net.Wire;
import org.spindle.protocol.crosshard.CrossShardMessage;
import org.spindle.protocol.consensus.bft.BftMessage;
import org.spindle.protocol.gossip.GossipMessage;

/** The frame tags of the protocol families a real node can carry (0 and 1 are the handshake and discovery). */
public final class ProtocolWires {
    public static final Wire.Family GOSSIP_FAMILY = new Wire.Family(2, GossipMessage.CODEC, GossipMessage.class);
    public static final Wire.Family BFT_FAMILY = new Wire.Family(3, BftMessage.CODEC, BftMessage.class);

    public static final Wire.Family CROSS_SHARD_FAMILY = new Wire.Family(4, CrossShardMessage.CODEC,
            CrossShardMessage.class);
    public static final Wire.Family LEDGER_FAMILY = new Wire.Family(5, LedgerMessage.CODEC, LedgerMessage.class);

    public static final Wire GOSSIP = Wire.of(GOSSIP_FAMILY);
    public static final Wire BFT = Wire.of(BFT_FAMILY);
    /** A shard validator of the sharded ledger: consensus, cross-shard relay and ledger bodies and sync. */
    public static final Wire LEDGER = Wire.of(BFT_FAMILY, CROSS_SHARD_FAMILY, LEDGER_FAMILY);

    private ProtocolWires() {}
}

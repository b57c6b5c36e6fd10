package org.spindle.sim.adversary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;

/**
 * Each vote the node casts reaches alternate recipients as cast; the others get a signed vote of
 * the same kind, height and view for a different block hash.
 */
final class DoubleVotingContext extends ForwardingContext {
    DoubleVotingContext(NodeContext real) {
        super(real);
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        if (m instanceof Vote v && v.voter().equals(self())) {
            Vote other = Vote.sign(crypto(), self(), v.kind(), v.height(), v.view(),
                    Hashing.sha256(v.block().bytes().concat(Bytes.of((byte) 1))));
            List<NodeId> list = new ArrayList<>(to);
            for (int i = 0; i < list.size(); i++) {
                real.send(list.get(i), (i & 1) == 0 ? v : other);
            }
            return;
        }
        super.multicast(to, m);
    }
}

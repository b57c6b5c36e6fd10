package org.spindle.sim.adversary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.Proposal;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;

/**
 * Turns an honest BFT node into an equivocating leader: each proposal it makes goes to every other
 * recipient, alternately, as the genuine block A or as a second valid block B of the same height and
 * view; its votes for A in that view reach the A side and signed votes for B reach the B side.
 */
final class EquivocatingContext extends ForwardingContext {
    private final PayloadRules rules;
    private long splitHeight = -1;
    private int splitView = -1;
    private Hash blockA;
    private Hash blockB;

    EquivocatingContext(NodeContext real, PayloadRules rules) {
        super(real);
        this.rules = rules;
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        List<NodeId> list = new ArrayList<>(to);
        if (m instanceof Proposal p && p.proposer().equals(self())) {
            Block b = new Block(p.height(), p.block().parent(), rules.propose(p.height(), p.block().parent(), random()));
            Proposal other = Proposal.sign(crypto(), self(), p.height(), p.view(), b, Optional.empty(), p.proposedAt());
            splitHeight = p.height();
            splitView = p.view();
            blockA = p.block().hash();
            blockB = b.hash();
            for (int i = 0; i < list.size(); i++) {
                real.send(list.get(i), (i & 1) == 0 ? p : other);
            }
            return;
        }
        if (m instanceof Vote v && v.voter().equals(self()) && v.height() == splitHeight && v.view() == splitView
                && v.block().equals(blockA)) {
            Vote other = Vote.sign(crypto(), self(), v.kind(), v.height(), v.view(), blockB);
            for (int i = 0; i < list.size(); i++) {
                real.send(list.get(i), (i & 1) == 0 ? v : other);
            }
            return;
        }
        super.multicast(to, m);
    }
}

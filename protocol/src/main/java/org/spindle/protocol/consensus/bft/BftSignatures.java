package org.spindle.protocol.consensus.bft;

import java.util.List;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

/**
 * Every signature a BFT message carries, checked in one call: the sender's own signature and any
 * certificate inside. A real node calls this ahead, on a verifier thread, through a {@link Crypto}
 * that remembers outcomes, so that the handlers' own checks (made later, on the event loop, in the
 * order their rules need) find the work done. The handlers stay the authority: this only warms.
 */
public final class BftSignatures {
    private BftSignatures() {}

    /** Whether every signature in {@code m} verifies against {@code members} (certificates need {@code quorum}). */
    public static boolean verify(BftMessage m, List<NodeId> members, int quorum, Crypto crypto) {
        return switch (m) {
            case Proposal p -> crypto.verify(p.proposer(), p.signedBytes(), p.signature())
                    && p.justify().map(j -> j.verify(members, quorum, crypto).isValid()).orElse(true);
            case Vote v -> v.verify(crypto);
            case ViewChange vc -> crypto.verify(vc.sender(), vc.signedBytes(), vc.signature())
                    && vc.highQc().map(q -> q.verify(members, quorum, crypto).isValid()).orElse(true);
            case Decided d -> d.commit().verify(members, quorum, crypto).isValid();
            case SyncRequest s -> true;
        };
    }
}

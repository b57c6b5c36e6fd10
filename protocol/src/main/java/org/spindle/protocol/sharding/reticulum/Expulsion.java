package org.spindle.protocol.sharding.reticulum;

import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/**
 * One expulsion a control block orders, with the hash of its evidence: the process block at fault
 * (for a faulty proposal, a vote for it, or a reject of an accepted block), the conflicting vote pair's
 * epoch and voter (equivocation), or the two epochs of silence ({@link #silenceEvidence}). Every
 * control member recomputes the evidence from the broadcast votes, so an expulsion it cannot derive
 * is refused.
 */
public record Expulsion(NodeId node, int processShard, Offence offence, Hash evidence) implements Comparable<Expulsion> {
    public Expulsion {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(offence, "offence");
        Objects.requireNonNull(evidence, "evidence");
        if (processShard < 0) {
            throw new IllegalArgumentException("process shard must be non-negative");
        }
    }

    /** The evidence of a second silence: the node and the two epochs in which its vote was missing. */
    public static Hash silenceEvidence(NodeId node, long firstEpoch, long secondEpoch) {
        return Hashing.sha256(new Encoder(24).u8(0x53).varint(node.index()).varint(firstEpoch).varint(secondEpoch)
                .toBytes());
    }

    /** The evidence of equivocation: the node and the epoch in which it signed two votes. */
    public static Hash equivocationEvidence(NodeId node, long epoch) {
        return Hashing.sha256(new Encoder(24).u8(0x45).varint(node.index()).varint(epoch).toBytes());
    }

    void encode(Encoder out) {
        out.varint(node.index()).varint(processShard).u8(offence.ordinal()).hash(evidence);
    }

    @Override
    public int compareTo(Expulsion o) {
        int c = node.compareTo(o.node);
        return c != 0 ? c : offence.compareTo(o.offence);
    }
}

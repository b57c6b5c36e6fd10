package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/**
 * A control shard's block for one epoch (reticulum.md §1.4): one {@link ControlEntry} per governed
 * process shard, in ascending shard order, and the expulsions the epoch's votes prove. {@code attempt}
 * counts re-proposals: attempt k is led by the k-th next control member after a rejected one.
 */
public record ControlBlock(long epoch, int controlShard, int attempt, NodeId leader, List<ControlEntry> entries,
        List<Expulsion> expulsions) {
    public ControlBlock {
        Objects.requireNonNull(leader, "leader");
        entries = List.copyOf(entries);
        expulsions = List.copyOf(expulsions);
        if (epoch < 0 || controlShard < 0 || attempt < 0) {
            throw new IllegalArgumentException("epoch, control shard and attempt must be non-negative");
        }
    }

    /** The deterministic encoding that the control vote signs (through its hash). */
    public Bytes encode() {
        Encoder out = new Encoder(256);
        out.u8(0x43).varint(epoch).varint(controlShard).varint(attempt).varint(leader.index());
        out.varint(entries.size());
        for (ControlEntry e : entries) {
            e.encode(out);
        }
        out.varint(expulsions.size());
        for (Expulsion x : expulsions) {
            x.encode(out);
        }
        return out.toBytes();
    }

    public Hash hash() {
        return Hashing.sha256(encode());
    }

    /** The number of governed process shards that passed unanimously (Ns of Eq. (1)). */
    public int passedCount() {
        return (int) entries.stream().filter(e -> e instanceof ControlEntry.Passed).count();
    }

    /** The nodes this block expels, ascending. */
    public List<NodeId> expelled() {
        List<NodeId> out = new ArrayList<>();
        for (Expulsion x : expulsions) {
            if (!out.contains(x.node())) {
                out.add(x.node());
            }
        }
        out.sort(null);
        return out;
    }
}

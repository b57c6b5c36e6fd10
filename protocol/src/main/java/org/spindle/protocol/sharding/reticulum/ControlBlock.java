package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.syncvote.Ballot;
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

    /** Most entries, signatures per entry and expulsions a decoded control block may hold. */
    public static final int MAX_ITEMS = 4096;
    private static final int MAX_SIGNATURE = 256;

    /** Decodes {@link #encode()}; throws {@link CodecException} on anything malformed. */
    public static ControlBlock decode(Bytes data) {
        Decoder in = new Decoder(data);
        if (in.u8() != 0x43) {
            throw new CodecException("not a control block");
        }
        long epoch = in.varint();
        int control = in.varint(Integer.MAX_VALUE, "control shard");
        int attempt = in.varint(Integer.MAX_VALUE, "attempt");
        NodeId leader = NodeId.of(in.varint(Integer.MAX_VALUE, "leader"));
        int n = in.varint(MAX_ITEMS, "entries");
        List<ControlEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(readEntry(in));
        }
        int x = in.varint(MAX_ITEMS, "expulsions");
        List<Expulsion> expulsions = new ArrayList<>(x);
        for (int i = 0; i < x; i++) {
            NodeId node = NodeId.of(in.varint(Integer.MAX_VALUE, "expelled node"));
            int shard = in.varint(Integer.MAX_VALUE, "process shard");
            int offence = in.u8();
            if (offence >= Offence.values().length) {
                throw new CodecException("unknown offence " + offence);
            }
            expulsions.add(new Expulsion(node, shard, Offence.values()[offence], in.hash()));
        }
        in.end();
        try {
            return new ControlBlock(epoch, control, attempt, leader, entries, expulsions);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad control block: " + e.getMessage());
        }
    }

    private static ControlEntry readEntry(Decoder in) {
        int kind = in.u8();
        int shard = in.varint(Integer.MAX_VALUE, "process shard");
        Hash block = in.hash();
        switch (kind) {
            case 1 -> {
                int n = in.varint(MAX_ITEMS, "signatures");
                TreeMap<Integer, Bytes> sigs = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    int voter = in.varint(Integer.MAX_VALUE, "voter");
                    if (sigs.put(voter, in.bytes(MAX_SIGNATURE)) != null) {
                        throw new CodecException("voter " + voter + " signs a passed flag twice");
                    }
                }
                return new ControlEntry.Passed(shard, block, sigs);
            }
            case 2 -> {
                int d = in.u8();
                if (d >= Decision.values().length) {
                    throw new CodecException("unknown decision " + d);
                }
                int n = in.varint(MAX_ITEMS, "ballots");
                TreeMap<Integer, Ballot> ballots = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    int voter = in.varint(Integer.MAX_VALUE, "voter");
                    Ballot b = switch (in.u8()) {
                        case 1 -> new Ballot.Approve(in.hash());
                        case 2 -> new Ballot.Reject(in.hash());
                        case 3 -> new Ballot.Conflicting();
                        default -> throw new CodecException("unknown ballot kind");
                    };
                    if (ballots.put(voter, b) != null) {
                        throw new CodecException("voter " + voter + " has two ballots");
                    }
                }
                int m = in.varint(MAX_ITEMS, "silent voters");
                TreeSet<Integer> silent = new TreeSet<>();
                for (int i = 0; i < m; i++) {
                    silent.add(in.varint(Integer.MAX_VALUE, "silent voter"));
                }
                return new ControlEntry.Failed(shard, block, Decision.values()[d], ballots, silent);
            }
            default -> throw new CodecException("unknown control entry kind " + kind);
        }
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

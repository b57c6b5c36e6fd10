package org.spindle.protocol.consensus.syncvote;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.Message;

/**
 * A member's echo in {@link Broadcast#ECHO}: for each voter, in the vote's voter order, the votes
 * (block, approve) it accepted in round 1, none, one or two. It carries no signature: it only tells
 * its receivers whom they must relay a vote to, so a false echo costs its sender votes it then
 * misses or others a few relays, never agreement (the sender is known from the authenticated link).
 * Votes repeat across voters (a process shard votes on one block), so the distinct values are
 * listed once and each voter's entry indexes them.
 *
 * <p>A class rather than a record because it keeps, computed once, its encoded size (the simulator
 * asks for it at every delivery) and a digest of its content: a member whose echo has the same
 * digest as this member's own holdings holds everything this member could relay to it, which
 * settles the good case in one comparison per member.
 */
public final class Echo implements SyncVoteMessage {
    /** At most this many voters per echo, as a group has at most {@link #MAX_CHAIN} members. */
    public static final int MAX_VOTERS = MAX_CHAIN;

    /** One vote value: approve or reject {@code block}. */
    public record Value(Hash block, boolean approve) {
        public Value {
            java.util.Objects.requireNonNull(block, "block");
        }
    }

    private final long epoch;
    private final List<List<Value>> held;
    private final List<Value> values;
    private final int encodedSize;
    private final Hash digest;
    private final Bytes signature;

    /** An unsigned echo, as {@link Broadcast#ECHO} sends it. */
    public Echo(long epoch, List<List<Value>> held) {
        this(epoch, held, Bytes.EMPTY);
    }

    /**
     * An echo with its sender's signature over {@link #signingBytes()}, as {@link Broadcast#BB} sends
     * it: there it is the sender's step-2 vote, and a quorum of them is a certificate others can check.
     */
    public Echo(long epoch, List<List<Value>> held, Bytes signature) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (held.size() > MAX_VOTERS) {
            throw new IllegalArgumentException("too many voters: " + held.size());
        }
        List<List<Value>> copy = new ArrayList<>(held.size());
        for (List<Value> h : held) {
            if (h.size() > 2 || (h.size() == 2 && h.get(0).equals(h.get(1)))) {
                throw new IllegalArgumentException("a voter has at most two distinct values, got " + h);
            }
            copy.add(List.copyOf(h));
        }
        if (signature.size() > MAX_SIGNATURE) {
            throw new IllegalArgumentException("signature too large");
        }
        this.epoch = epoch;
        this.held = List.copyOf(copy);
        this.values = distinct(this.held);
        this.signature = signature;
        Encoder out = new Encoder(64 + 2 * this.held.size());
        encodeContent(out);
        this.encodedSize = 1 + out.size() + Message.varintSize(signature.size()) + signature.size();
        this.digest = Hashing.sha256(out.toBytes());
    }

    /** The same content, signed. */
    public Echo signed(Bytes sig) {
        return new Echo(epoch, held, sig);
    }

    /** The sender's signature ({@link Bytes#EMPTY} when unsigned). */
    public Bytes signature() {
        return signature;
    }

    /** What the sender signs: a domain byte and the digest of the content. */
    public Bytes signingBytes() {
        return new Encoder(40).u8(0x65).hash(digest).toBytes();
    }

    public long epoch() {
        return epoch;
    }

    /** Per voter, in the vote's voter order, the values held. */
    public List<List<Value>> held() {
        return held;
    }

    /** A hash of the content (the signature left out): equal digests mean equal holdings. */
    public Hash digest() {
        return digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Echo e && e.epoch == epoch && e.digest.equals(digest) && e.held.equals(held)
                && e.signature.equals(signature);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Echo[epoch=" + epoch + ", held=" + held + "]";
    }

    /** Whether this echo says its sender holds {@code value} for the voter at {@code position}. */
    public boolean holds(int position, Value value) {
        return position < held.size() && held.get(position).contains(value);
    }

    private static List<Value> distinct(List<List<Value>> held) {
        List<Value> out = new ArrayList<>();
        for (List<Value> h : held) {
            for (Value v : h) {
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Override
    public int typeTag() {
        return TAG_ECHO;
    }

    @Override
    public void encodeBody(Encoder out) {
        encodeContent(out);
        out.bytes(signature);
    }

    private void encodeContent(Encoder out) {
        out.varint(epoch);
        out.varint(values.size());
        for (Value v : values) {
            out.hash(v.block());
            out.bool(v.approve());
        }
        out.varint(held.size());
        for (List<Value> h : held) {
            out.u8(h.size());
            for (Value v : h) {
                out.varint(values.indexOf(v));
            }
        }
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    static Echo readBody(Decoder in) {
        long epoch = in.varint();
        List<Value> values = in.list(2 * MAX_VOTERS, d -> new Value(d.hash(), d.bool()));
        int voters = in.varint(MAX_VOTERS, "voters");
        List<List<Value>> held = new ArrayList<>(voters);
        for (int i = 0; i < voters; i++) {
            int n = in.u8();
            if (n > 2) {
                throw new CodecException("a voter has at most two values, got " + n);
            }
            List<Value> h = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                h.add(values.get(in.varint(values.size() - 1, "value index")));
            }
            held.add(h);
        }
        Bytes sig = in.bytes(MAX_SIGNATURE);
        try {
            return new Echo(epoch, held, sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad echo: " + e.getMessage());
        }
    }
}

package org.spindle.protocol.consensus.syncvote;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;

/**
 * A member's echo in {@link Broadcast#ECHO}: for each voter, in the vote's voter order, the votes
 * (block, approve) it accepted in round 1, none, one or two. It carries no signature: it only tells
 * its receivers whom they must relay a vote to, so a false echo costs its sender votes it then
 * misses or others a few relays, never agreement (the sender is known from the authenticated link).
 * Votes repeat across voters (a process shard votes on one block), so the distinct values are
 * listed once and each voter's entry indexes them.
 */
public record Echo(long epoch, List<List<Value>> held) implements SyncVoteMessage {
    /** At most this many voters per echo, as a group has at most {@link #MAX_CHAIN} members. */
    public static final int MAX_VOTERS = MAX_CHAIN;

    /** One vote value: approve or reject {@code block}. */
    public record Value(Hash block, boolean approve) {
        public Value {
            java.util.Objects.requireNonNull(block, "block");
        }
    }

    public Echo {
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
        held = List.copyOf(copy);
    }

    /** Whether this echo says its sender holds {@code value} for the voter at {@code position}. */
    public boolean holds(int position, Value value) {
        return position < held.size() && held.get(position).contains(value);
    }

    private List<Value> distinct() {
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
        List<Value> values = distinct();
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
        List<Value> values = distinct();
        int size = 1 + Message.varintSize(epoch) + Message.varintSize(values.size())
                + values.size() * (Hash.SIZE + 1) + Message.varintSize(held.size());
        for (List<Value> h : held) {
            size += 1;
            for (Value v : h) {
                size += Message.varintSize(values.indexOf(v));
            }
        }
        return size;
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
        try {
            return new Echo(epoch, held);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad echo: " + e.getMessage());
        }
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.syncvote.Ballot;

/**
 * What a control block says about one governed process shard (Algorithm 3, VerifyProcessBlock):
 * either it passed unanimously within T1, proven by every voter's signature, or it failed, named by
 * hash with the leader's accept/reject decision and the vote set the broadcast established.
 */
public sealed interface ControlEntry {
    int processShard();

    /** The process block this entry is about ({@link Hash#ZERO} when the shard's leader proposed nothing). */
    Hash block();

    /** Whether the shard's state moves to this block's state. */
    boolean accepted();

    void encode(Encoder out);

    /**
     * The block passed the unanimous vote.
     *
     * @param signatures each voter's signature over its approve vote, by voter index
     */
    record Passed(int processShard, Hash block, SortedMap<Integer, Bytes> signatures) implements ControlEntry {
        public Passed {
            Objects.requireNonNull(block, "block");
            signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public void encode(Encoder out) {
            out.u8(1).varint(processShard).hash(block).varint(signatures.size());
            for (Map.Entry<Integer, Bytes> e : signatures.entrySet()) {
                out.varint(e.getKey()).bytes(e.getValue());
            }
        }
    }

    /**
     * The block failed the unanimous vote.
     *
     * @param ballots the ballots the Byzantine broadcast established, by voter index
     * @param silent  the voters from whom no vote arrived
     */
    record Failed(int processShard, Hash block, Decision decision, SortedMap<Integer, Ballot> ballots,
            SortedSet<Integer> silent) implements ControlEntry {
        public Failed {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(decision, "decision");
            ballots = Collections.unmodifiableSortedMap(new TreeMap<>(ballots));
            silent = Collections.unmodifiableSortedSet(new TreeSet<>(silent));
        }

        @Override
        public boolean accepted() {
            return decision == Decision.ACCEPT;
        }

        @Override
        public void encode(Encoder out) {
            out.u8(2).varint(processShard).hash(block).u8(decision.ordinal()).varint(ballots.size());
            for (Map.Entry<Integer, Ballot> e : ballots.entrySet()) {
                out.varint(e.getKey());
                switch (e.getValue()) {
                    case Ballot.Approve a -> out.u8(1).hash(a.block());
                    case Ballot.Reject r -> out.u8(2).hash(r.block());
                    case Ballot.Conflicting c -> out.u8(3);
                }
            }
            out.varint(silent.size());
            for (int s : silent) {
                out.varint(s);
            }
        }
    }
}

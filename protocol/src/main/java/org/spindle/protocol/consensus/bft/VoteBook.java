package org.spindle.protocol.consensus.bft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * The votes of one height: the first vote of each member per (kind, view), and for each
 * (kind, view, block) the signatures by member position. A member's second, different vote in the
 * same (kind, view) is an equivocation and is not counted. Size is bounded by members × views
 * kept × 2; views far below the current one are pruned.
 *
 * <p>Both are arrays indexed by member position: with committees of hundreds, each member handles
 * hundreds of votes per height, and a map entry per vote made the vote book the simulator's hot spot.
 */
final class VoteBook {
    record Tally(VoteKind kind, int view, Hash block) {}

    enum Added {
        ADDED,
        DUPLICATE,
        CONFLICTING
    }

    /** The signatures of one tally by member position, and how many there are. */
    private static final class Signatures {
        final Bytes[] byPosition;
        int count;
        int first = Integer.MAX_VALUE;

        Signatures(int members) {
            byPosition = new Bytes[members];
        }
    }

    private final int members;
    /** For each (kind, view), keyed by {@link #castKey}, the block each position's counted vote is for. */
    private final Map<Long, Hash[]> cast = new HashMap<>();
    /** The (kind, view) the last lookup was for and its array (null: none yet): a vote burst is all one (kind, view). */
    private long lastCastKey = -1;
    private Hash[] lastCast;
    private int castCount;
    /** Insertion-ordered so every scan is deterministic. */
    private final Map<Tally, Signatures> tallies = new LinkedHashMap<>();
    /** The tally the last vote went to: nearly every vote of a view goes to the same one. */
    private Tally lastTally;
    private Signatures lastSignatures;

    VoteBook(int members) {
        this.members = members;
    }

    private static long castKey(VoteKind kind, int view) {
        return ((long) view << 1) | kind.ordinal();
    }

    Added add(Vote v, int position) {
        long key = castKey(v.kind(), v.view());
        Hash[] byPosition = key == lastCastKey ? lastCast : cast.computeIfAbsent(key, k -> new Hash[members]);
        lastCastKey = key;
        lastCast = byPosition;
        Hash previous = byPosition[position];
        if (previous != null) {
            return previous.equals(v.block()) ? Added.DUPLICATE : Added.CONFLICTING;
        }
        byPosition[position] = v.block();
        castCount++;
        Signatures s;
        if (lastTally != null && lastTally.kind() == v.kind() && lastTally.view() == v.view()
                && lastTally.block().equals(v.block())) {
            s = lastSignatures;
        } else {
            Tally t = new Tally(v.kind(), v.view(), v.block());
            s = tallies.computeIfAbsent(t, x -> new Signatures(members));
            lastTally = t;
            lastSignatures = s;
        }
        s.byPosition[position] = v.signature();
        s.count++;
        s.first = Math.min(s.first, position);
        return Added.ADDED;
    }

    /** The block a member's counted vote of this kind and view is for, or null. */
    Hash votedFor(VoteKind kind, int view, int position) {
        long key = castKey(kind, view);
        Hash[] byPosition = key == lastCastKey ? lastCast : cast.get(key);
        return byPosition == null ? null : byPosition[position];
    }

    int count(Tally t) {
        Signatures s = t.equals(lastTally) ? lastSignatures : tallies.get(t);
        return s == null ? 0 : s.count;
    }

    /** Any one signer of a tally, e.g. to ask it for a block this node lacks. */
    int anySigner(Tally t) {
        return tallies.get(t).first;
    }

    QuorumCertificate certificate(Tally t, long height, int members) {
        return QuorumCertificate.of(t.kind(), height, t.view(), t.block(), members, tallies.get(t).byPosition);
    }

    /** Tallies that count at least {@code quorum} votes and match the filter, in insertion order. */
    List<Tally> reached(int quorum, java.util.function.Predicate<Tally> filter) {
        List<Tally> out = new ArrayList<>();
        tallies.forEach((t, sigs) -> {
            if (sigs.count >= quorum && filter.test(t)) {
                out.add(t);
            }
        });
        return out;
    }

    void pruneBelow(int view) {
        cast.entrySet().removeIf(e -> {
            long k = e.getKey();
            boolean drop = (k >>> 1) < view && (k & 1) == VoteKind.PREPARE.ordinal();
            if (drop) {
                for (Hash h : e.getValue()) {
                    if (h != null) {
                        castCount--;
                    }
                }
            }
            return drop;
        });
        tallies.keySet().removeIf(t -> t.view() < view && t.kind() == VoteKind.PREPARE);
        forgetLastCast();
        lastTally = null;
        lastSignatures = null;
    }

    private void forgetLastCast() {
        lastCastKey = -1;
        lastCast = null;
    }

    int size() {
        return castCount;
    }

    void clear() {
        cast.clear();
        forgetLastCast();
        castCount = 0;
        tallies.clear();
        lastTally = null;
        lastSignatures = null;
    }
}

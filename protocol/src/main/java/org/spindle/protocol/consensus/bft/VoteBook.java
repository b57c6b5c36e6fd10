package org.spindle.protocol.consensus.bft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * The votes of one height: each member's votes per (kind, view), and for each (kind, view, block)
 * the signatures by member position. A member's vote for another block in the same (kind, view) is
 * counted for that block too, up to {@value #MAX_BLOCKS_PER_VOTER} blocks: a member whose shard
 * rolled back a fork (SpiralShard discards prepared blocks) votes again at a height and view it
 * voted in on the abandoned chain, and its earlier vote, buffered or in flight, must not void the
 * new one. Counting both breaks no quorum intersection: two blocks of one view still need f+1
 * members voting for both, and at most f are Byzantine. Size is bounded by members × views kept ×
 * 2 × {@value #MAX_BLOCKS_PER_VOTER}; views far below the current one are pruned.
 *
 * <p>Both are arrays indexed by member position: with committees of hundreds, each member handles
 * hundreds of votes per height, and a map entry per vote made the vote book the simulator's hot spot.
 */
final class VoteBook {
    record Tally(VoteKind kind, int view, Hash block) {}

    enum Added {
        ADDED,
        /** Counted, although the member voted for another block in the same kind and view. */
        ADDED_AGAIN,
        DUPLICATE,
        /** Refused: the member voted for {@value #MAX_BLOCKS_PER_VOTER} other blocks in this kind and view. */
        CONFLICTING
    }

    /** The most blocks one member's votes are counted for in one (kind, view). */
    static final int MAX_BLOCKS_PER_VOTER = 4;

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
    /** A member's further blocks per (kind, view) after its first (rare: only forks and equivocators make them). */
    private final Map<Long, Map<Integer, List<Hash>>> again = new HashMap<>();
    /** The (kind, view) the last lookup was for and its array (null: none yet): a vote burst is all one (kind, view). */
    private long lastCastKey = -1;
    private Hash[] lastCast;
    private int castCount;
    /** Insertion-ordered so every scan is deterministic. */
    private final Map<Tally, Signatures> tallies = new LinkedHashMap<>();
    /** The tally the last vote went to: nearly every vote of a view goes to the same one. */
    private Tally lastTally;
    private Signatures lastSignatures;
    /** How many times the book was cleared: a caller holding tallies from before a clear holds none of the book's. */
    private long generation;

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
        Added result = Added.ADDED;
        if (previous == null) {
            byPosition[position] = v.block();
        } else if (previous.equals(v.block())) {
            return Added.DUPLICATE;
        } else {
            List<Hash> more = again.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(position, p -> new ArrayList<>(2));
            if (more.contains(v.block())) {
                return Added.DUPLICATE;
            }
            if (more.size() + 1 >= MAX_BLOCKS_PER_VOTER) {
                return Added.CONFLICTING;
            }
            more.add(v.block());
            result = Added.ADDED_AGAIN;
        }
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
        return result;
    }

    /** Whether a member's vote of this kind and view for {@code block} is counted already. */
    boolean holds(VoteKind kind, int view, int position, Hash block) {
        long key = castKey(kind, view);
        Hash[] byPosition = key == lastCastKey ? lastCast : cast.get(key);
        if (byPosition == null || byPosition[position] == null) {
            return false;
        }
        if (byPosition[position].equals(block)) {
            return true;
        }
        Map<Integer, List<Hash>> more = again.get(key);
        List<Hash> mine = more == null ? null : more.get(position);
        return mine != null && mine.contains(block);
    }

    int count(Tally t) {
        Signatures s = t.equals(lastTally) ? lastSignatures : tallies.get(t);
        return s == null ? 0 : s.count;
    }

    /** Any one signer of a tally the book holds, e.g. to ask it for a block this node lacks. */
    int anySigner(Tally t) {
        return held(t).first;
    }

    /** The certificate of a tally the book holds. */
    QuorumCertificate certificate(Tally t, long height, int members) {
        return QuorumCertificate.of(t.kind(), height, t.view(), t.block(), members, held(t).byPosition);
    }

    private Signatures held(Tally t) {
        Signatures s = t.equals(lastTally) ? lastSignatures : tallies.get(t);
        if (s == null) {
            throw new IllegalStateException("the vote book holds no tally " + t + " (cleared or pruned since it was "
                    + "listed)");
        }
        return s;
    }

    /** Changes each time the book is {@linkplain #clear cleared}; pruning leaves it. */
    long generation() {
        return generation;
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
                Map<Integer, List<Hash>> more = again.remove(k);
                if (more != null) {
                    for (List<Hash> l : more.values()) {
                        castCount -= l.size();
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
        generation++;
        cast.clear();
        again.clear();
        forgetLastCast();
        castCount = 0;
        tallies.clear();
        lastTally = null;
        lastSignatures = null;
    }
}

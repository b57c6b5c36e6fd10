package org.spindle.protocol.consensus.bft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * The votes of one height: the first vote of each member per (kind, view), and for each
 * (kind, view, block) the signatures by member position. A member's second, different vote in the
 * same (kind, view) is an equivocation and is not counted. Size is bounded by members × views
 * kept × 2; views far below the current one are pruned.
 */
final class VoteBook {
    record Cast(VoteKind kind, int view, int position) {}

    record Tally(VoteKind kind, int view, Hash block) {}

    enum Added {
        ADDED,
        DUPLICATE,
        CONFLICTING
    }

    private final Map<Cast, Hash> cast = new HashMap<>();
    /** Insertion-ordered so every scan is deterministic. */
    private final Map<Tally, TreeMap<Integer, Bytes>> tallies = new LinkedHashMap<>();

    Added add(Vote v, int position) {
        Cast key = new Cast(v.kind(), v.view(), position);
        Hash previous = cast.get(key);
        if (previous != null) {
            return previous.equals(v.block()) ? Added.DUPLICATE : Added.CONFLICTING;
        }
        cast.put(key, v.block());
        tallies.computeIfAbsent(new Tally(v.kind(), v.view(), v.block()), t -> new TreeMap<>())
                .put(position, v.signature());
        return Added.ADDED;
    }

    /** The block a member's counted vote of this kind and view is for, or null. */
    Hash votedFor(VoteKind kind, int view, int position) {
        return cast.get(new Cast(kind, view, position));
    }

    int count(Tally t) {
        TreeMap<Integer, Bytes> m = tallies.get(t);
        return m == null ? 0 : m.size();
    }

    /** Any one signer of a tally, e.g. to ask it for a block this node lacks. */
    int anySigner(Tally t) {
        return tallies.get(t).firstKey();
    }

    QuorumCertificate certificate(Tally t, long height, int members) {
        return QuorumCertificate.of(t.kind(), height, t.view(), t.block(), members, tallies.get(t));
    }

    /** Tallies that count at least {@code quorum} votes and match the filter, in insertion order. */
    List<Tally> reached(int quorum, java.util.function.Predicate<Tally> filter) {
        List<Tally> out = new ArrayList<>();
        tallies.forEach((t, sigs) -> {
            if (sigs.size() >= quorum && filter.test(t)) {
                out.add(t);
            }
        });
        return out;
    }

    void pruneBelow(int view) {
        cast.keySet().removeIf(c -> c.view() < view && c.kind() == VoteKind.PREPARE);
        tallies.keySet().removeIf(t -> t.view() < view && t.kind() == VoteKind.PREPARE);
    }

    int size() {
        return cast.size();
    }

    void clear() {
        cast.clear();
        tallies.clear();
    }
}

package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * Moves validators between shards from one epoch to the next, a bounded fraction at a time
 * (in the spirit of RapidChain's bounded Cuckoo-rule reshuffle): a fresh random permutation every
 * epoch would make every node fetch a new shard's state every epoch.
 *
 * <p>Rule, driven by a {@link HashPrng} on the new epoch's randomness:
 * <ol>
 *   <li>validators no longer active leave their shards;</li>
 *   <li>newly active validators join, in random order, each the currently smallest shard;</li>
 *   <li>while the largest and smallest shard differ by more than they did before (and by more than
 *       one), a random member of the largest moves to the smallest; an emptied shard is always
 *       refilled this way. Keeping the previous spread leaves rules with deliberately uneven shards
 *       (Reticulum's absorbed remainder) as they were;</li>
 *   <li>with the remaining budget, random pairs of members of different shards swap shards.</li>
 * </ol>
 * The budget is ⌊fraction × (validators that stay active)⌋ moves of staying validators, and each
 * staying validator moves at most once. Joining validators are not moves (they must sync in any
 * case) but appear in the sync plan. The only case that may exceed the budget is refilling a shard
 * whose every member departed, since an empty shard cannot run; {@link Result#forcedMoves()} counts
 * those. The shard count and the groupings (control shards, endorsement groups) stay as they were.
 */
public final class Reconfiguration {
    public static final String DOMAIN = "spindle/reconfiguration";
    /** Attempts to find a swap partner in another shard before the swapping stops. */
    private static final int PARTNER_ATTEMPTS = 16;

    private Reconfiguration() {}

    /** One staying validator's change of shard. */
    public record Move(NodeId validator, int from, int to) {}

    /** A validator that entered {@code shard} must fetch its state: {@code bytes} from {@code source}. */
    public record SyncTransfer(NodeId receiver, int shard, NodeId source, long bytes) {}

    public record Result(Membership membership, List<Move> moves, List<NodeId> joined, List<NodeId> departed,
                         int budget, int forcedMoves, List<SyncTransfer> syncPlan) {
        public Result {
            moves = List.copyOf(moves);
            joined = List.copyOf(joined);
            departed = List.copyOf(departed);
            syncPlan = List.copyOf(syncPlan);
        }

        public long syncBytes() {
            return syncPlan.stream().mapToLong(SyncTransfer::bytes).sum();
        }
    }

    /**
     * @param previous   the membership of the epoch that ends
     * @param randomness the new epoch's randomness
     * @param active     the validators active in the new epoch (any order)
     * @param stateBytes the size of each shard's state, which a joining member must fetch
     */
    public static Result reconfigure(Membership previous, Hash randomness, List<NodeId> active, long epoch,
                                     double fraction, IntToLongFunction stateBytes) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        if (epoch <= previous.epoch()) {
            throw new IllegalArgumentException("epoch " + epoch + " does not follow " + previous.epoch());
        }
        TreeSet<NodeId> now = new TreeSet<>(active);
        if (now.size() != active.size()) {
            throw new IllegalArgumentException("the active list has duplicates");
        }
        int shardCount = previous.shardCount();
        if (now.size() < shardCount) {
            throw new IllegalArgumentException(now.size() + " active validators cannot fill " + shardCount + " shards");
        }
        HashPrng prng = new HashPrng(randomness, DOMAIN);
        Map<NodeId, Integer> before = previous.shardIndex();

        // 1. departures
        List<List<NodeId>> shards = new ArrayList<>();
        List<NodeId> departed = new ArrayList<>();
        for (List<NodeId> members : previous.shards()) {
            List<NodeId> kept = new ArrayList<>();
            for (NodeId id : members) {
                (now.contains(id) ? kept : departed).add(id);
            }
            shards.add(kept);
        }
        departed.sort(null);
        int stayers = now.size() - (int) now.stream().filter(id -> !before.containsKey(id)).count();
        int budget = (int) Math.floor(fraction * stayers);

        // 2. joins, in random order, to the smallest shard
        List<NodeId> joined = new ArrayList<>();
        for (NodeId id : now) {
            if (!before.containsKey(id)) {
                joined.add(id);
            }
        }
        shuffle(joined, prng);
        for (NodeId id : joined) {
            shards.get(smallest(shards)).add(id);
        }
        Set<NodeId> joinedSet = new HashSet<>(joined);

        // 3. rebalance, then 4. swaps; each staying validator moves at most once
        int allowedSpread = Math.max(1, spread(previous.shards()));
        Set<NodeId> moved = new HashSet<>();
        List<Move> moves = new ArrayList<>();
        int forced = 0;
        while (true) {
            int small = smallest(shards);
            int large = largest(shards);
            boolean empty = shards.get(small).isEmpty();
            if (!empty && shards.get(large).size() - shards.get(small).size() <= allowedSpread) {
                break;
            }
            if (moves.size() >= budget && !empty) {
                break;
            }
            List<NodeId> movable = new ArrayList<>();
            for (NodeId id : shards.get(large)) {
                if (!moved.contains(id) && !joinedSet.contains(id)) {
                    movable.add(id);
                }
            }
            if (movable.isEmpty()) {
                movable = new ArrayList<>(shards.get(large)); // only joiners left: moving them costs nothing extra
                NodeId id = movable.get(prng.nextInt(movable.size()));
                shards.get(large).remove(id);
                shards.get(small).add(id);
                continue;
            }
            NodeId id = movable.get(prng.nextInt(movable.size()));
            shards.get(large).remove(id);
            shards.get(small).add(id);
            moved.add(id);
            moves.add(new Move(id, large, small));
            if (moves.size() > budget) {
                forced++;
            }
        }
        List<NodeId> candidates = new ArrayList<>();
        for (int s = 0; s < shardCount; s++) {
            for (NodeId id : shards.get(s)) {
                if (!moved.contains(id) && !joinedSet.contains(id)) {
                    candidates.add(id);
                }
            }
        }
        candidates.sort(null);
        Map<NodeId, Integer> where = new HashMap<>();
        for (int s = 0; s < shardCount; s++) {
            for (NodeId id : shards.get(s)) {
                where.put(id, s);
            }
        }
        swapping:
        while (budget - moves.size() >= 2 && candidates.size() >= 2) {
            NodeId a = takeRandom(candidates, prng);
            int sa = where.get(a);
            for (int attempt = 0; attempt < PARTNER_ATTEMPTS && !candidates.isEmpty(); attempt++) {
                int j = prng.nextInt(candidates.size());
                NodeId b = candidates.get(j);
                int sb = where.get(b);
                if (sb != sa) {
                    removeAt(candidates, j);
                    replace(shards.get(sa), a, b);
                    replace(shards.get(sb), b, a);
                    where.put(a, sb);
                    where.put(b, sa);
                    moves.add(new Move(a, sa, sb));
                    moves.add(new Move(b, sb, sa));
                    continue swapping;
                }
            }
            break;
        }

        Membership next = previous.withShards(epoch, shards);
        List<SyncTransfer> plan = syncPlan(previous, next, before, now, moves, joined, stateBytes, prng);
        return new Result(next, moves, joined, departed, budget, forced, plan);
    }

    private static List<SyncTransfer> syncPlan(Membership previous, Membership next, Map<NodeId, Integer> before,
                                               Set<NodeId> now, List<Move> moves, List<NodeId> joined,
                                               IntToLongFunction stateBytes, HashPrng prng) {
        Map<NodeId, Integer> after = next.shardIndex();
        List<NodeId> entering = new ArrayList<>();
        moves.forEach(m -> entering.add(m.validator()));
        entering.addAll(joined);
        entering.sort(null);
        List<SyncTransfer> plan = new ArrayList<>();
        for (NodeId id : entering) {
            int shard = after.get(id);
            if (before.containsKey(id) && before.get(id) == shard) {
                continue; // moved away and back within one reconfiguration cannot happen, but be safe
            }
            // Anyone who served the shard last epoch holds its state, even if it has just moved away.
            List<NodeId> sources = new ArrayList<>();
            for (NodeId m : previous.members(shard)) {
                if (now.contains(m)) {
                    sources.add(m);
                }
            }
            if (sources.isEmpty()) {
                sources.addAll(previous.members(shard));
            }
            if (sources.isEmpty()) {
                throw new IllegalStateException("shard " + shard + " had no members to sync from");
            }
            sources.sort(null);
            NodeId source = sources.get(prng.nextInt(sources.size()));
            plan.add(new SyncTransfer(id, shard, source, stateBytes.applyAsLong(shard)));
        }
        return plan;
    }

    private static void shuffle(List<NodeId> list, HashPrng prng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = prng.nextInt(i + 1);
            NodeId t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int smallest(List<List<NodeId>> shards) {
        int best = 0;
        for (int s = 1; s < shards.size(); s++) {
            if (shards.get(s).size() < shards.get(best).size()) {
                best = s;
            }
        }
        return best;
    }

    private static int largest(List<List<NodeId>> shards) {
        int best = 0;
        for (int s = 1; s < shards.size(); s++) {
            if (shards.get(s).size() > shards.get(best).size()) {
                best = s;
            }
        }
        return best;
    }

    private static int spread(List<List<NodeId>> shards) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<NodeId> s : shards) {
            min = Math.min(min, s.size());
            max = Math.max(max, s.size());
        }
        return shards.isEmpty() ? 0 : max - min;
    }

    private static NodeId takeRandom(List<NodeId> list, HashPrng prng) {
        return removeAt(list, prng.nextInt(list.size()));
    }

    /** Removes by swapping with the last element: O(1), and deterministic given the PRNG. */
    private static NodeId removeAt(List<NodeId> list, int i) {
        NodeId x = list.get(i);
        NodeId last = list.remove(list.size() - 1);
        if (i < list.size()) {
            list.set(i, last);
        }
        return x;
    }

    private static void replace(List<NodeId> members, NodeId out, NodeId in) {
        members.set(members.indexOf(out), in);
    }
}

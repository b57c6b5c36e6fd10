package org.spindle.protocol.sharding.spiralshard;

import java.util.List;
import java.util.stream.IntStream;

/**
 * SpiralShard's endorsement groups (spiralshard.md §1, §4): shards {@code [k·g, (k+1)·g)} form group
 * k (the last group may be shorter), and inside a group blocks are endorsed in ascending shard-id
 * ring order, the largest shard wrapping to the smallest.
 */
public record EndorsementGroups(int shardCount, int groupSize) {
    public EndorsementGroups {
        if (shardCount < 1 || groupSize < 1) {
            throw new IllegalArgumentException("need at least one shard and a group size of at least 1");
        }
    }

    public int groupOf(int shard) {
        check(shard);
        return shard / groupSize;
    }

    /** The shards of {@code shard}'s group, ascending. */
    public List<Integer> groupShards(int shard) {
        int first = groupOf(shard) * groupSize;
        return IntStream.range(first, Math.min(shardCount, first + groupSize)).boxed().toList();
    }

    /** How many shards {@code shard}'s group has (g, or fewer for a last, short group). */
    public int length(int shard) {
        int first = groupOf(shard) * groupSize;
        return Math.min(shardCount, first + groupSize) - first;
    }

    /** The shard that endorses {@code shard}'s blocks: the next in ring order. */
    public int next(int shard) {
        return step(shard, 1);
    }

    /** The shard whose blocks {@code shard} endorses: the previous in ring order. */
    public int predecessor(int shard) {
        return step(shard, -1);
    }

    /** The shard {@code k} steps before {@code shard} in ring order. */
    public int predecessor(int shard, int k) {
        return step(shard, -k);
    }

    private int step(int shard, int by) {
        int first = groupOf(shard) * groupSize;
        int len = length(shard);
        return first + Math.floorMod(shard - first + by, len);
    }

    private void check(int shard) {
        if (shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("no shard " + shard + " among " + shardCount);
        }
    }
}

package org.spindle.protocol.beacon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/**
 * Who serves where in one epoch. The primary layer is a partition of the active validators into
 * {@code shards} (baseline shards, Reticulum process shards, SpiralShard shards): the shards that
 * run consensus and hold accounts. Each {@link Grouping} is a further layer built from whole
 * shards (Reticulum control shards, SpiralShard endorsement groups), so it is a partition too and a
 * shard never straddles two groups.
 *
 * @param shards members of each shard, each list in assignment order (its first member is the
 *               shard's first leader under a fixed-leader rule)
 */
public record Membership(long epoch, List<List<NodeId>> shards, List<Grouping> groupings) {

    /**
     * A layer of groups made of whole shards.
     *
     * @param groupOfShard for each shard index, the index of its group; every group in
     *                     [0, groupCount) has at least one shard
     */
    public record Grouping(String name, List<Integer> groupOfShard) {
        public Grouping {
            Objects.requireNonNull(name, "name");
            groupOfShard = List.copyOf(groupOfShard);
            int max = -1;
            TreeSet<Integer> seen = new TreeSet<>();
            for (int g : groupOfShard) {
                if (g < 0) {
                    throw new IllegalArgumentException("grouping " + name + " has a negative group index");
                }
                seen.add(g);
                max = Math.max(max, g);
            }
            if (seen.size() != max + 1) {
                throw new IllegalArgumentException("grouping " + name + " leaves a group index without shards");
            }
        }

        public int groupCount() {
            return groupOfShard.isEmpty() ? 0 : Collections.max(groupOfShard) + 1;
        }

        /** The shard indices of one group, ascending. */
        public List<Integer> shardsOf(int group) {
            List<Integer> out = new ArrayList<>();
            for (int s = 0; s < groupOfShard.size(); s++) {
                if (groupOfShard.get(s) == group) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    public Membership {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        List<List<NodeId>> copy = new ArrayList<>(shards.size());
        TreeSet<NodeId> seen = new TreeSet<>();
        for (List<NodeId> members : shards) {
            for (NodeId id : members) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException(id + " is in more than one shard");
                }
            }
            copy.add(List.copyOf(members));
        }
        shards = List.copyOf(copy);
        groupings = List.copyOf(groupings);
        TreeSet<String> names = new TreeSet<>();
        for (Grouping g : groupings) {
            if (g.groupOfShard().size() != shards.size()) {
                throw new IllegalArgumentException("grouping " + g.name() + " maps " + g.groupOfShard().size()
                        + " shards, the membership has " + shards.size());
            }
            if (!names.add(g.name())) {
                throw new IllegalArgumentException("grouping " + g.name() + " appears twice");
            }
        }
    }

    public int shardCount() {
        return shards.size();
    }

    public List<NodeId> members(int shard) {
        return shards.get(shard);
    }

    /** Every assigned validator, ascending by id. */
    public List<NodeId> validators() {
        TreeSet<NodeId> all = new TreeSet<>();
        shards.forEach(all::addAll);
        return List.copyOf(all);
    }

    public int validatorCount() {
        int n = 0;
        for (List<NodeId> s : shards) {
            n += s.size();
        }
        return n;
    }

    /** The shard of {@code id}, if it has one. Linear in the validator count; cache {@link #shardIndex()} for bulk use. */
    public Optional<Integer> shardOf(NodeId id) {
        for (int s = 0; s < shards.size(); s++) {
            if (shards.get(s).contains(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Validator → shard for every assigned validator. */
    public Map<NodeId, Integer> shardIndex() {
        Map<NodeId, Integer> out = new HashMap<>();
        for (int s = 0; s < shards.size(); s++) {
            for (NodeId id : shards.get(s)) {
                out.put(id, s);
            }
        }
        return out;
    }

    public Optional<Grouping> grouping(String name) {
        return groupings.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Members of one group of a grouping: the members of its shards, in shard order. */
    public List<NodeId> groupMembers(String grouping, int group) {
        Grouping g = grouping(grouping).orElseThrow(() -> new IllegalArgumentException("no grouping " + grouping));
        List<NodeId> out = new ArrayList<>();
        for (int s : g.shardsOf(group)) {
            out.addAll(shards.get(s));
        }
        return List.copyOf(out);
    }

    /** A membership with the same groupings over new shard contents (the shard count must not change). */
    public Membership withShards(long newEpoch, List<List<NodeId>> newShards) {
        if (newShards.size() != shards.size()) {
            throw new IllegalArgumentException("reconfiguration keeps the shard count");
        }
        return new Membership(newEpoch, newShards, groupings);
    }

    /**
     * A commitment to the whole assignment, for block headers: keccak256 over the epoch, every
     * shard's members in order and every grouping.
     */
    public Hash hash() {
        Encoder e = new Encoder();
        e.raw("spindle/membership".getBytes(StandardCharsets.UTF_8));
        e.varint(epoch);
        e.list(shards, (enc, members) -> enc.list(members, (x, id) -> x.varint(id.index())));
        e.list(groupings, (enc, g) -> {
            enc.string(g.name());
            enc.list(g.groupOfShard(), (x, i) -> x.varint(i));
        });
        return Hashing.keccak256(e.toArray());
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.protocol.runtime.NodeId;

/**
 * The "violated node" marks of the τ-liveness rule (reticulum.md §1.4): the epoch of each node's
 * last silence. Every node votes once per epoch in its process shard, so a node silent in epoch e
 * with an earlier mark at e' where e − e' < τ has stayed silent twice within τ votes and is
 * expelled; otherwise its mark moves to e. Immutable: the control shard adopts the next record
 * only with an accepted control block.
 */
public record LivenessRecord(SortedMap<NodeId, Long> marks) {
    public static final LivenessRecord EMPTY = new LivenessRecord(new TreeMap<>());

    public LivenessRecord {
        marks = Collections.unmodifiableSortedMap(new TreeMap<>(marks));
    }

    /** The outcome of one silence. */
    public sealed interface Silence {
        /** The first silence within τ: the node is marked and stays. */
        record Marked(LivenessRecord next) implements Silence {}

        /** The second silence within τ: the node is to be expelled; {@code firstEpoch} is the evidence. */
        record Second(long firstEpoch, LivenessRecord next) implements Silence {}
    }

    public Optional<Long> lastSilence(NodeId node) {
        return Optional.ofNullable(marks.get(node));
    }

    public Silence silent(NodeId node, long epoch, int tau) {
        TreeMap<NodeId, Long> next = new TreeMap<>(marks);
        Long previous = marks.get(node);
        if (previous != null && epoch - previous < tau) {
            next.remove(node);
            return new Silence.Second(previous, new LivenessRecord(next));
        }
        next.put(node, epoch);
        return new Silence.Marked(new LivenessRecord(next));
    }

    /** Forgets expelled nodes, so the record stays bounded by the live membership. */
    public LivenessRecord without(java.util.Collection<NodeId> nodes) {
        TreeMap<NodeId, Long> next = new TreeMap<>(marks);
        next.keySet().removeAll(nodes);
        return new LivenessRecord(next);
    }
}

package org.spindle.protocol.sharding.reticulum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.RegistryChange;
import org.spindle.protocol.beacon.ReticulumMembership;
import org.spindle.protocol.beacon.ValidatorRegistry;
import org.spindle.protocol.runtime.NodeId;

/**
 * The replicated epoch state of one control shard (Algorithm 3): the remaining members of each
 * governed process shard, the τ-liveness record, each process shard's latest state (state-block-state
 * linking: a process block extends its shard's latest accepted state, and a rejected one leaves that
 * state unchanged for the epoch), the epoch and the attempt of its second phase.
 *
 * <p>Leaders rotate: process shard s is led in epoch e by its remaining member e mod |s|; attempt k
 * of the control block by control member (e + k) mod |c|, so a rejected control block is
 * re-proposed by the next member. A new epoch starts only when a control block is accepted. In the
 * simulator one instance serves all honest members of the control shard, as the ledgers do. Not
 * thread-safe.
 */
public final class ControlShard {
    /** One process shard's state change in an accepted epoch. */
    public record StateLink(long epoch, int processShard, Hash before, Hash block, Hash after) {}

    /** What accepting a control block did. */
    public record Accepted(ControlBlock block, List<StateLink> links, List<Expulsion> recorded,
            List<String> refused) {
        public Accepted {
            links = List.copyOf(links);
            recorded = List.copyOf(recorded);
            refused = List.copyOf(refused);
        }
    }

    private final ReticulumParams params;
    private final int index;
    private final TreeMap<Integer, List<NodeId>> processMembers = new TreeMap<>();
    private final TreeMap<Integer, Hash> states = new TreeMap<>();
    private LivenessRecord liveness = LivenessRecord.EMPTY;
    private long epoch;
    private int attempt;

    /** Control shard {@code index} of {@code membership}, every process shard starting at {@code genesisState}. */
    public ControlShard(ReticulumParams params, Membership membership, int index, Function<Integer, Hash> genesisState) {
        this.params = Objects.requireNonNull(params, "params");
        this.index = index;
        Membership.Grouping control = membership.grouping(ReticulumMembership.CONTROL_SHARDS)
                .orElseThrow(() -> new IllegalArgumentException("membership has no control shards"));
        for (int s : control.shardsOf(index)) {
            processMembers.put(s, List.copyOf(membership.shards().get(s)));
            states.put(s, genesisState.apply(s));
        }
        if (processMembers.isEmpty()) {
            throw new IllegalArgumentException("control shard " + index + " governs no process shard");
        }
        this.epoch = membership.epoch();
    }

    public int index() {
        return index;
    }

    public long epoch() {
        return epoch;
    }

    public int attempt() {
        return attempt;
    }

    public ReticulumParams params() {
        return params;
    }

    public LivenessRecord liveness() {
        return liveness;
    }

    /** Governed process shards that still have members, ascending. */
    public List<Integer> processShards() {
        return processMembers.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** The remaining members of process shard {@code s}. */
    public List<NodeId> membersOf(int s) {
        List<NodeId> m = processMembers.get(s);
        if (m == null) {
            throw new IllegalArgumentException("process shard " + s + " is not governed by control shard " + index);
        }
        return m;
    }

    /** The control shard's remaining members, process shard by process shard. */
    public List<NodeId> members() {
        List<NodeId> out = new ArrayList<>();
        processMembers.values().forEach(out::addAll);
        return Collections.unmodifiableList(out);
    }

    public NodeId processLeader(int s) {
        List<NodeId> m = membersOf(s);
        if (m.isEmpty()) {
            throw new IllegalStateException("process shard " + s + " has no members left");
        }
        return m.get((int) Math.floorMod(epoch, (long) m.size()));
    }

    public NodeId controlLeader() {
        List<NodeId> m = members();
        return m.get((int) Math.floorMod(epoch + attempt, (long) m.size()));
    }

    /** The latest accepted state of process shard {@code s}: what its next block must extend. */
    public Hash stateOf(int s) {
        return states.get(s);
    }

    /** T2 of Eq. (1) for an epoch in which {@code passed} governed process shards passed. */
    public long phaseTwoMicros(int passed) {
        return params.t2Micros(passed);
    }

    /** The view an honest member judges this epoch's control blocks from. */
    public ControlBlocks.View view(List<ProcessRound> rounds) {
        return new ControlBlocks.View(epoch, index, rounds, liveness, params.tau());
    }

    /** The control vote on the current attempt failed: the next member re-proposes, with the same T2. */
    public NodeId rejected() {
        attempt++;
        return controlLeader();
    }

    /**
     * The control vote accepted {@code block} by majority. Since a majority of the control shard is
     * honest and honest members approve only the block they would build themselves, {@code block}
     * must agree with {@code view}; anything else is a broken safety assumption and throws.
     * Records each expulsion on {@code registry} (confiscating the stake) with its evidence, drops
     * the expelled from their process shards, moves every accepted process shard to its block's
     * state ({@code stateAfter} maps a process block hash to the state it produces), and opens the
     * next epoch.
     */
    public Accepted accept(ControlBlock block, ControlBlocks.View view, Function<Hash, Hash> stateAfter,
            ValidatorRegistry registry) {
        if (block.epoch() != epoch || block.controlShard() != index || view.epoch() != epoch) {
            throw new IllegalArgumentException("control block of epoch " + block.epoch() + " accepted in epoch " + epoch);
        }
        ExpulsionRules.Judgement judgement = view.judgement();
        if (!block.expulsions().equals(judgement.expulsions())) {
            throw new IllegalStateException("a majority accepted a control block whose expulsions contradict the votes");
        }
        List<Expulsion> recorded = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Expulsion x : block.expulsions()) {
            RegistryChange c = registry.apply(s -> s.expel(x.node(), epoch, x.offence().reason(), x.evidence()));
            switch (c) {
                case RegistryChange.Applied a -> recorded.add(x);
                case RegistryChange.Rejected r -> refused.add(x.node() + ": " + r.reason());
            }
            processMembers.computeIfPresent(x.processShard(), (k, m) -> m.stream().filter(n -> !n.equals(x.node())).toList());
        }
        List<StateLink> links = new ArrayList<>();
        for (ControlEntry e : block.entries()) {
            Hash before = states.get(e.processShard());
            Hash after = e.accepted() ? Objects.requireNonNull(stateAfter.apply(e.block()),
                    "state after an accepted block") : before;
            states.put(e.processShard(), after);
            links.add(new StateLink(epoch, e.processShard(), before, e.accepted() ? e.block() : Hash.ZERO, after));
        }
        liveness = judgement.liveness();
        epoch++;
        attempt = 0;
        return new Accepted(block, links, recorded, refused);
    }
}

package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * The beacon's epoch bookkeeping in one place: the registry, the current randomness and the current
 * membership, advanced one epoch at a time from an agreed {@link RandomnessOutcome}. Deterministic:
 * nodes that feed the same outcomes hold the same beacon.
 *
 * <p>An epoch change (1) slashes every committee member that withheld its reveal by
 * {@code withholdingPenalty} (capped at its stake), which also takes it out of the active set;
 * (2) seals the registry for the new epoch; (3) reconfigures the membership from the new
 * randomness ({@link Reconfiguration}, bounded by the genesis fraction). The shard count is fixed at
 * genesis; changing it is resharding, the dynamic protocol's job.
 */
public final class Beacon {
    public static final String WITHHELD_REASON = "withheld randomness reveal";

    private final Genesis genesis;
    private final ValidatorRegistry registry;
    private Hash randomness;
    private Membership membership;

    public Beacon(Genesis genesis) {
        this.genesis = genesis;
        this.registry = new ValidatorRegistry(genesis.registry());
        this.randomness = genesis.initialRandomness();
        this.membership = genesis.initialMembership();
    }

    public long epoch() {
        return registry.current().epoch();
    }

    public Hash randomness() {
        return randomness;
    }

    public Membership membership() {
        return membership;
    }

    public ValidatorRegistry registry() {
        return registry;
    }

    /** The randomness round that will produce the next epoch's value, run by this epoch's committee. */
    public RandomnessRound openRound(ValidatorSignatures signatures) {
        List<Validator> committee = RandomnessRound.committee(registry.current(), genesis.parameters().randomnessCommittee());
        return new RandomnessRound(genesis.chainId(), epoch() + 1, randomness, committee, signatures);
    }

    /**
     * Moves to epoch {@code outcome.epoch()}, which must be the next one. On {@link EpochTransition.Halted}
     * nothing changed.
     *
     * @param stateBytes each shard's state size, for the sync plan
     */
    public EpochTransition advance(RandomnessOutcome outcome, long withholdingPenalty, IntToLongFunction stateBytes) {
        long next = epoch() + 1;
        if (outcome.epoch() != next) {
            return new EpochTransition.Halted("randomness for epoch " + outcome.epoch() + ", the next epoch is " + next);
        }
        if (withholdingPenalty < 0) {
            return new EpochTransition.Halted("withholding penalty must be non-negative");
        }
        RegistrySnapshot pending = registry.pending();
        List<PenaltyRecord> applied = new ArrayList<>();
        if (withholdingPenalty > 0) {
            for (NodeId id : outcome.withheld()) {
                long stake = pending.validator(id).map(Validator::stake).orElse(0L);
                Hash evidence = outcome.commitments().get(id);
                RegistryChange c = pending.slash(id, Math.min(withholdingPenalty, stake), epoch(), WITHHELD_REASON, evidence);
                if (c instanceof RegistryChange.Applied(RegistrySnapshot s)) {
                    pending = s;
                    applied.add(s.penalties().get(s.penalties().size() - 1));
                }
            }
        }
        List<NodeId> active = pending.active();
        if (active.size() < membership.shardCount()) {
            return new EpochTransition.Halted(active.size() + " active validators cannot fill " + membership.shardCount() + " shards");
        }
        Reconfiguration.Result r = Reconfiguration.reconfigure(membership, outcome.value(), active, next,
                genesis.parameters().reconfigurationFraction(), stateBytes);
        // Invariant: the new membership is exactly a partition of the new active set.
        Map<NodeId, Integer> index = r.membership().shardIndex();
        if (index.size() != active.size() || !index.keySet().equals(new TreeSet<>(active))) {
            throw new IllegalStateException("reconfiguration lost or duplicated a validator");
        }
        RegistrySnapshot finalPending = pending;
        registry.apply(s -> new RegistryChange.Applied(finalPending));
        RegistrySnapshot sealed = registry.sealEpoch();
        randomness = outcome.value();
        membership = r.membership();
        return new EpochTransition.Advanced(next, randomness, sealed, r, applied);
    }
}

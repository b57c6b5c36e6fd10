package org.spindle.protocol.beacon;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The beacon's validator registry over time. Each epoch has one sealed, immutable
 * {@link RegistrySnapshot}; changes decided during epoch e (expulsions, slashings, joins,
 * activations) go to the pending snapshot and take effect when {@link #sealEpoch()} makes it
 * epoch e+1's snapshot, so every node of epoch e works from the same validator set.
 */
public final class ValidatorRegistry {
    /** Sealed snapshots kept by default: enough to check anything a lagging node can still send. */
    public static final int DEFAULT_RETAINED_EPOCHS = 1024;

    private final NavigableMap<Long, RegistrySnapshot> sealed = new TreeMap<>();
    private final int retainedEpochs;
    private RegistrySnapshot pending;

    public ValidatorRegistry(RegistrySnapshot genesis) {
        this(genesis, DEFAULT_RETAINED_EPOCHS);
    }

    /** Keeps the latest {@code retainedEpochs} sealed snapshots; older ones are forgotten (bounded memory). */
    public ValidatorRegistry(RegistrySnapshot genesis, int retainedEpochs) {
        if (retainedEpochs < 1) {
            throw new IllegalArgumentException("must retain at least one epoch, got " + retainedEpochs);
        }
        this.retainedEpochs = retainedEpochs;
        sealed.put(genesis.epoch(), genesis);
        pending = genesis.nextEpoch();
    }

    /** The snapshot of the latest sealed epoch: the one in force now. */
    public RegistrySnapshot current() {
        return sealed.lastEntry().getValue();
    }

    /** The sealed snapshot of {@code epoch}, if that epoch has been sealed and is still retained. */
    public Optional<RegistrySnapshot> at(long epoch) {
        return Optional.ofNullable(sealed.get(epoch));
    }

    /** The snapshot that the next {@link #sealEpoch()} will seal. */
    public RegistrySnapshot pending() {
        return pending;
    }

    /**
     * Applies a change to the pending snapshot, e.g.
     * {@code apply(s -> s.slash(id, 10, registry.current().epoch(), "equivocation", evidence))}.
     * A rejection leaves the registry unchanged and is returned as is.
     */
    public RegistryChange apply(Function<RegistrySnapshot, RegistryChange> change) {
        RegistryChange result = change.apply(pending);
        if (result instanceof RegistryChange.Applied(RegistrySnapshot next)) {
            if (next.epoch() != pending.epoch()) {
                throw new IllegalArgumentException("a change must not relabel the epoch");
            }
            pending = next;
        }
        return result;
    }

    /** Seals the pending snapshot as the next epoch's and opens a new pending one. */
    public RegistrySnapshot sealEpoch() {
        RegistrySnapshot next = pending;
        sealed.put(next.epoch(), next);
        while (sealed.size() > retainedEpochs) {
            sealed.pollFirstEntry();
        }
        pending = next.nextEpoch();
        return next;
    }
}

package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/**
 * The validator set of one epoch, immutable. Every change returns a new snapshot through a
 * {@link RegistryChange}; a rejected change leaves this one as it was. {@code penalties} is the
 * full history of expulsions and slashings, oldest first.
 */
public record RegistrySnapshot(long epoch, SortedMap<NodeId, Validator> validators, List<PenaltyRecord> penalties) {
    public static final int MAX_VALIDATORS = 1 << 20;
    public static final int MAX_PENALTIES = 1 << 20;

    public RegistrySnapshot {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        TreeMap<NodeId, Validator> copy = new TreeMap<>();
        for (var e : validators.entrySet()) {
            if (!e.getKey().equals(e.getValue().id())) {
                throw new IllegalArgumentException("validator " + e.getValue().id() + " filed under " + e.getKey());
            }
            copy.put(e.getKey(), e.getValue());
        }
        validators = Collections.unmodifiableSortedMap(copy);
        penalties = List.copyOf(penalties);
    }

    /** The registry at genesis: {@code validators} with distinct ids and keys, no penalties. */
    public static RegistrySnapshot genesis(List<Validator> validators) {
        TreeMap<NodeId, Validator> map = new TreeMap<>();
        java.util.HashSet<org.spindle.core.bytes.Bytes> keys = new java.util.HashSet<>();
        for (Validator v : validators) {
            if (map.put(v.id(), v) != null) {
                throw new IllegalArgumentException("validator " + v.id() + " appears twice");
            }
            if (!keys.add(v.publicKey())) {
                throw new IllegalArgumentException("validator " + v.id() + " reuses another validator's public key");
            }
        }
        return new RegistrySnapshot(0, map, List.of());
    }

    public Optional<Validator> validator(NodeId id) {
        return Optional.ofNullable(validators.get(id));
    }

    /** Active validators' ids, ascending. */
    public List<NodeId> active() {
        return withStatus(ValidatorStatus.ACTIVE).stream().map(Validator::id).toList();
    }

    /** Validators with {@code status}, ascending by id. */
    public List<Validator> withStatus(ValidatorStatus status) {
        return validators.values().stream().filter(v -> v.status() == status).toList();
    }

    public long activeStake() {
        long total = 0;
        for (Validator v : validators.values()) {
            if (v.isActive()) {
                total = Math.addExact(total, v.stake());
            }
        }
        return total;
    }

    /** The same validators, labelled as the next epoch's snapshot. */
    public RegistrySnapshot nextEpoch() {
        return new RegistrySnapshot(Math.addExact(epoch, 1), validators, penalties);
    }

    /**
     * Expels an active, standby or slashed validator and confiscates its whole remaining stake,
     * recording the penalty as of {@code recordEpoch}.
     */
    public RegistryChange expel(NodeId id, long recordEpoch, String reason, Hash evidence) {
        Validator v = validators.get(id);
        if (v == null) {
            return new RegistryChange.Rejected("unknown validator " + id);
        }
        if (v.status() == ValidatorStatus.EXPELLED) {
            return new RegistryChange.Rejected("validator " + id + " is already expelled");
        }
        Optional<String> bad = checkRecord(recordEpoch, reason, evidence);
        if (bad.isPresent()) {
            return new RegistryChange.Rejected(bad.get());
        }
        PenaltyRecord record = new PenaltyRecord(PenaltyRecord.Kind.EXPULSION, id, recordEpoch, reason, evidence, v.stake());
        return new RegistryChange.Applied(replace(new Validator(id, v.publicKey(), 0, ValidatorStatus.EXPELLED), record));
    }

    /**
     * Takes {@code amount} (1..stake) from a validator that is not expelled and marks it slashed,
     * which removes it from the active set.
     */
    public RegistryChange slash(NodeId id, long amount, long recordEpoch, String reason, Hash evidence) {
        Validator v = validators.get(id);
        if (v == null) {
            return new RegistryChange.Rejected("unknown validator " + id);
        }
        if (v.status() == ValidatorStatus.EXPELLED) {
            return new RegistryChange.Rejected("validator " + id + " is expelled; nothing left to slash");
        }
        if (amount <= 0 || amount > v.stake()) {
            return new RegistryChange.Rejected("slash amount " + amount + " is outside 1.." + v.stake() + " for validator " + id);
        }
        Optional<String> bad = checkRecord(recordEpoch, reason, evidence);
        if (bad.isPresent()) {
            return new RegistryChange.Rejected(bad.get());
        }
        PenaltyRecord record = new PenaltyRecord(PenaltyRecord.Kind.SLASHING, id, recordEpoch, reason, evidence, amount);
        return new RegistryChange.Applied(replace(new Validator(id, v.publicKey(), v.stake() - amount, ValidatorStatus.SLASHED), record));
    }

    /** Adds a new validator to the standby pool. Its id and key must be unused and its stake positive. */
    public RegistryChange join(Validator candidate) {
        if (validators.containsKey(candidate.id())) {
            return new RegistryChange.Rejected("validator id " + candidate.id() + " is taken");
        }
        if (validators.values().stream().anyMatch(v -> v.publicKey().equals(candidate.publicKey()))) {
            return new RegistryChange.Rejected("public key of " + candidate.id() + " is already registered");
        }
        if (candidate.stake() <= 0) {
            return new RegistryChange.Rejected("a joining validator needs a positive stake");
        }
        if (validators.size() >= MAX_VALIDATORS) {
            return new RegistryChange.Rejected("the registry is full");
        }
        return new RegistryChange.Applied(replace(candidate.withStatus(ValidatorStatus.STANDBY), null));
    }

    /** Moves a standby validator to the active set. */
    public RegistryChange activate(NodeId id) {
        return move(id, ValidatorStatus.STANDBY, ValidatorStatus.ACTIVE);
    }

    /** Moves an active validator back to standby (rotation out of the active pool). */
    public RegistryChange deactivate(NodeId id) {
        return move(id, ValidatorStatus.ACTIVE, ValidatorStatus.STANDBY);
    }

    private RegistryChange move(NodeId id, ValidatorStatus from, ValidatorStatus to) {
        Validator v = validators.get(id);
        if (v == null) {
            return new RegistryChange.Rejected("unknown validator " + id);
        }
        if (v.status() != from) {
            return new RegistryChange.Rejected("validator " + id + " is " + v.status().label() + ", not " + from.label());
        }
        return new RegistryChange.Applied(replace(v.withStatus(to), null));
    }

    private Optional<String> checkRecord(long recordEpoch, String reason, Hash evidence) {
        if (penalties.size() >= MAX_PENALTIES) {
            return Optional.of("the penalty history is full (" + MAX_PENALTIES + " records)");
        }
        if (recordEpoch < 0) {
            return Optional.of("penalty epoch must be non-negative");
        }
        if (reason == null || reason.isEmpty()
                || reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PenaltyRecord.MAX_REASON) {
            return Optional.of("a penalty reason has 1 to " + PenaltyRecord.MAX_REASON + " bytes");
        }
        if (evidence == null) {
            return Optional.of("a penalty needs an evidence hash");
        }
        return Optional.empty();
    }

    private RegistrySnapshot replace(Validator v, PenaltyRecord record) {
        TreeMap<NodeId, Validator> map = new TreeMap<>(validators);
        map.put(v.id(), v);
        List<PenaltyRecord> recs = penalties;
        if (record != null) {
            recs = new ArrayList<>(penalties);
            recs.add(record);
        }
        return new RegistrySnapshot(epoch, map, recs);
    }

    /** keccak256 of the canonical encoding: what the beacon chain commits to. */
    public Hash hash() {
        return Hashing.keccak256(CODEC.encode(this));
    }

    public static final Codec<RegistrySnapshot> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, RegistrySnapshot s) {
            out.varint(s.epoch());
            out.list(s.validators().values(), Validator.CODEC::write);
            out.list(s.penalties(), PenaltyRecord.CODEC::write);
        }

        @Override
        public RegistrySnapshot read(Decoder in) {
            long epoch = in.varint();
            List<Validator> vs = in.list(MAX_VALIDATORS, Validator.CODEC::read);
            List<PenaltyRecord> ps = in.list(MAX_PENALTIES, PenaltyRecord.CODEC::read);
            TreeMap<NodeId, Validator> map = new TreeMap<>();
            NodeId last = null;
            for (Validator v : vs) {
                if (last != null && v.id().compareTo(last) <= 0) {
                    throw new CodecException("validators are not in strictly ascending id order");
                }
                last = v.id();
                map.put(v.id(), v);
            }
            return new RegistrySnapshot(epoch, map, ps);
        }

        @Override
        public int maxSize() {
            long max = 10 + 5 + (long) MAX_VALIDATORS * Validator.CODEC.maxSize() + 5
                    + (long) MAX_PENALTIES * PenaltyRecord.CODEC.maxSize();
            return (int) Math.min(max, Integer.MAX_VALUE - 8);
        }
    };
}

package org.spindle.protocol.beacon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/**
 * One epoch's randomness, by commit–reveal over a fixed committee. Deterministic logic only: the
 * caller (the beacon chain's consensus) decides when the commit phase closes and when the round
 * finishes, and feeds the messages it agreed on, so every node computes the same value.
 *
 * <p><b>Contributions.</b> A member's reveal is its Ed25519 signature over (chain id, epoch,
 * previous randomness), so it is verifiable against the registry's key and needs no stored secret.
 * An Ed25519 signature is deterministic when made by the standard algorithm but not <i>unique</i>:
 * a signer can pick its nonce and produce many valid signatures, i.e. grind its contribution. That
 * is why the member first commits to {@code keccak256(reveal)}: every commitment is fixed before any
 * reveal is seen, so grinding cannot react to the others' contributions.
 *
 * <p><b>Committee.</b> The registry defines it ({@link #committee}): the first {@code t} active
 * validators in id order. Nobody can add a contribution, only withhold one.
 *
 * <p><b>Combination.</b> {@code value = keccak256(tag ‖ chain ‖ epoch ‖ previous ‖ for each member in
 * id order: id ‖ c)} with {@code c = keccak256(reveal)} for a member that revealed, and otherwise the
 * public {@link RandomnessInput#fallback} value. One honest reveal, unknown to the adversary when it
 * committed, makes the value unpredictable to it.
 *
 * <p><b>Bias that remains.</b> A member that committed can wait for the honest reveals and then
 * decide whether to reveal: withholding swaps its contribution for the fallback, so an adversary
 * holding k committee seats chooses among at most 2^k values (k bits of bias) and cannot choose the
 * value outright. The rule limits this three ways: the fallback is fixed (withholding gives one
 * alternative, not a free choice); every withholding member is reported in
 * {@link RandomnessOutcome#withheld()} with its commitment as evidence, for the beacon chain to
 * slash, so each bit of bias costs stake; and the committee is fixed by the registry, so an
 * adversary cannot add seats to grind over. Members that never committed are treated like
 * withholders in the value but reported separately as {@code absent} (they may be offline).
 */
public final class RandomnessRound {
    public enum Phase {
        COMMIT,
        REVEAL,
        FINISHED
    }

    private final long chainId;
    private final long epoch;
    private final Hash previous;
    private final Map<NodeId, Validator> committee = new TreeMap<>();
    private final ValidatorSignatures signatures;
    private final Map<NodeId, Hash> commitments = new TreeMap<>();
    private final Map<NodeId, Bytes> reveals = new TreeMap<>();
    private Phase phase = Phase.COMMIT;

    public RandomnessRound(long chainId, long epoch, Hash previous, List<Validator> committee,
                           ValidatorSignatures signatures) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (committee.isEmpty()) {
            throw new IllegalArgumentException("the randomness committee is empty");
        }
        this.chainId = chainId;
        this.epoch = epoch;
        this.previous = Objects.requireNonNull(previous, "previous");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        for (Validator v : committee) {
            if (this.committee.put(v.id(), v) != null) {
                throw new IllegalArgumentException("validator " + v.id() + " is twice on the committee");
            }
        }
    }

    /** The registry-defined committee: the first {@code size} active validators by id (all, if fewer). */
    public static List<Validator> committee(RegistrySnapshot registry, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("committee size must be at least 1, got " + size);
        }
        List<Validator> active = registry.withStatus(ValidatorStatus.ACTIVE);
        return List.copyOf(active.subList(0, Math.min(size, active.size())));
    }

    public Phase phase() {
        return phase;
    }

    public long epoch() {
        return epoch;
    }

    public Map<NodeId, Hash> commitments() {
        return Map.copyOf(commitments);
    }

    public List<NodeId> revealed() {
        return List.copyOf(reveals.keySet());
    }

    public ContributionResult onCommit(RandomnessCommit c) {
        Validator v = committee.get(c.validator());
        if (c.epoch() != epoch) {
            return reject(ContributionResult.Reason.WRONG_EPOCH, "commit for epoch " + c.epoch() + ", round is " + epoch);
        }
        if (v == null) {
            return reject(ContributionResult.Reason.NOT_A_COMMITTEE_MEMBER, c.validator() + " is not on the committee");
        }
        if (phase != Phase.COMMIT) {
            return reject(ContributionResult.Reason.WRONG_PHASE, "commit from " + c.validator() + " after the commit phase closed");
        }
        if (!signatures.verify(v, RandomnessInput.commitMessage(chainId, epoch, c.commitment()), c.signature())) {
            return reject(ContributionResult.Reason.BAD_SIGNATURE, "commit signature of " + c.validator() + " does not verify");
        }
        Hash known = commitments.get(c.validator());
        if (known != null) {
            return known.equals(c.commitment())
                    ? reject(ContributionResult.Reason.DUPLICATE, "second copy of " + c.validator() + "'s commit")
                    : reject(ContributionResult.Reason.CONFLICTING, c.validator() + " signed two different commitments");
        }
        commitments.put(c.validator(), c.commitment());
        return new ContributionResult.Accepted();
    }

    /** Ends the commit phase: from now on only reveals of committed members count. */
    public void closeCommits() {
        if (phase != Phase.COMMIT) {
            throw new IllegalStateException("commit phase already closed");
        }
        phase = Phase.REVEAL;
    }

    public ContributionResult onReveal(RandomnessReveal r) {
        Validator v = committee.get(r.validator());
        if (r.epoch() != epoch) {
            return reject(ContributionResult.Reason.WRONG_EPOCH, "reveal for epoch " + r.epoch() + ", round is " + epoch);
        }
        if (v == null) {
            return reject(ContributionResult.Reason.NOT_A_COMMITTEE_MEMBER, r.validator() + " is not on the committee");
        }
        if (phase != Phase.REVEAL) {
            return reject(ContributionResult.Reason.WRONG_PHASE, "reveal from " + r.validator() + " in phase " + phase);
        }
        Hash committed = commitments.get(r.validator());
        if (committed == null) {
            return reject(ContributionResult.Reason.NOT_COMMITTED, r.validator() + " did not commit in time");
        }
        if (reveals.containsKey(r.validator())) {
            return reject(ContributionResult.Reason.DUPLICATE, "second reveal from " + r.validator());
        }
        if (!committed.equals(RandomnessInput.commitment(r.reveal()))) {
            return reject(ContributionResult.Reason.DOES_NOT_MATCH_COMMITMENT, r.validator() + "'s reveal does not hash to its commitment");
        }
        if (!signatures.verify(v, RandomnessInput.revealMessage(chainId, epoch, previous), r.reveal())) {
            return reject(ContributionResult.Reason.BAD_SIGNATURE, r.validator() + "'s reveal is not its signature of the epoch input");
        }
        reveals.put(r.validator(), r.reveal());
        return new ContributionResult.Accepted();
    }

    /** Combines the contributions; missing ones take the fallback. Ends the round. */
    public RandomnessOutcome finish() {
        if (phase == Phase.FINISHED) {
            throw new IllegalStateException("round already finished");
        }
        phase = Phase.FINISHED;
        Encoder e = RandomnessInput.tagged("spindle/beacon/randomness").i64(chainId).i64(epoch).hash(previous);
        List<NodeId> revealed = new ArrayList<>();
        List<NodeId> withheld = new ArrayList<>();
        List<NodeId> absent = new ArrayList<>();
        for (NodeId id : committee.keySet()) {
            e.varint(id.index());
            Bytes reveal = reveals.get(id);
            if (reveal != null) {
                e.hash(RandomnessInput.commitment(reveal));
                revealed.add(id);
            } else {
                e.hash(RandomnessInput.fallback(chainId, epoch, previous, id));
                (commitments.containsKey(id) ? withheld : absent).add(id);
            }
        }
        Map<NodeId, Hash> withheldCommitments = new TreeMap<>();
        withheld.forEach(id -> withheldCommitments.put(id, commitments.get(id)));
        return new RandomnessOutcome(epoch, Hashing.keccak256(e.toArray()), revealed, withheld, absent, withheldCommitments);
    }

    private static ContributionResult reject(ContributionResult.Reason reason, String detail) {
        return new ContributionResult.Rejected(reason, detail);
    }
}

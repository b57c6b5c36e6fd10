package org.spindle.sim.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.beacon.Beacon;
import org.spindle.protocol.beacon.EpochTransition;
import org.spindle.protocol.beacon.Genesis;
import org.spindle.protocol.beacon.RandomnessCommit;
import org.spindle.protocol.beacon.RandomnessInput;
import org.spindle.protocol.beacon.RandomnessOutcome;
import org.spindle.protocol.beacon.RandomnessReveal;
import org.spindle.protocol.beacon.RandomnessRound;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorSignatures;
import org.spindle.protocol.sharding.ledger.EpochSchedule;
import org.spindle.protocol.sharding.ledger.EpochValidator;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.sim.adversary.Assignment;

/**
 * The beacon chain of a simulated baseline network with epochs. The beacon chain itself (its own
 * BFT and messages) is not simulated: at each boundary the {@link Beacon} runs the epoch's
 * commit–reveal {@link RandomnessRound} among its committee (honest members commit and reveal, the
 * others withhold and the round's fallback stands in for them), advances with the outcome, and
 * {@link org.spindle.protocol.beacon.Reconfiguration} moves at most the genesis fraction of the
 * validators. Each shard's first height of the new epoch is the one after its next height (a
 * crosslink of the shard's head, as a beacon chain records it), so the old committee finishes the
 * block it has in flight; the shard ledgers learn the new membership from that height.
 * The first validator whose boundary timer fires computes the epoch; the others read it.
 */
public final class BaselineEpochs implements EpochSchedule {
    private final Genesis genesis;
    private final Beacon beacon;
    private final List<ShardLedger> ledgers;
    private final Assignment[] behaviours;
    private final long epochMicros;
    private final List<Epoch> epochs = new ArrayList<>();
    private long moved;

    BaselineEpochs(Genesis genesis, List<ShardLedger> ledgers, Assignment[] behaviours, long epochMicros) {
        this.genesis = genesis;
        this.beacon = new Beacon(genesis);
        this.ledgers = ledgers;
        this.behaviours = behaviours;
        this.epochMicros = epochMicros;
        List<Long> zero = new ArrayList<>();
        ledgers.forEach(l -> zero.add(0L));
        epochs.add(new Epoch(0, beacon.membership(), zero, List.of(), 0));
    }

    @Override
    public long epochMicros() {
        return epochMicros;
    }

    @Override
    public Epoch announce(long k, long nowMicros) {
        while (epochs.size() <= k) {
            advance(nowMicros);
        }
        return epochs.get((int) k);
    }

    @Override
    public Optional<Epoch> known(long k) {
        return k >= 0 && k < epochs.size() ? Optional.of(epochs.get((int) k)) : Optional.empty();
    }

    @Override
    public long latest() {
        return epochs.size() - 1;
    }

    @Override
    public ShardLedger ledger(int shard) {
        return ledgers.get(shard);
    }

    /** Validators that changed shards over all boundaries so far. */
    public long moved() {
        return moved;
    }

    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    private void advance(long nowMicros) {
        Epoch previous = epochs.get(epochs.size() - 1);
        ValidatorSignatures signatures = (v, message, signature) -> signature.equals(sign(v, message));
        RandomnessRound round = beacon.openRound(signatures);
        List<Validator> committee = RandomnessRound.committee(beacon.registry().current(),
                genesis.parameters().randomnessCommittee());
        List<Validator> contributing = committee.stream()
                .filter(v -> behaviours[v.id().index()].behaviour().honest()).toList();
        for (Validator v : contributing) {
            Bytes reveal = sign(v, RandomnessInput.revealMessage(genesis.chainId(), round.epoch(), beacon.randomness()));
            var commitment = RandomnessInput.commitment(reveal);
            round.onCommit(new RandomnessCommit(round.epoch(), v.id(), commitment,
                    sign(v, RandomnessInput.commitMessage(genesis.chainId(), round.epoch(), commitment))));
        }
        round.closeCommits();
        for (Validator v : contributing) {
            round.onReveal(new RandomnessReveal(round.epoch(), v.id(),
                    sign(v, RandomnessInput.revealMessage(genesis.chainId(), round.epoch(), beacon.randomness()))));
        }
        RandomnessOutcome outcome = round.finish();
        EpochTransition t = beacon.advance(outcome, 0,
                shard -> EpochValidator.ACCOUNT_BYTES * ledgers.get(shard).state().accountCount());
        if (!(t instanceof EpochTransition.Advanced a)) {
            throw new IllegalStateException("the beacon could not advance: " + t);
        }
        List<Long> starts = new ArrayList<>();
        for (int s = 0; s < ledgers.size(); s++) {
            long start = Math.max(ledgers.get(s).nextHeight() + 1, previous.startHeight(s) + 1);
            starts.add(start);
            ledgers.get(s).reconfigure(start, a.membership());
        }
        moved += a.reconfiguration().moves().size();
        epochs.add(new Epoch(a.epoch(), a.membership(), starts, a.reconfiguration().syncPlan(), nowMicros));
    }

    /**
     * The simulation's stand-in for a validator's signature: a hash of its public key and the
     * message, which only the beacon's own bookkeeping checks (the randomness is still combined from
     * the committee's reveals and fallbacks exactly as on a real beacon).
     */
    private static Bytes sign(Validator v, Bytes message) {
        return Hashing.keccak256(v.publicKey().concat(message)).bytes();
    }
}

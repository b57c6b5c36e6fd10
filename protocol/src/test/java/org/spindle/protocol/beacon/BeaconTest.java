package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

class BeaconTest {
    private static Genesis genesis() {
        TreeMap<Address, BigInteger> accounts = new TreeMap<>();
        accounts.put(Address.fromHex("0x00000000000000000000000000000000000000a1"), BigInteger.TEN);
        ProtocolParameters p = new ProtocolParameters(new MembershipConfig.Baseline(new ShardCount.Fixed(3)), 1_000_000, 0.2, 5);
        return new Genesis(9, TestKeys.validators(12), accounts, p);
    }

    /** Runs one randomness round of the beacon's next epoch; members in {@code silent} commit but do not reveal. */
    private static RandomnessOutcome round(Beacon beacon, Set<Integer> silent) {
        RandomnessRound r = beacon.openRound(ValidatorSignatures.ed25519());
        long epoch = r.epoch();
        List<Integer> members = new ArrayList<>();
        RandomnessRound.committee(beacon.registry().current(), 5).forEach(v -> members.add(v.id().index()));
        for (int i : members) {
            Bytes reveal = TestKeys.sign(i, RandomnessInput.revealMessage(9, epoch, beacon.randomness()));
            Hash c = RandomnessInput.commitment(reveal);
            assertThat(r.onCommit(new RandomnessCommit(epoch, NodeId.of(i), c,
                    TestKeys.sign(i, RandomnessInput.commitMessage(9, epoch, c))))).isInstanceOf(ContributionResult.Accepted.class);
        }
        r.closeCommits();
        for (int i : members) {
            if (!silent.contains(i)) {
                Bytes reveal = TestKeys.sign(i, RandomnessInput.revealMessage(9, epoch, beacon.randomness()));
                assertThat(r.onReveal(new RandomnessReveal(epoch, NodeId.of(i), reveal))).isInstanceOf(ContributionResult.Accepted.class);
            }
        }
        return r.finish();
    }

    @Test
    void epochsAdvanceWithFreshRandomnessAndBoundedReconfiguration() {
        Beacon beacon = new Beacon(genesis());
        assertThat(beacon.epoch()).isZero();
        Set<Hash> seen = new HashSet<>();
        seen.add(beacon.randomness());
        for (int e = 1; e <= 5; e++) {
            EpochTransition t = beacon.advance(round(beacon, Set.of()), 10, s -> 1000);
            assertThat(t).isInstanceOf(EpochTransition.Advanced.class);
            EpochTransition.Advanced a = (EpochTransition.Advanced) t;
            assertThat(a.epoch()).isEqualTo(e);
            assertThat(seen.add(a.randomness())).isTrue();
            assertThat(a.reconfiguration().moves().size()).isLessThanOrEqualTo(2); // ⌊0.2 × 12⌋
            assertThat(a.membership().validators()).isEqualTo(beacon.registry().current().active());
            assertThat(a.penalties()).isEmpty();
        }
        assertThat(beacon.epoch()).isEqualTo(5);
    }

    @Test
    void aMemberThatWithholdsIsSlashedAndLeavesTheMembership() {
        Beacon beacon = new Beacon(genesis());
        EpochTransition.Advanced a = (EpochTransition.Advanced) beacon.advance(round(beacon, Set.of(2)), 30, s -> 0);
        assertThat(a.penalties()).singleElement().satisfies(p -> {
            assertThat(p.validator()).isEqualTo(NodeId.of(2));
            assertThat(p.amount()).isEqualTo(30);
            assertThat(p.reason()).isEqualTo(Beacon.WITHHELD_REASON);
            assertThat(p.epoch()).isZero();
        });
        assertThat(a.registry().validator(NodeId.of(2)).orElseThrow().status()).isEqualTo(ValidatorStatus.SLASHED);
        assertThat(a.membership().validators()).doesNotContain(NodeId.of(2)).hasSize(11);
        assertThat(a.reconfiguration().departed()).containsExactly(NodeId.of(2));
        assertThat(beacon.registry().at(0).orElseThrow().active()).contains(NodeId.of(2));
    }

    @Test
    void anOutcomeForTheWrongEpochHaltsAndChangesNothing() {
        Beacon beacon = new Beacon(genesis());
        RandomnessOutcome outcome = round(beacon, Set.of());
        beacon.advance(outcome, 10, s -> 0);
        Hash randomness = beacon.randomness();
        Membership membership = beacon.membership();
        EpochTransition t = beacon.advance(outcome, 10, s -> 0); // replay of epoch 1's outcome
        assertThat(t).isInstanceOf(EpochTransition.Halted.class);
        assertThat(((EpochTransition.Halted) t).reason()).contains("the next epoch is 2");
        assertThat(beacon.epoch()).isEqualTo(1);
        assertThat(beacon.randomness()).isEqualTo(randomness);
        assertThat(beacon.membership()).isEqualTo(membership);
    }

    @Test
    void twoNodesFedTheSameOutcomesHoldTheSameBeacon() {
        Beacon a = new Beacon(genesis());
        Beacon b = new Beacon(genesis());
        for (int e = 0; e < 3; e++) {
            RandomnessOutcome o = round(a, e == 1 ? Set.of(0) : Set.of());
            a.advance(o, 5, s -> 100);
            b.advance(o, 5, s -> 100);
        }
        assertThat(a.membership()).isEqualTo(b.membership());
        assertThat(a.registry().current().hash()).isEqualTo(b.registry().current().hash());
    }

    @Test
    void signaturesCanBeCheckedThroughTheRuntimeCrypto() {
        List<NodeId> asked = new ArrayList<>();
        Crypto crypto = new Crypto() {
            @Override
            public Bytes sign(Bytes message) {
                return Bytes.EMPTY;
            }

            @Override
            public boolean verify(NodeId signer, Bytes message, Bytes signature) {
                asked.add(signer);
                return signature.equals(Bytes.of((byte) signer.index()));
            }

            @Override
            public Hash hash(Bytes data) {
                return Hash.ZERO;
            }

            @Override
            public int signatureSize() {
                return 1;
            }
        };
        ValidatorSignatures sigs = ValidatorSignatures.of(crypto);
        assertThat(sigs.verify(TestKeys.validator(4, 1), Bytes.EMPTY, Bytes.of((byte) 4))).isTrue();
        assertThat(sigs.verify(TestKeys.validator(4, 1), Bytes.EMPTY, Bytes.of((byte) 5))).isFalse();
        assertThat(asked).containsExactly(NodeId.of(4), NodeId.of(4));
        assertThat(ValidatorSignatures.ed25519().verify(TestKeys.validator(4, 1), Bytes.EMPTY, Bytes.of((byte) 4))).isFalse();
    }
}

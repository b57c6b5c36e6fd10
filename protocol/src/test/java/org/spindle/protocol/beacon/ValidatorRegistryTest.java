package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

class ValidatorRegistryTest {
    private static final Hash EVIDENCE = Hash.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private static RegistrySnapshot applied(RegistryChange c) {
        assertThat(c).isInstanceOf(RegistryChange.Applied.class);
        return ((RegistryChange.Applied) c).snapshot();
    }

    private static String rejected(RegistryChange c) {
        assertThat(c).isInstanceOf(RegistryChange.Rejected.class);
        return ((RegistryChange.Rejected) c).reason();
    }

    @Test
    void expulsionConfiscatesTheStakeAndRemovesTheValidatorFromTheActiveSet() {
        RegistrySnapshot s = RegistrySnapshot.genesis(TestKeys.validators(4));
        RegistrySnapshot after = applied(s.expel(NodeId.of(2), 5, "voted for a faulty block", EVIDENCE));
        assertThat(after.active()).containsExactly(NodeId.of(0), NodeId.of(1), NodeId.of(3));
        Validator v = after.validator(NodeId.of(2)).orElseThrow();
        assertThat(v.status()).isEqualTo(ValidatorStatus.EXPELLED);
        assertThat(v.stake()).isZero();
        assertThat(after.penalties()).containsExactly(new PenaltyRecord(PenaltyRecord.Kind.EXPULSION, NodeId.of(2), 5,
                "voted for a faulty block", EVIDENCE, 102));
        assertThat(s.active()).hasSize(4); // the original snapshot is untouched
    }

    @Test
    void slashingTakesPartOfTheStakeAndRecordsIt() {
        RegistrySnapshot s = RegistrySnapshot.genesis(TestKeys.validators(3));
        RegistrySnapshot after = applied(s.slash(NodeId.of(1), 40, 2, "withheld randomness reveal", EVIDENCE));
        assertThat(after.validator(NodeId.of(1)).orElseThrow().stake()).isEqualTo(61);
        assertThat(after.validator(NodeId.of(1)).orElseThrow().status()).isEqualTo(ValidatorStatus.SLASHED);
        assertThat(after.activeStake()).isEqualTo(100 + 102);
        assertThat(after.penalties().get(0).amount()).isEqualTo(40);
        // a slashed validator can still be expelled, losing the rest
        RegistrySnapshot expelled = applied(after.expel(NodeId.of(1), 3, "second offence", EVIDENCE));
        assertThat(expelled.penalties().get(1).amount()).isEqualTo(61);
    }

    @Test
    void invalidChangesAreRejectedWithAReasonAndChangeNothing() {
        RegistrySnapshot s = RegistrySnapshot.genesis(TestKeys.validators(3));
        RegistrySnapshot expelled = applied(s.expel(NodeId.of(0), 1, "faulty block", EVIDENCE));
        assertThat(rejected(s.expel(NodeId.of(9), 1, "x", EVIDENCE))).contains("unknown validator n9");
        assertThat(rejected(expelled.expel(NodeId.of(0), 1, "x", EVIDENCE))).contains("already expelled");
        assertThat(rejected(expelled.slash(NodeId.of(0), 1, 1, "x", EVIDENCE))).contains("expelled");
        assertThat(rejected(s.slash(NodeId.of(1), 0, 1, "x", EVIDENCE))).contains("outside 1..101");
        assertThat(rejected(s.slash(NodeId.of(1), 102, 1, "x", EVIDENCE))).contains("outside 1..101");
        assertThat(rejected(s.slash(NodeId.of(1), 5, 1, "", EVIDENCE))).contains("reason");
        assertThat(rejected(s.slash(NodeId.of(1), 5, -1, "x", EVIDENCE))).contains("epoch");
        assertThat(rejected(s.activate(NodeId.of(1)))).contains("is active, not standby");
        assertThat(rejected(s.join(TestKeys.validator(1, 5)))).contains("taken");
        Validator sameKey = new Validator(NodeId.of(7), TestKeys.validator(2, 5).publicKey(), 5, ValidatorStatus.ACTIVE);
        assertThat(rejected(s.join(sameKey))).contains("already registered");
        assertThat(rejected(s.join(TestKeys.validator(8, 0)))).contains("positive stake");
        assertThat(s).isEqualTo(RegistrySnapshot.genesis(TestKeys.validators(3)));
    }

    @Test
    void joiningValidatorsWaitInStandbyUntilActivated() {
        RegistrySnapshot s = RegistrySnapshot.genesis(TestKeys.validators(2));
        RegistrySnapshot joined = applied(s.join(TestKeys.validator(5, 50)));
        assertThat(joined.validator(NodeId.of(5)).orElseThrow().status()).isEqualTo(ValidatorStatus.STANDBY);
        assertThat(joined.active()).doesNotContain(NodeId.of(5));
        RegistrySnapshot active = applied(joined.activate(NodeId.of(5)));
        assertThat(active.active()).contains(NodeId.of(5));
        assertThat(applied(active.deactivate(NodeId.of(5))).active()).doesNotContain(NodeId.of(5));
    }

    @Test
    void sealedEpochSnapshotsNeverChangeAndChangesTakeEffectNextEpoch() {
        ValidatorRegistry reg = new ValidatorRegistry(RegistrySnapshot.genesis(TestKeys.validators(4)));
        RegistrySnapshot epoch0 = reg.current();
        RegistryChange c = reg.apply(s -> s.expel(NodeId.of(3), reg.current().epoch(), "equivocation", EVIDENCE));
        assertThat(c).isInstanceOf(RegistryChange.Applied.class);
        assertThat(reg.current().active()).hasSize(4);
        assertThat(reg.pending().active()).hasSize(3);
        RegistryChange bad = reg.apply(s -> s.expel(NodeId.of(3), 0, "again", EVIDENCE));
        assertThat(bad).isInstanceOf(RegistryChange.Rejected.class);
        RegistrySnapshot epoch1 = reg.sealEpoch();
        assertThat(epoch1.epoch()).isEqualTo(1);
        assertThat(reg.current()).isSameAs(epoch1);
        assertThat(reg.at(0)).contains(epoch0);
        assertThat(reg.at(0).orElseThrow().active()).hasSize(4);
        assertThat(reg.at(1).orElseThrow().active()).hasSize(3);
        assertThat(reg.at(2)).isEmpty();
        assertThat(epoch1.penalties()).extracting(PenaltyRecord::epoch).containsExactly(0L);
    }

    @Test
    void onlyTheConfiguredNumberOfSealedEpochsIsRetained() {
        ValidatorRegistry reg = new ValidatorRegistry(RegistrySnapshot.genesis(TestKeys.validators(2)), 3);
        for (int e = 0; e < 5; e++) {
            reg.sealEpoch();
        }
        assertThat(reg.current().epoch()).isEqualTo(5);
        assertThat(reg.at(2)).isEmpty();
        assertThat(reg.at(3)).isPresent();
        assertThat(reg.at(5)).isPresent();
    }

    @Test
    void genesisRegistryRejectsRepeatedIdsAndKeys() {
        assertThatThrownBy(() -> RegistrySnapshot.genesis(List.of(TestKeys.validator(1, 5), TestKeys.validator(1, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        Validator clash = new Validator(NodeId.of(2), TestKeys.validator(1, 5).publicKey(), 5, ValidatorStatus.ACTIVE);
        assertThatThrownBy(() -> RegistrySnapshot.genesis(List.of(TestKeys.validator(1, 5), clash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public key");
    }
}

package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

class RandomnessRoundTest {
    private static final long CHAIN = 7;
    private static final long EPOCH = 3;
    private static final Hash PREVIOUS = Hashing.keccak256(Bytes.of((byte) 1));
    private static final List<Validator> COMMITTEE = TestKeys.validators(4);

    private static RandomnessRound round() {
        return new RandomnessRound(CHAIN, EPOCH, PREVIOUS, COMMITTEE, ValidatorSignatures.ed25519());
    }

    private static Bytes reveal(int i) {
        return TestKeys.sign(i, RandomnessInput.revealMessage(CHAIN, EPOCH, PREVIOUS));
    }

    private static RandomnessCommit commit(int i) {
        Hash c = RandomnessInput.commitment(reveal(i));
        return new RandomnessCommit(EPOCH, NodeId.of(i), c, TestKeys.sign(i, RandomnessInput.commitMessage(CHAIN, EPOCH, c)));
    }

    private static RandomnessReveal revealMessage(int i) {
        return new RandomnessReveal(EPOCH, NodeId.of(i), reveal(i));
    }

    private static RandomnessOutcome fullRound(int... revealers) {
        RandomnessRound r = round();
        for (int i = 0; i < COMMITTEE.size(); i++) {
            assertThat(r.onCommit(commit(i))).isInstanceOf(ContributionResult.Accepted.class);
        }
        r.closeCommits();
        for (int i : revealers) {
            assertThat(r.onReveal(revealMessage(i))).isInstanceOf(ContributionResult.Accepted.class);
        }
        return r.finish();
    }

    private static ContributionResult.Reason reason(ContributionResult result) {
        assertThat(result).isInstanceOf(ContributionResult.Rejected.class);
        return ((ContributionResult.Rejected) result).reason();
    }

    @Test
    void everyMemberRevealingGivesTheSameValueOnEveryNode() {
        RandomnessOutcome a = fullRound(0, 1, 2, 3);
        RandomnessOutcome b = fullRound(3, 2, 1, 0);
        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.revealed()).containsExactly(NodeId.of(0), NodeId.of(1), NodeId.of(2), NodeId.of(3));
        assertThat(a.withheld()).isEmpty();
        assertThat(a.absent()).isEmpty();
    }

    @Test
    void theValueDependsOnThePreviousRandomness() {
        RandomnessRound other = new RandomnessRound(CHAIN, EPOCH, Hash.ZERO, COMMITTEE, ValidatorSignatures.ed25519());
        other.closeCommits();
        RandomnessRound same = round();
        same.closeCommits();
        assertThat(other.finish().value()).isNotEqualTo(same.finish().value());
    }

    @Test
    void withholdingChangesTheValueAndIsReportedWithTheCommitmentAsEvidence() {
        RandomnessOutcome all = fullRound(0, 1, 2, 3);
        RandomnessOutcome oneWithheld = fullRound(0, 1, 3);
        assertThat(oneWithheld.value()).isNotEqualTo(all.value());
        assertThat(oneWithheld.withheld()).containsExactly(NodeId.of(2));
        assertThat(oneWithheld.commitments()).containsExactly(Map.entry(NodeId.of(2), RandomnessInput.commitment(reveal(2))));
        // the withholder's choice is binary: withholding again gives the same fallback value
        assertThat(fullRound(3, 1, 0).value()).isEqualTo(oneWithheld.value());
    }

    @Test
    void membersThatNeverCommittedAreAbsentAndTheirLateRevealIsRejected() {
        RandomnessRound r = round();
        r.onCommit(commit(0));
        r.onCommit(commit(1));
        r.closeCommits();
        r.onReveal(revealMessage(0));
        assertThat(reason(r.onReveal(revealMessage(2)))).isEqualTo(ContributionResult.Reason.NOT_COMMITTED);
        RandomnessOutcome o = r.finish();
        assertThat(o.revealed()).containsExactly(NodeId.of(0));
        assertThat(o.withheld()).containsExactly(NodeId.of(1));
        assertThat(o.absent()).containsExactly(NodeId.of(2), NodeId.of(3));
    }

    @Test
    void badInputIsRejectedWithAReasonAndChangesNothing() {
        RandomnessRound r = round();
        r.onCommit(commit(0));
        Map<NodeId, Hash> before = r.commitments();

        RandomnessCommit forged = new RandomnessCommit(EPOCH, NodeId.of(1), commit(1).commitment(), commit(2).signature());
        assertThat(reason(r.onCommit(forged))).isEqualTo(ContributionResult.Reason.BAD_SIGNATURE);
        Hash c9 = Hash.ZERO;
        RandomnessCommit outsider = new RandomnessCommit(EPOCH, NodeId.of(9), c9,
                TestKeys.sign(9, RandomnessInput.commitMessage(CHAIN, EPOCH, c9)));
        assertThat(reason(r.onCommit(outsider))).isEqualTo(ContributionResult.Reason.NOT_A_COMMITTEE_MEMBER);
        assertThat(reason(r.onCommit(commit(0)))).isEqualTo(ContributionResult.Reason.DUPLICATE);
        Hash otherCommitment = Hashing.keccak256(Bytes.of((byte) 9));
        RandomnessCommit conflicting = new RandomnessCommit(EPOCH, NodeId.of(0), otherCommitment,
                TestKeys.sign(0, RandomnessInput.commitMessage(CHAIN, EPOCH, otherCommitment)));
        assertThat(reason(r.onCommit(conflicting))).isEqualTo(ContributionResult.Reason.CONFLICTING);
        RandomnessCommit wrongEpoch = new RandomnessCommit(EPOCH + 1, NodeId.of(1), commit(1).commitment(), commit(1).signature());
        assertThat(reason(r.onCommit(wrongEpoch))).isEqualTo(ContributionResult.Reason.WRONG_EPOCH);
        assertThat(reason(r.onReveal(revealMessage(0)))).isEqualTo(ContributionResult.Reason.WRONG_PHASE);
        assertThat(r.commitments()).isEqualTo(before);

        r.onCommit(commit(1));
        r.closeCommits();
        assertThat(reason(r.onCommit(commit(2)))).isEqualTo(ContributionResult.Reason.WRONG_PHASE);
        RandomnessReveal mismatched = new RandomnessReveal(EPOCH, NodeId.of(0), reveal(1));
        assertThat(reason(r.onReveal(mismatched))).isEqualTo(ContributionResult.Reason.DOES_NOT_MATCH_COMMITMENT);
        assertThat(r.revealed()).isEmpty();
        r.onReveal(revealMessage(0));
        assertThat(reason(r.onReveal(revealMessage(0)))).isEqualTo(ContributionResult.Reason.DUPLICATE);
        RandomnessReveal outsiderReveal = new RandomnessReveal(EPOCH, NodeId.of(9), reveal(1));
        assertThat(reason(r.onReveal(outsiderReveal))).isEqualTo(ContributionResult.Reason.NOT_A_COMMITTEE_MEMBER);
        assertThat(r.revealed()).containsExactly(NodeId.of(0));
        assertThat(r.commitments()).containsOnlyKeys(NodeId.of(0), NodeId.of(1));
    }

    @Test
    void aRevealThatMatchesItsCommitmentButIsNotASignatureIsRejected() {
        // A member commits to arbitrary bytes instead of its signature: the reveal opens the commitment
        // but is not verifiable against its key, so it cannot be used to steer the value freely.
        Bytes junk = Bytes.wrap(new byte[64]);
        Hash c = RandomnessInput.commitment(junk);
        RandomnessRound r = round();
        r.onCommit(new RandomnessCommit(EPOCH, NodeId.of(0), c, TestKeys.sign(0, RandomnessInput.commitMessage(CHAIN, EPOCH, c))));
        r.closeCommits();
        assertThat(reason(r.onReveal(new RandomnessReveal(EPOCH, NodeId.of(0), junk))))
                .isEqualTo(ContributionResult.Reason.BAD_SIGNATURE);
        assertThat(r.finish().withheld()).containsExactly(NodeId.of(0));
    }

    @Test
    void committeeIsTheFirstActiveValidatorsById() {
        RegistrySnapshot reg = RegistrySnapshot.genesis(TestKeys.validators(6));
        RegistryChange change = reg.deactivate(NodeId.of(1));
        RegistrySnapshot after = ((RegistryChange.Applied) change).snapshot();
        assertThat(RandomnessRound.committee(after, 3)).extracting(Validator::id)
                .containsExactly(NodeId.of(0), NodeId.of(2), NodeId.of(3));
        assertThat(RandomnessRound.committee(after, 100)).hasSize(5);
    }

    @Test
    void phasesCannotBeRepeated() {
        RandomnessRound r = round();
        r.closeCommits();
        assertThatThrownBy(r::closeCommits).isInstanceOf(IllegalStateException.class);
        r.finish();
        assertThatThrownBy(r::finish).isInstanceOf(IllegalStateException.class);
        assertThat(r.phase()).isEqualTo(RandomnessRound.Phase.FINISHED);
    }
}

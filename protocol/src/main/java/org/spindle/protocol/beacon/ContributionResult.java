package org.spindle.protocol.beacon;

/** What a {@link RandomnessRound} did with a commit or a reveal. */
public sealed interface ContributionResult {
    record Accepted() implements ContributionResult {}

    /** Rejected and ignored: the round is exactly as it was before. */
    record Rejected(Reason reason, String detail) implements ContributionResult {}

    enum Reason {
        WRONG_EPOCH,
        NOT_A_COMMITTEE_MEMBER,
        WRONG_PHASE,
        DUPLICATE,
        CONFLICTING,
        BAD_SIGNATURE,
        NOT_COMMITTED,
        DOES_NOT_MATCH_COMMITMENT
    }
}

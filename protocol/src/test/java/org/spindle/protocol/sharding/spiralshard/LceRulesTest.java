package org.spindle.protocol.sharding.spiralshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.G;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.GROUPS;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.MEMBERSHIP;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.VERIFIER;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.block;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.certify;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.header;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.sharding.FinalityRule;

class LceRulesTest {
    private final EndorsementRules rules = new EndorsementRules(GROUPS);

    private static String reason(Validity v) {
        assertThat(v).isInstanceOf(Validity.Invalid.class);
        return ((Validity.Invalid) v).reason();
    }

    @Test
    void groupsEndorseInAscendingRingOrderWithTheLargestWrappingToTheSmallest() {
        EndorsementGroups g = new EndorsementGroups(10, 4);
        assertThat(g.groupShards(5)).containsExactly(4, 5, 6, 7);
        assertThat(g.next(5)).isEqualTo(6);
        assertThat(g.next(7)).isEqualTo(4);
        assertThat(g.predecessor(4)).isEqualTo(7);
        assertThat(g.predecessor(5, 2)).isEqualTo(7);
        assertThat(g.groupShards(9)).containsExactly(8, 9);
        assertThat(g.next(9)).isEqualTo(8);
        assertThat(g.length(8)).isEqualTo(2);
    }

    @Test
    void lceFieldsTravelInTheHeaderAndPassTheProtocolCheck() {
        BlockHeader b0 = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader b1 = block(1, 0, Hash.ZERO, b0, 1);
        LceFields f = LceFields.of(b1);
        assertThat(f.endorsed()).isEqualTo(b0.hash());
        assertThat(f.endorsements()).containsExactly(b0.hash());
        assertThat(LceFixture.PROTOCOL.headerFields().check(b1, MEMBERSHIP)).isEmpty();
        BlockHeader b2 = block(2, 0, Hash.ZERO, b1, 1);
        assertThat(LceFields.of(b2).endorsements()).containsExactly(b1.hash(), b0.hash());
    }

    @Test
    void aHeaderWithAForgedCertificateIsNotAdmitted() {
        HeaderBook book = new HeaderBook(16);
        BlockHeader forged = certify(header(0, 0, Hash.ZERO, LceFields.NONE, 1), true);
        Validity v = book.offer(forged, MEMBERSHIP, VERIFIER);
        assertThat(reason(v)).contains("no valid certificate").contains("bad signature");
        assertThat(book.size()).isZero();
        assertThat(book.offer(certify(header(0, 0, Hash.ZERO, LceFields.NONE, 1)), MEMBERSHIP, VERIFIER).isValid())
                .isTrue();
    }

    @Test
    void anEndorsementThatConflictsWithTheParentsEndorsedForkIsRejected() {
        HeaderBook book = new HeaderBook(64);
        BlockHeader a0 = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader a1 = block(0, 1, a0.hash(), null, 1);
        BlockHeader fork1 = block(0, 1, a0.hash(), null, 2);
        for (BlockHeader h : List.of(a0, a1, fork1)) {
            assertThat(book.offer(h, MEMBERSHIP, VERIFIER).isValid()).isTrue();
        }
        LceFields parent = LceFields.endorsing(Hash.ZERO, a1, LceFields.of(a1), G);
        LceFields extendsIt = LceFields.endorsing(Hash.ZERO, a1, LceFields.of(a1), G);
        LceFields conflicting = LceFields.endorsing(Hash.ZERO, fork1, LceFields.of(fork1), G);
        assertThat(rules.check(1, extendsIt, parent, book, Hash.ZERO).isValid()).isTrue();
        assertThat(reason(rules.check(1, conflicting, parent, book, Hash.ZERO))).contains("rule (a)");
        assertThat(reason(rules.check(1, LceFields.NONE, parent, book, Hash.ZERO))).contains("endorses nothing");
    }

    @Test
    void anEndorsementOfAHeaderNeverAdmittedIsRejected() {
        HeaderBook book = new HeaderBook(64);
        BlockHeader a0 = block(0, 0, Hash.ZERO, null, 1);
        LceFields f = LceFields.endorsing(Hash.ZERO, a0, LceFields.of(a0), G);
        assertThat(reason(rules.check(1, f, LceFields.NONE, book, Hash.ZERO))).contains("not received with a valid");
    }

    @Test
    void anEndorsementListThatSkipsAShardIsRejected() {
        HeaderBook book = new HeaderBook(64);
        BlockHeader s0 = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader s1 = block(1, 0, Hash.ZERO, s0, 1);
        BlockHeader s2 = block(2, 0, Hash.ZERO, null, 1);
        for (BlockHeader h : List.of(s0, s1, s2)) {
            book.offer(h, MEMBERSHIP, VERIFIER);
        }
        // Shard 2 endorses s1 but its list jumps from shard 1 to shard 2 instead of shard 0.
        LceFields skipping = new LceFields(Hash.ZERO, s1.hash(), List.of(s1.hash(), s2.hash()));
        assertThat(reason(rules.check(2, skipping, LceFields.NONE, book, Hash.ZERO))).contains("skips a shard");
        LceFields good = LceFields.endorsing(Hash.ZERO, s1, LceFields.of(s1), G);
        assertThat(rules.check(2, good, LceFields.NONE, book, Hash.ZERO).isValid()).isTrue();
        LceFields cut = new LceFields(Hash.ZERO, s1.hash(), List.of(s1.hash()));
        assertThat(reason(rules.check(2, cut, LceFields.NONE, book, Hash.ZERO))).contains("stops after 1");
    }

    @Test
    void anEndorsementListThatEndorsesTwoForksIsRejected() {
        HeaderBook book = new HeaderBook(64);
        BlockHeader s0 = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader other0 = block(0, 0, Hash.ZERO, null, 2);
        BlockHeader s1 = block(1, 0, Hash.ZERO, s0, 1);
        for (BlockHeader h : List.of(s0, other0, s1)) {
            book.offer(h, MEMBERSHIP, VERIFIER);
        }
        LceFields twoForks = new LceFields(Hash.ZERO, s1.hash(), List.of(s1.hash(), other0.hash()));
        assertThat(reason(rules.check(2, twoForks, LceFields.NONE, book, Hash.ZERO))).contains("two forks of shard 0");
    }

    @Test
    void theLeaderEndorsesTheLatestBlockOfTheLongestNonConflictingFork() {
        HeaderBook book = new HeaderBook(64);
        BlockHeader a0 = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader a1 = block(0, 1, a0.hash(), null, 1);
        BlockHeader b1 = block(0, 1, a0.hash(), null, 2);
        BlockHeader b2 = block(0, 2, b1.hash(), null, 2);
        for (BlockHeader h : List.of(a0, a1, b1, b2)) {
            book.offer(h, MEMBERSHIP, VERIFIER);
        }
        assertThat(rules.choose(1, LceFields.NONE, book, Hash.ZERO, false)).contains(b2);
        // Having endorsed a1, the shard must stay on a's fork: b2 conflicts with it.
        LceFields onA = LceFields.endorsing(Hash.ZERO, a1, LceFields.of(a1), G);
        assertThat(rules.choose(1, onA, book, Hash.ZERO, false)).isEmpty();
        // A forking adversary picks the other branch when rule (a) lets it.
        assertThat(rules.choose(1, LceFields.NONE, book, Hash.ZERO, true)).contains(a1);
        // Once shard 0 finalized b1, a's fork is discarded and the shard may move to b's.
        assertThat(rules.choose(1, onA, book, b1.hash(), false)).contains(b2);
        LceFields toB = LceFields.endorsing(Hash.ZERO, b2, LceFields.of(b2), G);
        assertThat(rules.check(1, toB, onA, book, b1.hash()).isValid()).isTrue();
    }

    @Test
    void theFinalityRuleWantsEveryOtherShardOfTheGroup() {
        FinalityRule rule = LceFixture.PROTOCOL.finality();
        BlockHeader h = block(0, 0, Hash.ZERO, null, 1);
        assertThat(rule.decide(new FinalityRule.Observation(h, true, G - 1, false)))
                .isInstanceOf(FinalityRule.Verdict.Final.class);
        assertThat(rule.decide(new FinalityRule.Observation(h, true, G - 2, false)))
                .isInstanceOf(FinalityRule.Verdict.Pending.class);
        assertThat(rule.decide(new FinalityRule.Observation(h, false, G, false)))
                .isInstanceOf(FinalityRule.Verdict.Pending.class);
    }
}

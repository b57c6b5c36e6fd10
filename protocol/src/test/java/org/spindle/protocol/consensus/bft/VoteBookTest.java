package org.spindle.protocol.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

class VoteBookTest {
    private static final Hash B = Hash.ZERO;

    private static Vote vote(VoteKind kind, int view, int voter) {
        return BftNodeTest.vote(kind, 0, view, B, NodeId.of(voter));
    }

    @Test
    void aClearedBookHasANewGenerationAndAPrunedOneKeepsIt() {
        VoteBook book = new VoteBook(4);
        book.add(vote(VoteKind.PREPARE, 0, 0), 0);
        long first = book.generation();
        book.pruneBelow(5);
        assertThat(book.generation()).isEqualTo(first);
        book.clear();
        assertThat(book.generation()).isNotEqualTo(first);
    }

    @Test
    void askingForASignerOrCertificateOfATallyTheBookNoLongerHoldsFailsWithTheReason() {
        VoteBook book = new VoteBook(4);
        VoteBook.Tally prepare = new VoteBook.Tally(VoteKind.PREPARE, 0, B);
        VoteBook.Tally commit = new VoteBook.Tally(VoteKind.COMMIT, 0, B);
        book.add(vote(VoteKind.PREPARE, 0, 2), 2);
        book.add(vote(VoteKind.COMMIT, 0, 3), 3);
        assertThat(book.anySigner(prepare)).isEqualTo(2);
        assertThat(book.anySigner(commit)).isEqualTo(3);

        book.pruneBelow(1);
        assertThat(book.count(prepare)).isZero();
        assertThatThrownBy(() -> book.certificate(prepare, 0, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no tally");
        assertThat(book.anySigner(commit)).as("commit tallies are not pruned").isEqualTo(3);

        book.clear();
        assertThatThrownBy(() -> book.anySigner(commit)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no tally");
    }
}

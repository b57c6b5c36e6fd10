package org.spindle.protocol.sharding.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TxPoolTest {
    final LedgerFixture f = new LedgerFixture();

    @Test
    void thePoolKeepsArrivalOrderRefusesDuplicatesAndOverflowAndForgetsWhatIsRemoved() {
        TxPool pool = new TxPool(2);
        var a = f.accounts.get(0);
        var t0 = LedgerFixture.transfer(a.get(0), 0, a.get(1), 1);
        var t1 = LedgerFixture.transfer(a.get(0), 1, a.get(1), 1);
        var t2 = LedgerFixture.transfer(a.get(0), 2, a.get(1), 1);
        assertThat(pool.add(t0)).isEqualTo(TxPool.Admission.ACCEPTED);
        assertThat(pool.add(t0)).isInstanceOfSatisfying(TxPool.Admission.Refused.class,
                r -> assertThat(r.reason()).contains("pending already"));
        assertThat(pool.add(t1)).isEqualTo(TxPool.Admission.ACCEPTED);
        assertThat(pool.add(t2)).isInstanceOfSatisfying(TxPool.Admission.Refused.class,
                r -> assertThat(r.reason()).contains("full"));
        assertThat(pool.peek(1)).containsExactly(t0);
        assertThat(pool.peek(5)).containsExactly(t0, t1);
        assertThat(pool.removeAll(List.of(t0, t2))).isEqualTo(1);
        assertThat(pool.contains(t0.hash())).isFalse();
        assertThat(pool.peek(5)).containsExactly(t1);
        assertThat(pool.add(t2)).isEqualTo(TxPool.Admission.ACCEPTED);
    }
}

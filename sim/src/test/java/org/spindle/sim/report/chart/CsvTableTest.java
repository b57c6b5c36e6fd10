package org.spindle.sim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    @Test
    void columnsAreReadByNameAndBadOrMissingNumbersAreNaN() {
        CsvTable t = CsvTable.parse("epoch,tps,note\n0,12.5,a\n1,,b\n2,x\n3\n");
        assertThat(t.header()).containsExactly("epoch", "tps", "note");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.doubles("epoch")).containsExactly(0, 1, 2, 3);
        double[] tps = t.doubles("tps");
        assertThat(tps[0]).isEqualTo(12.5);
        assertThat(tps[1]).isNaN();
        assertThat(tps[2]).isNaN();
        assertThat(tps[3]).isNaN();
        assertThat(t.hasColumn("missing")).isFalse();
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        CsvTable t = CsvTable.parse("a,b\n\"x, \"\"y\"\"\",2\r\n");
        assertThat(t.strings("a")).containsExactly("x, \"y\"");
        assertThat(t.doubles("b")).containsExactly(2);
    }

    @Test
    void anEmptyFileHasNoColumnsAndNoRows() {
        CsvTable t = CsvTable.parse("");
        assertThat(t.header()).isEmpty();
        assertThat(t.rowCount()).isZero();
    }

    @Property(tries = 200)
    void aQuotedFieldReadsBackAsItself(@ForAll String field) {
        String clean = field.replace("\r", "").replace("\n", "");
        CsvTable t = CsvTable.parse("h,k\n" + CsvTable.quote(clean) + ",1\n");
        assertThat(t.strings("h")).isEqualTo(List.of(clean.trim()));
    }
}

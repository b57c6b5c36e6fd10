package org.spindle.sim.report.chart;

import java.util.Objects;

/** An axis: what is measured and its unit ("" when it has none, as for a ratio or a count). */
public record Axis(String label, String unit) {
    public Axis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
    }

    public static Axis of(String label, String unit) {
        return new Axis(label, unit);
    }

    /** The axis title as drawn: {@code label (unit)}, or the label alone without a unit. */
    public String title() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}

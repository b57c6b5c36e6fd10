package org.spindle.sim.report.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named line or set of points. Points whose x or y is not finite (a missing value) are left
 * out when the series is made, so a chart never has to draw a NaN.
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
        int n = 0;
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        x = Arrays.copyOf(fx, n);
        y = Arrays.copyOf(fy, n);
    }

    public int size() {
        return x.length;
    }

    public boolean isEmpty() {
        return x.length == 0;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The same points ordered by x (ties keep their order), as a line chart wants them. */
    public Series sortedByX() {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] sx = new double[x.length];
        double[] sy = new double[y.length];
        for (int i = 0; i < order.length; i++) {
            sx[i] = x[order[i]];
            sy[i] = y[order[i]];
        }
        return new Series(name, sx, sy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.x, x) && Arrays.equals(s.y, y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points]";
    }
}

package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;

import java.util.Arrays;

/**
 * The linear spline through one-dimensional data {@code (x_i, y_i)}: the piecewise-linear interpolant with kinks at the
 * data points, extended linearly outside their hull (paper 003 Cor 4.1/4.2). An immutable value.
 */
public final class SplineInterpolant {
    private final double[] knots;
    private final double[] values;

    /**
     * @param x distinct finite abscissae (any order; copied and sorted), at least 2
     * @param y finite values, one per abscissa
     * @throws InvalidInputException naming {@code x} or {@code y}
     */
    public SplineInterpolant(double[] x, double[] y) {
        if (x == null || x.length < 2) {
            throw new InvalidInputException("x", x == null ? null : x.length + " points", "at least 2 points");
        }
        if (y == null || y.length != x.length) {
            throw new InvalidInputException("y", y == null ? null : y.length + " values", x.length + " values");
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            InvalidInputException.requireFinite("x", x[i]);
            InvalidInputException.requireFinite("y", y[i]);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        knots = new double[x.length];
        values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            knots[i] = x[order[i]];
            values[i] = y[order[i]];
            if (i > 0 && !(knots[i] > knots[i - 1])) {
                throw new InvalidInputException("x", knots[i], "distinct points (it appears twice)");
            }
        }
    }

    /** The sorted data abscissae. */
    public double[] knots() {
        return knots.clone();
    }

    /** The values at {@link #knots()}. */
    public double[] values() {
        return values.clone();
    }

    /** The smallest gap between consecutive data points. */
    public double minSpacing() {
        double h = Double.POSITIVE_INFINITY;
        for (int i = 1; i < knots.length; i++) {
            h = Math.min(h, knots[i] - knots[i - 1]);
        }
        return h;
    }

    /** The spline at {@code t} (linear extension outside the hull). */
    public double value(double t) {
        int n = knots.length;
        int k = Arrays.binarySearch(knots, t);
        if (k >= 0) {
            return values[k];
        }
        int hi = Math.min(Math.max(-k - 1, 1), n - 1);
        int lo = hi - 1;
        double s = (values[hi] - values[lo]) / (knots[hi] - knots[lo]);
        return values[lo] + s * (t - knots[lo]);
    }

    /** The distance from {@code t} to the nearest data point. */
    public double distanceToData(double t) {
        int k = Arrays.binarySearch(knots, t);
        if (k >= 0) {
            return 0;
        }
        int ins = -k - 1;
        double d = Double.POSITIVE_INFINITY;
        if (ins < knots.length) {
            d = knots[ins] - t;
        }
        if (ins > 0) {
            d = Math.min(d, t - knots[ins - 1]);
        }
        return d;
    }
}

package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The value function of one branch on a finite set of candidate weights,
 * {@code phi(c) = min { g(w) : w candidate, h(w) <= c }}: the lower-left (Pareto) boundary of the 2-D set
 * {@code S = {(h(w), g(w))}} that the proof of Theorem 1 of Zhang, Shao, Salakhutdinov (Appendix B) works with.
 *
 * <p>Budgets are integers in units of {@link #unit()} ({@code h = units * unit}). The staircase points
 * {@code (units_k, value_k)} have strictly increasing units and strictly decreasing values; {@code phi} is the
 * right-continuous step function through them: {@code phi(c) = value_k} on {@code [units_k, units_{k+1})}, the last
 * value up to {@link #maxUnits()} (the largest {@code h} on the domain), {@code +Inf} below the first. Each point
 * keeps the weights that achieve it. Immutable.
 */
public final class ValueFunction {
    private final long[] units;
    private final double[] values;
    private final double[][] weights;
    private final double unit;
    private final long maxUnits;

    private ValueFunction(long[] units, double[] values, double[][] weights, double unit, long maxUnits) {
        this.units = units;
        this.values = values;
        this.weights = weights;
        this.unit = unit;
        this.maxUnits = maxUnits;
    }

    /**
     * The staircase of arbitrary candidate points (in any order, duplicates allowed): sorted by budget, keeping a
     * point only when its value is below every value at a smaller or equal budget (ties keep the first given).
     *
     * @param units budgets in units, {@code >= 0}
     * @param values finite values {@code g}, as many as {@code units}
     * @param weights the weights of each point ({@code null} entries allowed), as many as {@code units}, or
     *     {@code null}
     * @param unit the budget unit, {@code > 0}
     * @param maxUnits the largest budget of the domain, {@code >= max(units)}
     */
    public static ValueFunction of(long[] units, double[] values, double[][] weights, double unit, long maxUnits) {
        if (units == null || values == null || units.length != values.length || units.length == 0) {
            throw new InvalidInputException("values", values == null ? null : values.length + " values",
                    "at least one value, one per budget");
        }
        if (weights != null && weights.length != units.length) {
            throw new InvalidInputException("weights", weights.length + " entries", units.length + " entries");
        }
        InvalidInputException.requirePositive("unit", unit);
        Integer[] order = new Integer[units.length];
        for (int i = 0; i < order.length; i++) {
            if (units[i] < 0 || units[i] > maxUnits) {
                throw new InvalidInputException("units[" + i + "]", units[i], "a budget in [0, " + maxUnits + "]");
            }
            InvalidInputException.requireFinite("values[" + i + "]", values[i]);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> units[i]).thenComparingDouble(i -> values[i]));
        List<Integer> kept = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i : order) {
            if (values[i] < best) {
                kept.add(i);
                best = values[i];
            }
        }
        long[] u = new long[kept.size()];
        double[] v = new double[kept.size()];
        double[][] w = new double[kept.size()][];
        for (int k = 0; k < u.length; k++) {
            int i = kept.get(k);
            u[k] = units[i];
            v[k] = values[i];
            w[k] = weights == null || weights[i] == null ? null : weights[i].clone();
        }
        return new ValueFunction(u, v, w, unit, maxUnits);
    }

    /**
     * The staircase from a dense table: {@code best[b]} is the smallest value at budget exactly {@code b} units
     * ({@code +Inf} or NaN when there is none), {@code weightsOf.apply(b)} the weights achieving it.
     */
    public static ValueFunction ofTable(double[] best, java.util.function.IntFunction<double[]> weightsOf,
            double unit) {
        List<Integer> kept = new ArrayList<>();
        double run = Double.POSITIVE_INFINITY;
        for (int b = 0; b < best.length; b++) {
            if (best[b] < run) {
                kept.add(b);
                run = best[b];
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException("values", "none finite", "at least one finite value");
        }
        long[] u = new long[kept.size()];
        double[] v = new double[kept.size()];
        double[][] w = new double[kept.size()][];
        for (int k = 0; k < u.length; k++) {
            u[k] = kept.get(k);
            v[k] = best[kept.get(k)];
            w[k] = weightsOf == null ? null : weightsOf.apply(kept.get(k));
        }
        return new ValueFunction(u, v, w, unit, best.length - 1);
    }

    /** Number of staircase points. */
    public int size() {
        return units.length;
    }

    /** Budget of point {@code k}, in units. */
    public long units(int k) {
        return units[k];
    }

    /** Value {@code g} of point {@code k}. */
    public double value(int k) {
        return values[k];
    }

    /** The weights achieving point {@code k} (a copy), or {@code null} when unknown. */
    public double[] weights(int k) {
        return weights[k] == null ? null : weights[k].clone();
    }

    /** The budget unit ({@code h = units * unit}). */
    public double unit() {
        return unit;
    }

    /** The largest budget of the domain, in units. */
    public long maxUnits() {
        return maxUnits;
    }

    /** The smallest value, {@code min g} (the last point). */
    public double minValue() {
        return values[values.length - 1];
    }

    /** {@code phi} at a budget given in units (any real number): the step function. */
    public double atUnits(double budgetUnits) {
        int k = indexAt(budgetUnits);
        return k < 0 ? Double.POSITIVE_INFINITY : values[k];
    }

    /** Index of the last point with budget {@code <= budgetUnits}, or {@code -1}. */
    public int indexAt(double budgetUnits) {
        int lo = 0;
        int hi = units.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (units[mid] <= budgetUnits) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The lower convex hull of the staircase points: the convex envelope {@code phi**} the dual sees. */
    public LowerHull hull() {
        return LowerHull.of(this);
    }
}

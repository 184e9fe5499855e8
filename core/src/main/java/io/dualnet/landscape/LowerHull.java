package io.dualnet.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * The convex envelope {@code phi**} of a {@link ValueFunction}: the lower convex hull of its staircase points,
 * piecewise linear between hull vertices and constant after the last one. It is what the dual (3) of Zhang, Shao,
 * Salakhutdinov sees: {@code min_c phi(c) + lambda c = min_c phi**(c) + lambda c} for every {@code lambda >= 0}.
 *
 * <p>Also computes {@code rho = sup_c (phi(c) - phi**(c))}, the non-convexity of the value function. Since
 * {@code phi} is a step function and {@code phi**} continuous, the supremum over the step
 * {@code [units_k, units_{k+1})} is the left limit {@code value_k - phi**(units_{k+1})}. Immutable.
 */
public final class LowerHull {
    private final ValueFunction function;
    private final int[] vertices;

    private LowerHull(ValueFunction function, int[] vertices) {
        this.function = function;
        this.vertices = vertices;
    }

    /** The hull of {@code f}'s staircase (monotone chain; collinear points are not vertices). */
    public static LowerHull of(ValueFunction f) {
        List<Integer> hull = new ArrayList<>();
        for (int k = 0; k < f.size(); k++) {
            while (hull.size() >= 2) {
                int a = hull.get(hull.size() - 2);
                int b = hull.get(hull.size() - 1);
                double cross = (double) (f.units(b) - f.units(a)) * (f.value(k) - f.value(a))
                        - (f.value(b) - f.value(a)) * (double) (f.units(k) - f.units(a));
                if (cross <= 0) {
                    hull.remove(hull.size() - 1);
                } else {
                    break;
                }
            }
            hull.add(k);
        }
        return new LowerHull(f, hull.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The value function this is the envelope of. */
    public ValueFunction function() {
        return function;
    }

    /** Number of hull vertices. */
    public int size() {
        return vertices.length;
    }

    /** Staircase index of hull vertex {@code v}. */
    public int vertex(int v) {
        return vertices[v];
    }

    /** Slope of hull edge {@code e} (from vertex {@code e} to {@code e + 1}), per unit; negative. */
    public double slope(int e) {
        int a = vertices[e];
        int b = vertices[e + 1];
        return (function.value(b) - function.value(a)) / (double) (function.units(b) - function.units(a));
    }

    /** {@code phi**} at a budget in units: {@code +Inf} below the first point, constant after the last vertex. */
    public double atUnits(double budgetUnits) {
        if (budgetUnits < function.units(vertices[0])) {
            return Double.POSITIVE_INFINITY;
        }
        int lo = 0;
        int hi = vertices.length - 1;
        if (budgetUnits >= function.units(vertices[hi])) {
            return function.value(vertices[hi]);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (function.units(vertices[mid]) <= budgetUnits) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int a = vertices[lo];
        int b = vertices[hi];
        double t = (budgetUnits - function.units(a)) / (double) (function.units(b) - function.units(a));
        return function.value(a) + t * (function.value(b) - function.value(a));
    }

    /** {@code min_k (value_k + lambdaPerUnit * units_k)} over the staircase (equal to the minimum over the hull). */
    public double lagrangian(double lambdaPerUnit) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < function.size(); k++) {
            best = Math.min(best, function.value(k) + lambdaPerUnit * function.units(k));
        }
        return best;
    }

    /** {@code rho = sup_c (phi(c) - phi**(c))} (0 for a single point). */
    public double rho() {
        return rhoStep() < 0 ? 0 : function.value(rhoStep()) - atUnits(function.units(rhoStep() + 1));
    }

    /** The step {@code k} whose left limit at {@code units_{k+1}} attains {@link #rho()}, or {@code -1} if none. */
    public int rhoStep() {
        int best = -1;
        double worst = 0;
        for (int k = 0; k + 1 < function.size(); k++) {
            double d = function.value(k) - atUnits(function.units(k + 1));
            if (d > worst) {
                worst = d;
                best = k;
            }
        }
        return best;
    }
}

package io.dualnet.duality;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.LowerHull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The convexified budget allocation, i.e. the dual (3) of Zhang, Shao, Salakhutdinov in its primal form:
 *
 * <pre>
 *   sup(D) = min (1/I) sum_t n_t phi_t**(c_t)   s.t.  (1/I) sum_t n_t c_t <= K,
 * </pre>
 *
 * for branch types {@code t} with {@code n_t} copies and convex envelopes {@code phi_t**} ({@link LowerHull}). It is
 * a fractional knapsack: starting from every type's cheapest point, hull edges are bought in order of steepest
 * descent per unit of budget until the budget runs out inside one edge, the <em>critical</em> edge, whose slope gives
 * the optimal multiplier {@code lambda*} of (3). Budgets are in units of the value functions ({@code h = units * unit}).
 *
 * @param total {@code sum_t n_t phi_t**(c_t)} at the optimum (I times {@code sup(D)})
 * @param lambdaPerUnit the optimal multiplier per budget unit ({@code 0} when the budget buys every edge)
 * @param critical the type whose edge is partly bought, or {@code -1} when {@code lambda* = 0}
 * @param edge the critical hull edge (from vertex {@code edge} to {@code edge + 1}), or {@code -1}
 * @param base per type, the staircase index of the hull vertex where the type's copies sit (for the critical type the
 *     start of the critical edge)
 * @param remaining budget units left for the critical edge (in {@code [0, n_critical * edge length)})
 */
public record AllocationRelaxation(double total, double lambdaPerUnit, int critical, int edge, int[] base,
                                   double remaining) {

    /**
     * Solves the fractional knapsack.
     *
     * @param hulls the envelopes {@code phi_t**}
     * @param counts {@code n_t >= 0}, at least one positive
     * @param budgetUnits the total budget {@code I K / unit}
     * @throws InvalidInputException naming {@code budget} when even the cheapest points exceed it
     */
    public static AllocationRelaxation solve(List<LowerHull> hulls, int[] counts, double budgetUnits) {
        double used = 0;
        double total = 0;
        int[] position = new int[hulls.size()];
        List<int[]> edges = new ArrayList<>();
        for (int t = 0; t < hulls.size(); t++) {
            LowerHull h = hulls.get(t);
            used += (double) counts[t] * h.function().units(h.vertex(0));
            total += counts[t] * h.function().value(h.vertex(0));
            if (counts[t] > 0) {
                for (int e = 0; e + 1 < h.size(); e++) {
                    edges.add(new int[] {t, e});
                }
            }
        }
        double remaining = budgetUnits - used;
        if (remaining < -1e-9 * Math.max(1, used)) {
            throw new InvalidInputException("budget", budgetUnits * hulls.get(0).function().unit()
                    / total(counts), String.format(Locale.ROOT, "an average regularizer of at least %.6g (the "
                    + "smallest the branches can achieve)", used * hulls.get(0).function().unit() / total(counts)));
        }
        remaining = Math.max(0, remaining);
        edges.sort(Comparator.<int[]>comparingDouble(e -> hulls.get(e[0]).slope(e[1]))
                .thenComparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        for (int[] e : edges) {
            LowerHull h = hulls.get(e[0]);
            int a = h.vertex(e[1]);
            int b = h.vertex(e[1] + 1);
            double length = (double) (h.function().units(b) - h.function().units(a));
            double cost = counts[e[0]] * length;
            if (cost <= remaining) {
                remaining -= cost;
                total += counts[e[0]] * (h.function().value(b) - h.function().value(a));
                position[e[0]] = e[1] + 1;
            } else {
                double slope = h.slope(e[1]);
                total += remaining * slope;
                return new AllocationRelaxation(total, -slope, e[0], e[1], bases(hulls, position), remaining);
            }
        }
        return new AllocationRelaxation(total, 0, -1, -1, bases(hulls, position), 0);
    }

    private static int[] bases(List<LowerHull> hulls, int[] position) {
        int[] base = new int[hulls.size()];
        for (int t = 0; t < base.length; t++) {
            base[t] = hulls.get(t).vertex(position[t]);
        }
        return base;
    }

    private static int total(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    /**
     * The dual objective of (3) recomputed from the multiplier alone (its certificate):
     * {@code sum_t n_t min_k (phi_t,k + lambda units_k) - lambda budgetUnits}, a lower bound on every allocation.
     */
    public double dualValue(List<LowerHull> hulls, int[] counts, double budgetUnits) {
        double q = 0;
        for (int t = 0; t < hulls.size(); t++) {
            if (counts[t] > 0) {
                q += counts[t] * hulls.get(t).lagrangian(lambdaPerUnit);
            }
        }
        return q - lambdaPerUnit * budgetUnits;
    }
}

package io.dualnet.duality;

import io.dualnet.landscape.ValueFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact budget allocation by dynamic programming over branches, for small instances and as the reference the fast
 * method is tested against: after {@code i} branches, the Pareto staircase of (total budget units, total value) of all
 * their choices; adding a branch is a min-plus convolution with its staircase, done in a dense table over the budget
 * and filtered back to a staircase. The cost is the sum over branches of (staircase size) x (points of the branch);
 * the method gives up, returning {@code null}, beyond an operation limit.
 */
final class StaircaseDp {
    /** Largest budget range the dense table accepts. */
    static final long MAX_RANGE = 50_000_000L;

    private StaircaseDp() {
    }

    /**
     * @param functions the value functions of the branch types
     * @param counts copies {@code n_t} of each type
     * @param budgetUnits total budget in units
     * @param operationLimit give up beyond this many (staircase point x branch point) pairs
     * @return the optimal copies per type and staircase point ({@code [t][k]}), or {@code null} if over the limit
     */
    static long[][] solve(List<ValueFunction> functions, int[] counts, long budgetUnits, long operationLimit) {
        return solve(functions, counts, budgetUnits, operationLimit, null);
    }

    /**
     * As {@link #solve(List, int[], long, long)}, with each type restricted to the points {@code allowed[t][k]}
     * ({@code null}: all), for callers that have proven the other points are in no optimal allocation.
     */
    static long[][] solve(List<ValueFunction> functions, int[] counts, long budgetUnits, long operationLimit,
            boolean[][] allowed) {
        long[] vu = {0};
        double[] vv = {0};
        List<int[]> parents = new ArrayList<>();
        List<int[]> choices = new ArrayList<>();
        List<Integer> typeOfStep = new ArrayList<>();
        long ops = 0;
        long reach = 0;
        for (int t = 0; t < functions.size(); t++) {
            ValueFunction f = functions.get(t);
            boolean[] mask = allowed == null ? null : allowed[t];
            int[] points = java.util.stream.IntStream.range(0, f.size())
                    .filter(k -> mask == null || mask[k]).toArray();
            for (int c = 0; c < counts[t]; c++) {
                ops += (long) vu.length * points.length;
                reach = Math.min(budgetUnits, reach + f.units(f.size() - 1));
                if (ops > operationLimit || reach + 1 > MAX_RANGE) {
                    return null;
                }
                int range = (int) reach + 1;
                double[] best = new double[range];
                int[] parent = new int[range];
                int[] choice = new int[range];
                Arrays.fill(best, Double.POSITIVE_INFINITY);
                for (int i = 0; i < vu.length; i++) {
                    for (int k : points) {
                        long u = vu[i] + f.units(k);
                        if (u > reach) {
                            break;
                        }
                        double v = vv[i] + f.value(k);
                        if (v < best[(int) u]) {
                            best[(int) u] = v;
                            parent[(int) u] = i;
                            choice[(int) u] = k;
                        }
                    }
                }
                int size = 0;
                double run = Double.POSITIVE_INFINITY;
                for (int u = 0; u < range; u++) {
                    if (best[u] < run) {
                        run = best[u];
                        size++;
                    }
                }
                long[] nu = new long[size];
                double[] nv = new double[size];
                int[] np = new int[size];
                int[] nc = new int[size];
                run = Double.POSITIVE_INFINITY;
                int j = 0;
                for (int u = 0; u < range; u++) {
                    if (best[u] < run) {
                        run = best[u];
                        nu[j] = u;
                        nv[j] = best[u];
                        np[j] = parent[u];
                        nc[j] = choice[u];
                        j++;
                    }
                }
                vu = nu;
                vv = nv;
                parents.add(np);
                choices.add(nc);
                typeOfStep.add(t);
            }
        }
        long[][] out = new long[functions.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = new long[functions.get(t).size()];
        }
        int at = vu.length - 1;
        for (int step = parents.size() - 1; step >= 0; step--) {
            out[typeOfStep.get(step)][choices.get(step)[at]]++;
            at = parents.get(step)[at];
        }
        return out;
    }
}

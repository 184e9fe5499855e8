package io.dualnet.duality;

import io.dualnet.landscape.CandidateSet;
import io.dualnet.net.MultibranchGapProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Feasible {@code I}-branch allocations for the non-separable tau-hinge problem ({@link HingeGapBounds}): the
 * relaxation's mixture rounded down to whole copies (the remainder on each type's cheapest candidate, which keeps the
 * budget), then improved by moving single copies while the hinge objective decreases (steepest descent over the
 * mixture's support and the candidates with the best Lagrangian values).
 */
final class Rounding {
    private Rounding() {
    }

    /** The hinge objective of the relaxation's mixture (types weighted {@code n_t / total}). */
    static double hingeOfMixture(MultibranchGapProblem problem, List<CandidateSet> candidates, int[] counts,
            double total, List<double[]> support) {
        int n = problem.samples();
        double[] mean = new double[n];
        for (double[] s : support) {
            CandidateSet c = candidates.get((int) s[0]);
            double w = counts[(int) s[0]] / total * s[2];
            for (int k = 0; k < n; k++) {
                mean[k] += w * c.output((int) s[1], k);
            }
        }
        return hinge(problem, mean);
    }

    static double hinge(MultibranchGapProblem problem, double[] meanOutput) {
        double s = 0;
        for (int k = 0; k < meanOutput.length; k++) {
            s += Math.max(0, 1 - problem.label(k) * meanOutput[k] / problem.tau());
        }
        return s / meanOutput.length;
    }

    /** Branch counts up to which every multiset of pool candidates is tried. */
    static final int EXHAUSTIVE_BRANCHES = 3;

    /**
     * The hinge objective of the best allocation found for {@code counts} branches (an upper bound on inf(P)): the
     * better of steepest descent from the rounded mixture and from every branch on its type's best single candidate
     * within the per-branch budget, and, for at most {@link #EXHAUSTIVE_BRANCHES} branches, every multiset of pool
     * candidates.
     */
    static double round(MultibranchGapProblem problem, List<CandidateSet> candidates, int[] counts,
            HingeGapBounds.Relaxation relaxation, double unit, int pool) {
        int branches = 0;
        for (int c : counts) {
            branches += c;
        }
        long cap = (long) Math.floor(branches * problem.budget() / unit * (1 + BudgetAllocation.BUDGET_RTOL));
        List<int[]> pools = pools(problem, candidates, counts, relaxation, unit, pool);
        double best = descend(problem, candidates, counts, rounded(candidates, counts, relaxation), pools, cap,
                relaxation.support().size());
        best = Math.min(best, descend(problem, candidates, counts, replicated(problem, candidates, counts, unit),
                pools, cap, relaxation.support().size()));
        if (branches <= EXHAUSTIVE_BRANCHES) {
            best = Math.min(best, exhaustive(problem, candidates, counts, pools, cap));
        }
        return best;
    }

    /** The mixture rounded down to whole copies per type, the remainder on the cheapest candidate. */
    private static List<Map<Integer, Long>> rounded(List<CandidateSet> candidates, int[] counts,
            HingeGapBounds.Relaxation relaxation) {
        List<Map<Integer, Long>> copies = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            copies.add(new LinkedHashMap<>());
        }
        double[] share = new double[counts.length];
        for (double[] s : relaxation.support()) {
            share[(int) s[0]] += s[2];
        }
        for (double[] s : relaxation.support()) {
            int t = (int) s[0];
            long k = (long) Math.floor(counts[t] * s[2] / share[t] + 1e-9);
            if (k > 0) {
                copies.get(t).merge((int) s[1], k, Long::sum);
            }
        }
        for (int t = 0; t < counts.length; t++) {
            long placed = copies.get(t).values().stream().mapToLong(Long::longValue).sum();
            if (placed > counts[t]) {
                copies.get(t).clear();
                placed = 0;
            }
            if (placed < counts[t]) {
                copies.get(t).merge(HingeGapBounds.cheapest(candidates.get(t)), counts[t] - placed, Long::sum);
            }
        }
        return copies;
    }

    /** Every branch of a type on the type's best single candidate with {@code h <= K}. */
    private static List<Map<Integer, Long>> replicated(MultibranchGapProblem problem, List<CandidateSet> candidates,
            int[] counts, double unit) {
        List<Map<Integer, Long>> copies = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            Map<Integer, Long> m = new LinkedHashMap<>();
            if (counts[t] > 0) {
                m.put(bestSingle(problem, candidates.get(t), unit), (long) counts[t]);
            }
            copies.add(m);
        }
        return copies;
    }

    /** The candidate of least hinge objective on its own among those with {@code h <= K}. */
    private static int bestSingle(MultibranchGapProblem problem, CandidateSet c, double unit) {
        long perBranch = (long) Math.floor(problem.budget() / unit * (1 + BudgetAllocation.BUDGET_RTOL));
        double[] out = new double[problem.samples()];
        int best = HingeGapBounds.cheapest(c);
        double bestValue = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.size(); j++) {
            if (c.units()[j] <= perBranch) {
                for (int k = 0; k < out.length; k++) {
                    out[k] = c.output(j, k);
                }
                double v = hinge(problem, out);
                if (v < bestValue) {
                    bestValue = v;
                    best = j;
                }
            }
        }
        return best;
    }

    /** Steepest descent by single-copy moves within the pools; returns the final hinge objective. */
    private static double descend(MultibranchGapProblem problem, List<CandidateSet> candidates, int[] counts,
            List<Map<Integer, Long>> copies, List<int[]> pools, long cap, int supportSize) {
        int n = problem.samples();
        int branches = 0;
        for (int c : counts) {
            branches += c;
        }
        long used = 0;
        double[] sum = new double[n];
        for (int t = 0; t < counts.length; t++) {
            CandidateSet c = candidates.get(t);
            for (Map.Entry<Integer, Long> e : copies.get(t).entrySet()) {
                used += e.getValue() * c.units()[e.getKey()];
                for (int k = 0; k < n; k++) {
                    sum[k] += e.getValue() * c.output(e.getKey(), k);
                }
            }
        }
        if (used > cap) {
            return Double.POSITIVE_INFINITY;
        }
        double[] mean = new double[n];
        for (int k = 0; k < n; k++) {
            mean[k] = sum[k] / branches;
        }
        double value = hinge(problem, mean);
        double[] trial = new double[n];
        for (int move = 0; move < 4 * (n + supportSize + 8); move++) {
            double best = value;
            int bt = -1;
            int from = -1;
            int to = -1;
            for (int t = 0; t < counts.length; t++) {
                CandidateSet c = candidates.get(t);
                for (int j : copies.get(t).keySet()) {
                    for (int j2 : pools.get(t)) {
                        if (j2 == j || used - c.units()[j] + c.units()[j2] > cap) {
                            continue;
                        }
                        for (int k = 0; k < n; k++) {
                            trial[k] = mean[k] + (c.output(j2, k) - c.output(j, k)) / branches;
                        }
                        double v = hinge(problem, trial);
                        if (v < best - 1e-15) {
                            best = v;
                            bt = t;
                            from = j;
                            to = j2;
                        }
                    }
                }
            }
            if (bt < 0) {
                break;
            }
            CandidateSet c = candidates.get(bt);
            used += c.units()[to] - c.units()[from];
            for (int k = 0; k < n; k++) {
                mean[k] += (c.output(to, k) - c.output(from, k)) / branches;
            }
            Map<Integer, Long> m = copies.get(bt);
            if (m.merge(from, -1L, Long::sum) == 0) {
                m.remove(from);
            }
            m.merge(to, 1L, Long::sum);
            value = hinge(problem, mean);
        }
        return value;
    }

    /** The best hinge objective over every assignment of pool candidates to the (few) branches. */
    private static double exhaustive(MultibranchGapProblem problem, List<CandidateSet> candidates, int[] counts,
            List<int[]> pools, long cap) {
        List<Integer> types = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int c = 0; c < counts[t]; c++) {
                types.add(t);
            }
        }
        double[] best = {Double.POSITIVE_INFINITY};
        enumerate(problem, candidates, types, pools, 0, 0, cap, new double[problem.samples()], best, 0);
        return best[0];
    }

    private static void enumerate(MultibranchGapProblem problem, List<CandidateSet> candidates, List<Integer> types,
            List<int[]> pools, int index, int from, long capLeft, double[] sum, double[] best, int previousType) {
        if (capLeft < 0) {
            return;
        }
        int n = sum.length;
        if (index == types.size()) {
            double[] mean = new double[n];
            for (int k = 0; k < n; k++) {
                mean[k] = sum[k] / types.size();
            }
            best[0] = Math.min(best[0], hinge(problem, mean));
            return;
        }
        int t = types.get(index);
        CandidateSet c = candidates.get(t);
        int[] pool = pools.get(t);
        for (int i = t == previousType ? from : 0; i < pool.length; i++) {
            int j = pool[i];
            for (int k = 0; k < n; k++) {
                sum[k] += c.output(j, k);
            }
            enumerate(problem, candidates, types, pools, index + 1, i, capLeft - c.units()[j], sum, best, t);
            for (int k = 0; k < n; k++) {
                sum[k] -= c.output(j, k);
            }
        }
    }

    /** Per type: the support, the cheapest candidate and the {@code pool} candidates of least Lagrangian value. */
    private static List<int[]> pools(MultibranchGapProblem problem, List<CandidateSet> candidates, int[] counts,
            HingeGapBounds.Relaxation r, double unit, int pool) {
        int n = problem.samples();
        List<int[]> out = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            CandidateSet c = candidates.get(t);
            PriorityQueue<double[]> worst = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
            for (int j = 0; j < c.size(); j++) {
                double v = r.lambda() * unit * c.units()[j];
                for (int k = 0; k < n; k++) {
                    v -= r.alpha()[k] * problem.label(k) * c.output(j, k) / (n * problem.tau());
                }
                worst.add(new double[] {v, j});
                if (worst.size() > pool) {
                    worst.poll();
                }
            }
            Map<Integer, Boolean> set = new HashMap<>();
            set.put(HingeGapBounds.cheapest(c), true);
            set.put(bestSingle(problem, c, unit), true);
            for (double[] s : r.support()) {
                if ((int) s[0] == t) {
                    set.put((int) s[1], true);
                }
            }
            for (double[] w : worst) {
                set.put((int) w[1], true);
            }
            out.add(set.keySet().stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return out;
    }
}

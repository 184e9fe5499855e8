package io.dualnet.duality;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.CandidateSet;
import io.dualnet.landscape.ValueFunction;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.opt.DenseSimplex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The duality gap of the tau-hinge problem (2) of Zhang, Shao, Salakhutdinov when Assumption 1 fails (e.g.
 * {@code tau = 1}): the loss {@code max(0, 1 - y f/tau)} is then not linear, the objective does not separate over
 * branches, and Theorem 1 does not apply. On the candidate weights of each branch type this computes:
 * <ul>
 *   <li>the convex relaxation {@code P_inf = min_mu (1/n) sum_k max(0, 1 - y_k E_mu[f(x_k)] / tau)} over mixtures
 *       {@code mu} with {@code E_mu[h] <= K}, the limit of {@code inf(P)} as {@code I -> infinity}, as a linear
 *       program solved by column generation over all candidates ({@link DenseSimplex}); its simplex multipliers give
 *       {@code alpha in [0,1]^n} and {@code lambda >= 0} whose Lagrangian
 *       {@code (1/n) sum alpha_k - lambda K + sum_t pi_t min_j [lambda h_j - (1/(n tau)) sum_k alpha_k y_k f_j(x_k)]}
 *       is a certified lower bound on {@code P_inf}, hence on {@code sup(D)} of (3) for every {@code I} (the dual (3)
 *       of the budget alone is at least the convex relaxation);</li>
 *   <li>for each {@code I}, an upper bound on {@code inf(P)} from rounding the optimal mixture to {@code I} copies
 *       and improving it by single-copy moves, which bounds the gap: {@code 0 <= inf(P) - sup(D) <= upper - lower};</li>
 *   <li>for {@code I = 1} (one branch type) the exact gap, from the staircase of {@code (h, hinge)}.</li>
 * </ul>
 * Requires the candidates' outputs ({@link ShapleyFolkmanGap.Options#keepOutputs()}).
 */
public final class HingeGapBounds {
    private static final int MAX_ROUNDS = 400;
    private static final int COLUMNS_PER_ROUND = 8;
    private static final int POOL = 64;

    private final MultibranchGapProblem problem;
    private final List<CandidateSet> candidates;
    private final double unit;
    private final Map<String, Relaxation> cache = new HashMap<>();

    /**
     * @param gap a solved gap whose profiles kept their candidates' outputs
     * @throws InvalidInputException naming {@code keepOutputs} when they did not
     */
    public HingeGapBounds(ShapleyFolkmanGap gap) {
        this.problem = gap.problem();
        this.candidates = new ArrayList<>();
        for (var p : gap.profiles()) {
            if (p.candidates() == null) {
                throw new InvalidInputException("keepOutputs", false, "true: the hinge bounds need every candidate's "
                        + "outputs (lattice points x samples within the memory limit)");
            }
            candidates.add(p.candidates());
        }
        this.unit = gap.profiles().get(0).upper().unit();
    }

    /**
     * The convex relaxation for a mix of branch types.
     *
     * @param counts copies of each type (the mixture weights are {@code n_t / I})
     * @param value {@code P_inf} from the linear program (the hinge of {@link #support} recomputed)
     * @param lowerBound the certified Lagrangian lower bound (equal to {@code value} up to rounding when converged)
     * @param support the mixture: per entry {@code {type, candidate, weight}} as doubles
     * @param alpha the hinge multipliers {@code alpha_k in [0, 1]}
     * @param lambda the budget multiplier (per unit of {@code h})
     * @param rounds column-generation rounds
     * @param converged whether no candidate had a negative reduced cost at the end
     */
    public record Relaxation(int[] counts, double value, double lowerBound, List<double[]> support, double[] alpha,
                             double lambda, int rounds, boolean converged) {
    }

    /**
     * Bounds for {@code I} branches.
     *
     * @param branches {@code I}
     * @param upper the hinge objective of a feasible {@code I}-branch allocation, {@code >= inf(P)}
     * @param lower the relaxation's certified lower bound, {@code <= sup(D)}
     * @param exactPrimal {@code inf(P)} when known exactly ({@code I = 1}), else NaN
     * @param exactDual {@code sup(D)} when known exactly ({@code I = 1}), else NaN
     */
    public record Bounds(int branches, double upper, double lower, double exactPrimal, double exactDual) {
        /** An upper bound on the gap {@code inf(P) - sup(D)} (the exact gap when known). */
        public double gapUpper() {
            return Double.isNaN(exactPrimal) ? upper - lower : exactPrimal - exactDual;
        }
    }

    /** The relaxation for the type mix of {@code I} branches (cached per mix). */
    public synchronized Relaxation relaxation(int branches) {
        int[] counts = problem.counts(branches);
        int g = 0;
        for (int c : counts) {
            g = gcd(g, c);
        }
        int[] reduced = counts.clone();
        for (int t = 0; t < reduced.length; t++) {
            reduced[t] /= g;
        }
        return cache.computeIfAbsent(Arrays.toString(reduced), k -> solve(reduced));
    }

    /** Bounds on {@code inf(P)}, {@code sup(D)} and the gap for {@code I} branches. */
    public Bounds at(int branches) {
        Relaxation r = relaxation(branches);
        int[] counts = problem.counts(branches);
        double upper = Rounding.round(problem, candidates, counts, r, unit, POOL);
        if (branches == 1) {
            double[] exact = exactSingle(counts);
            return new Bounds(1, exact[0], r.lowerBound(), exact[0], exact[1]);
        }
        return new Bounds(branches, upper, r.lowerBound(), Double.NaN, Double.NaN);
    }

    /** {@code inf(P)} and {@code sup(D)} for one branch: the hinge staircase over the candidates and its hull. */
    private double[] exactSingle(int[] counts) {
        int t = 0;
        while (counts[t] == 0) {
            t++;
        }
        CandidateSet c = candidates.get(t);
        double[] hinge = new double[c.size()];
        for (int j = 0; j < c.size(); j++) {
            hinge[j] = hinge(c, j);
        }
        long maxUnits = Arrays.stream(c.units()).max().orElse(0);
        ValueFunction v = ValueFunction.of(c.units(), hinge, null, unit, maxUnits);
        double budget = problem.budget() / unit;
        return new double[] {v.atUnits(Math.floor(budget * (1 + BudgetAllocation.BUDGET_RTOL))),
            v.hull().atUnits(budget)};
    }

    private double hinge(CandidateSet c, int j) {
        double s = 0;
        for (int k = 0; k < problem.samples(); k++) {
            s += Math.max(0, 1 - problem.label(k) * c.output(j, k) / problem.tau());
        }
        return s / problem.samples();
    }

    private Relaxation solve(int[] counts) {
        int n = problem.samples();
        int types = counts.length;
        double total = Arrays.stream(counts).sum();
        int rows = n + 1 + types;
        double[] b = new double[rows];
        Arrays.fill(b, 0, n, 1);
        b[n] = problem.budget() / unit;
        Arrays.fill(b, n + 1, rows, 1);
        DenseSimplex lp = new DenseSimplex(b);
        int[] basis = new int[rows];
        double[] margin = new double[n];
        List<int[]> tags = new ArrayList<>();
        Set<Long> added = new HashSet<>();
        for (int k = 0; k < n; k++) {
            double[] a = new double[rows];
            a[k] = 1;
            lp.addColumn(a, 1.0 / n);
            a[k] = -1;
            lp.addColumn(a, 0);
            tags.add(null);
            tags.add(null);
        }
        double[] slack = new double[rows];
        slack[n] = 1;
        int budgetSlack = lp.addColumn(slack, 0);
        tags.add(null);
        double used = 0;
        for (int t = 0; t < types; t++) {
            CandidateSet c = candidates.get(t);
            int j0 = cheapest(c);
            int col = addCandidate(lp, tags, added, t, j0, counts[t] / total, n, rows);
            basis[n + 1 + t] = col;
            used += counts[t] / total * c.units()[j0];
            for (int k = 0; k < n; k++) {
                margin[k] += counts[t] / total * problem.label(k) * c.output(j0, k) / problem.tau();
            }
        }
        for (int k = 0; k < n; k++) {
            basis[k] = 1 - margin[k] >= 0 ? 2 * k : 2 * k + 1;
        }
        basis[n] = budgetSlack;
        if (used > b[n] + 1e-9) {
            throw new InvalidInputException("budget", problem.budget(), "at least the cheapest branches' regularizer");
        }
        lp.setBasis(basis);
        double[] y = new double[rows];
        int rounds = 0;
        boolean converged = false;
        while (rounds < MAX_ROUNDS) {
            rounds++;
            lp.solve(100_000);
            lp.duals(y);
            List<double[]> best = price(counts, total, y, n);
            int fresh = 0;
            for (double[] cand : best) {
                if (cand[0] < -1e-11 && added.add(key((int) cand[1], (int) cand[2]))) {
                    addCandidate(lp, tags, added, (int) cand[1], (int) cand[2], counts[(int) cand[1]] / total, n,
                            rows);
                    fresh++;
                }
            }
            if (fresh == 0) {
                converged = true;
                break;
            }
        }
        double[] x = lp.primal();
        List<double[]> support = new ArrayList<>();
        for (int col = 0; col < x.length; col++) {
            if (tags.get(col) != null && x[col] > 1e-12) {
                support.add(new double[] {tags.get(col)[0], tags.get(col)[1], x[col]});
            }
        }
        double[] alpha = new double[n];
        for (int k = 0; k < n; k++) {
            alpha[k] = Math.max(0, Math.min(1, n * y[k]));
        }
        double lambda = Math.max(0, -y[n]);
        double lower = lagrangian(counts, total, alpha, lambda);
        double value = Rounding.hingeOfMixture(problem, candidates, counts, total, support);
        return new Relaxation(counts, value, Math.min(lower, value), support, alpha, lambda / unit, rounds, converged);
    }

    /** The certified lower bound {@code L(alpha, lambda)} (lambda per unit). */
    private double lagrangian(int[] counts, double total, double[] alpha, double lambda) {
        int n = problem.samples();
        double value = -lambda * problem.budget() / unit;
        for (double a : alpha) {
            value += a / n;
        }
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == 0) {
                continue;
            }
            CandidateSet c = candidates.get(t);
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.size(); j++) {
                double v = lambda * c.units()[j];
                for (int k = 0; k < n; k++) {
                    v -= alpha[k] * problem.label(k) * c.output(j, k) / (n * problem.tau());
                }
                min = Math.min(min, v);
            }
            value += counts[t] / total * min;
        }
        return value;
    }

    /** The most negative reduced costs over all candidates: entries {@code {rc, type, candidate}}. */
    private List<double[]> price(int[] counts, double total, double[] y, int n) {
        List<double[]> best = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == 0) {
                continue;
            }
            double pi = counts[t] / total;
            CandidateSet c = candidates.get(t);
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                w[k] = y[k] * problem.label(k) / problem.tau();
            }
            for (int j = 0; j < c.size(); j++) {
                double s = y[n] * c.units()[j];
                for (int k = 0; k < n; k++) {
                    s += w[k] * c.output(j, k);
                }
                double rc = -(pi * s + y[n + 1 + t]);
                if (rc < -1e-11) {
                    insert(best, new double[] {rc, t, j});
                }
            }
        }
        return best;
    }

    private static void insert(List<double[]> best, double[] cand) {
        if (best.size() == COLUMNS_PER_ROUND && cand[0] >= best.get(best.size() - 1)[0]) {
            return;
        }
        int i = best.size();
        while (i > 0 && best.get(i - 1)[0] > cand[0]) {
            i--;
        }
        best.add(i, cand);
        if (best.size() > COLUMNS_PER_ROUND) {
            best.remove(best.size() - 1);
        }
    }

    private int addCandidate(DenseSimplex lp, List<int[]> tags, Set<Long> added, int t, int j, double pi, int n,
            int rows) {
        CandidateSet c = candidates.get(t);
        double[] a = new double[rows];
        for (int k = 0; k < n; k++) {
            a[k] = pi * problem.label(k) * c.output(j, k) / problem.tau();
        }
        a[n] = pi * c.units()[j];
        a[n + 1 + t] = 1;
        added.add(key(t, j));
        tags.add(new int[] {t, j});
        return lp.addColumn(a, 0);
    }

    static int cheapest(CandidateSet c) {
        int j0 = 0;
        for (int j = 1; j < c.size(); j++) {
            if (c.units()[j] < c.units()[j0]) {
                j0 = j;
            }
        }
        return j0;
    }

    private static long key(int t, int j) {
        return ((long) t << 32) | j;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}

package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;
import io.dualnet.opt.EllipsoidMaximizer;
import io.dualnet.opt.Parallel;
import io.dualnet.reg.BranchRegularizer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The paper's convexified and restricted functions of one branch (Zhang, Shao, Salakhutdinov, Theorem 1):
 * {@code f~(w) = } the convex envelope of {@code g} over the box {@code W} (mixtures of candidate weights),
 * {@code f^(w) = phi(h(w))}, and {@code Delta = sup_w (f^(w) - f~(w))}.
 *
 * <p>Because {@code f^} depends on {@code w} only through {@code h(w)} and {@code phi} is non-increasing,
 * {@code Delta = sup_c (phi(c) - psi(c))} with the restricted envelope {@code psi(c) = min {f~(v) : h(v) <= c}}. By
 * Fenchel duality ({@code f~* = g*} is the conjugate of the candidate set), for {@code c > 0}
 *
 * <pre>
 *   psi(c) = max_s  [ min_j (g_j - s . w_j)  -  sigma_c(s) ],     sigma_c(s) = sup { s . v : h(v) <= c }
 * </pre>
 *
 * ({@code sigma_c(s) = sqrt(c) ||s||_2} for {@code h = ||w||^2}), a concave maximization over {@code s in R^p}
 * solved by {@link EllipsoidMaximizer}: every evaluated {@code s} certifies a lower bound of {@code psi(c)}. The
 * supremum over the step {@code [c_k, c_{k+1})} of the staircase {@code phi} is the left limit
 * {@code phi_k - psi(c_{k+1})}; the steps are searched by branch and bound using that {@code psi} is non-increasing.
 * Since {@code psi <= phi**} ({@link LowerHull}), {@code Delta >= rho} always.
 */
public final class WeightEnvelope {
    /** Ellipsoid iterations allowed per {@code psi(c)}, per squared dimension. */
    public static final int ITERATIONS_PER_DIM2 = 400;

    private final double[][] weights;
    private final double[] values;
    private final BranchRegularizer regularizer;
    private final double gAtZero;
    private final double gMin;
    private final double tolerance;

    /**
     * @param profile the branch's global search (its envelope candidates)
     * @param regularizer {@code h}
     * @param tolerance absolute accuracy of each {@code psi(c)}, {@code > 0}
     */
    public WeightEnvelope(BranchProfile profile, BranchRegularizer regularizer, double tolerance) {
        this.weights = profile.envelopeWeightsShared();
        this.values = profile.envelopeValuesShared();
        this.regularizer = regularizer;
        this.gAtZero = profile.gAtZero();
        this.gMin = profile.gMin();
        this.tolerance = InvalidInputException.requirePositive("tolerance", tolerance);
    }

    /** Bounds {@code lower <= psi(c) <= upper}, and the iterations spent. */
    public record Bracket(double lower, double upper, int iterations) {
    }

    /** {@code psi(c) = min {f~(v) : h(v) <= c}} for a budget {@code c >= 0} (in the units of {@code h}). */
    public Bracket restrictedEnvelope(double c) {
        InvalidInputException.requireNonNegative("c", c);
        int p = weights[0].length;
        if (gAtZero - gMin <= 0) {
            return new Bracket(gMin, gMin, 0);
        }
        if (c == 0) {
            c = Double.MIN_NORMAL;
        }
        double radius = (gAtZero - gMin) * 1.05 + tolerance;
        radius /= regularizer == BranchRegularizer.L2_SQUARED ? Math.sqrt(c) : c / Math.sqrt(p);
        double budget = c;
        double[] v = new double[p];
        EllipsoidMaximizer.ConcaveOracle oracle = (s, g) -> {
            int arg = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < values.length; j++) {
                double t = values[j];
                double[] w = weights[j];
                for (int i = 0; i < p; i++) {
                    t -= s[i] * w[i];
                }
                if (t < min) {
                    min = t;
                    arg = j;
                }
            }
            double[] w = weights[arg];
            boolean zero = true;
            for (double si : s) {
                zero &= si == 0;
            }
            if (zero) {
                // Superdifferential of -sigma_c at 0 is the set {h <= c}: pick the point nearest to w (scaled).
                double norm = regularizer.value(w);
                double scale = norm <= budget ? 1 : regularizer == BranchRegularizer.L2_SQUARED
                        ? Math.sqrt(budget / norm) : budget / norm;
                for (int i = 0; i < p; i++) {
                    g[i] = -w[i] + scale * w[i];
                }
                return min;
            }
            regularizer.supportPoint(s, budget, v);
            for (int i = 0; i < p; i++) {
                g[i] = -w[i] - v[i];
            }
            return min - regularizer.support(s, budget);
        };
        EllipsoidMaximizer.Result r = EllipsoidMaximizer.maximize(oracle, new double[p], radius, tolerance,
                ITERATIONS_PER_DIM2 * (p + 1) * (p + 1));
        return new Bracket(Math.min(r.lowerBound(), gAtZero), Math.min(r.upperBound(), gAtZero), r.iterations());
    }

    /**
     * The paper's convexified function {@code f~(w)} (convex envelope of {@code g} over the candidates) at a point of
     * the box {@code [-R, R]^p}: {@code f~(w) = max_s [min_j (g_j - s . w_j) + s . w]} (LP duality), maximized by
     * {@link EllipsoidMaximizer}. For {@code w} at distance {@code d > 0} from the box boundary the maximizer has
     * {@code ||s|| <= (max g - min g) / d}; on the boundary a margin of {@code 1e-9 R} is used.
     *
     * @param w the point, inside the box (not modified)
     * @param boxRadius {@code R}
     * @param gMax the largest {@code g} over the candidates
     */
    public Bracket convexEnvelope(double[] w, double boxRadius, double gMax) {
        int p = weights[0].length;
        if (w.length != p) {
            throw new InvalidInputException("w", w.length + " entries", p + " entries");
        }
        double margin = boxRadius;
        for (double v : w) {
            margin = Math.min(margin, boxRadius - Math.abs(v));
        }
        if (margin < 0) {
            throw new InvalidInputException("w", java.util.Arrays.toString(w), "a point of [-R, R]^p, R = " + boxRadius);
        }
        margin = Math.max(margin, 1e-9 * boxRadius);
        double radius = (gMax - gMin) / margin * 1.05 + tolerance;
        EllipsoidMaximizer.ConcaveOracle oracle = (s, g) -> {
            int arg = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < values.length; j++) {
                double t = values[j];
                for (int i = 0; i < p; i++) {
                    t -= s[i] * weights[j][i];
                }
                if (t < min) {
                    min = t;
                    arg = j;
                }
            }
            double lin = 0;
            for (int i = 0; i < p; i++) {
                g[i] = w[i] - weights[arg][i];
                lin += s[i] * w[i];
            }
            return min + lin;
        };
        EllipsoidMaximizer.Result r = EllipsoidMaximizer.maximize(oracle, new double[p], Math.max(radius, 1e-12),
                tolerance, ITERATIONS_PER_DIM2 * (p + 1) * (p + 1));
        return new Bracket(r.lowerBound(), r.upperBound(), r.iterations());
    }

    /**
     * {@code Delta = sup_c (phi(c) - psi(c))} and where it is attained.
     *
     * @param lower certified lower bound of {@code Delta} (an attained left limit, with {@code psi} from above)
     * @param upper upper bound (branch-and-bound remainder and {@code psi} from below)
     * @param budgetUnits the budget {@code c_{k+1}} (in units of {@code phi}) whose left limit attains {@code lower}
     * @param evaluations number of {@code psi} evaluations
     */
    public record Divergence(double lower, double upper, long budgetUnits, int evaluations) {
    }

    /** {@code Delta} for the value function {@code phi}, evaluating {@code psi} on {@code threads} threads. */
    public Divergence divergence(ValueFunction phi, int threads) {
        int m = phi.size();
        if (m < 2) {
            return new Divergence(0, 0, phi.units(0), 0);
        }
        int steps = m - 1;
        Bracket[] psi = new Bracket[steps];
        int stride = Math.max(1, steps / 32);
        List<Integer> first = new ArrayList<>();
        for (int k = 0; k < steps; k += stride) {
            first.add(k);
        }
        if (first.get(first.size() - 1) != steps - 1) {
            first.add(steps - 1);
        }
        evaluate(phi, psi, first, threads);
        int evaluations = first.size();
        // Intervals (a, b] between evaluated steps, most promising first.
        PriorityQueue<double[]> queue = new PriorityQueue<>((u, w) -> Double.compare(w[0], u[0]));
        for (int i = 0; i + 1 < first.size(); i++) {
            push(queue, phi, psi, first.get(i), first.get(i + 1));
        }
        double best = Double.NEGATIVE_INFINITY;
        long argBudget = phi.units(1);
        for (int k : first) {
            double d = phi.value(k) - psi[k].upper();
            if (d > best) {
                best = d;
                argBudget = phi.units(k + 1);
            }
        }
        double upper = best;
        for (int k : first) {
            upper = Math.max(upper, phi.value(k) - psi[k].lower());
        }
        while (!queue.isEmpty() && queue.peek()[0] > best + tolerance) {
            double[] top = queue.poll();
            int a = (int) top[1];
            int b = (int) top[2];
            if (b - a <= 1) {
                upper = Math.max(upper, Math.min(top[0], phi.value(b) - psi[b].lower()));
                continue;
            }
            int mid = (a + b) >>> 1;
            evaluate(phi, psi, List.of(mid), 1);
            evaluations++;
            double d = phi.value(mid) - psi[mid].upper();
            if (d > best) {
                best = d;
                argBudget = phi.units(mid + 1);
            }
            upper = Math.max(upper, phi.value(mid) - psi[mid].lower());
            push(queue, phi, psi, a, mid);
            push(queue, phi, psi, mid, b);
        }
        if (!queue.isEmpty()) {
            upper = Math.max(upper, Math.min(queue.peek()[0], best + tolerance));
        }
        return new Divergence(Math.max(best, 0), Math.max(upper, Math.max(best, 0)), argBudget, evaluations);
    }

    private void evaluate(ValueFunction phi, Bracket[] psi, List<Integer> steps, int threads) {
        List<Bracket> r = Parallel.map(steps.size(), threads,
                i -> restrictedEnvelope(phi.units(steps.get(i) + 1) * phi.unit()));
        for (int i = 0; i < steps.size(); i++) {
            psi[steps.get(i)] = r.get(i);
        }
    }

    /** Interval of steps {@code (a, b]}: its terms are at most {@code phi_{a+1} - psi_lower(c_{b+1})}. */
    private static void push(PriorityQueue<double[]> queue, ValueFunction phi, Bracket[] psi, int a, int b) {
        if (b - a <= 1) {
            return;
        }
        queue.add(new double[] {phi.value(a + 1) - psi[b].lower(), a, b});
    }
}

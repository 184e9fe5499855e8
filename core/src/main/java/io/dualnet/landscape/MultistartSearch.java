package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.opt.Parallel;
import io.dualnet.reg.BranchRegularizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fall-back per-branch global search when a lattice is infeasible (many parameters): for each multiplier
 * {@code lambda} of a geometric grid (and 0), many seeded restarts of projected Adam on the Lagrangian
 * {@code g(w) + lambda h(w)} over the box {@code W}, plus uniform random samples and {@code w = 0}. The value function
 * is the lower-left boundary of the visited points; it is achieved by actual weights (an upper bound of the true
 * {@code phi}) but nothing certifies that it is the global one. Budgets are rounded up to multiples of a given unit
 * (rounding up keeps every allocation feasible; with the unit of a lattice, branch types searched both ways share one
 * allocation).
 *
 * <p>Restart {@code t} draws from the {@code (t+1)}-th split of {@code new SplittableRandom(seed)}, so the result does
 * not depend on the thread count.
 */
public final class MultistartSearch {
    /** Method name reported in results. */
    public static final String METHOD = "multistart-adam";

    private MultistartSearch() {
    }

    /**
     * Options.
     *
     * @param multipliers number of multipliers {@code lambda} (including 0), {@code >= 1}
     * @param restarts restarts per multiplier, {@code >= 1}
     * @param iterations Adam steps per restart, {@code >= 1}
     * @param samples uniform random samples of the box added as candidates, {@code >= 0}
     * @param unit the budget unit (budgets are rounded up to its multiples), {@code > 0}
     * @param seed base seed
     * @param threads worker threads, {@code >= 1}
     * @param keepOutputs whether to keep every candidate's outputs
     */
    public record Options(int multipliers, int restarts, int iterations, int samples, double unit, long seed,
                          int threads, boolean keepOutputs) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("multipliers", multipliers, 1);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("iterations", iterations, 1);
            InvalidInputException.requireAtLeast("samples", samples, 0);
            InvalidInputException.requirePositive("unit", unit);
            InvalidInputException.requireAtLeast("threads", threads, 1);
        }

        /** 24 multipliers x {@code restarts} restarts x 400 steps, 4096 samples, the given budget unit. */
        public static Options of(int restarts, double unit, long seed, int threads) {
            return new Options(24, restarts, 400, 4096, unit, seed, threads, false);
        }
    }

    /** Runs the restarts for one branch type. */
    public static BranchProfile search(MultibranchGapProblem problem, BranchArchitecture architecture,
            Options options) {
        long start = System.nanoTime();
        MlpBranch branch = new MlpBranch(architecture);
        int p = branch.parameterCount();
        double r = problem.boxRadius();
        BranchRegularizer reg = problem.regularizer();
        double[][] x = problem.x();
        double[] y = problem.y();
        SplittableRandom root = new SplittableRandom(options.seed());
        List<double[]> points = new ArrayList<>();
        points.add(new double[p]);
        for (int i = 0; i < options.samples(); i++) {
            points.add(uniform(root, p, r));
        }
        MlpBranch.Workspace ws = branch.workspace();
        double[] out = new double[y.length];
        double g0 = problem.linearized(branch, points.get(0), ws, out);
        double slope = 0;
        for (double[] w : points) {
            double h = reg.value(w);
            if (h > 0) {
                slope = Math.max(slope, (g0 - problem.linearized(branch, w, ws, out)) / h);
            }
        }
        double lambdaMax = Math.max(slope, 1e-9) * 2;
        int tasks = options.multipliers() * options.restarts();
        SplittableRandom[] rngs = new SplittableRandom[tasks];
        for (int t = 0; t < tasks; t++) {
            rngs[t] = root.split();
        }
        List<double[]> finals = Parallel.map(tasks, options.threads(), t -> {
            int l = t / options.restarts();
            double lambda = l == 0 ? 0 : lambdaMax * Math.pow(10, -3.0 * (l - 1) / Math.max(1, options.multipliers() - 2));
            return descend(problem, branch, reg, lambda, uniform(rngs[t], p, r), options.iterations());
        });
        points.addAll(finals);

        int count = points.size();
        double cMax = reg.maxOverBox(r, p);
        double unit = options.unit();
        long maxUnits = (long) Math.ceil(cMax / unit - 1e-9);
        if (maxUnits > Integer.MAX_VALUE / 4) {
            throw new InvalidInputException("unit", unit, "a budget unit of at least max h / " + Integer.MAX_VALUE / 4);
        }
        long[] units = new long[count];
        double[] values = new double[count];
        double[][] weights = points.toArray(new double[0][]);
        double[] outputs = options.keepOutputs() ? new double[count * y.length] : null;
        double gridMargin = Double.NEGATIVE_INFINITY;
        double gMax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            values[j] = problem.linearized(branch, weights[j], ws, out);
            for (int k = 0; k < y.length; k++) {
                gridMargin = Math.max(gridMargin, y[k] * out[k]);
                if (outputs != null) {
                    outputs[j * y.length + k] = out[k];
                }
            }
            gMax = Math.max(gMax, values[j]);
            units[j] = Math.min(maxUnits, (long) Math.ceil(reg.value(weights[j]) / unit - 1e-9));
        }
        ValueFunction upper = ValueFunction.of(units, values, weights, unit, maxUnits);
        String resolution = String.format(Locale.ROOT, "%d multipliers x %d restarts x %d Adam steps, %d random "
                + "samples, budgets rounded up to multiples of %.4g", options.multipliers(), options.restarts(),
                options.iterations(), options.samples(), unit);
        CandidateSet candidates = outputs == null ? null : new CandidateSet(units, values, outputs, y.length);
        return new BranchProfile(architecture, METHOD, resolution, false, upper, null, values[0], gMax, weights,
                values, gridMargin, Double.NaN, count, (System.nanoTime() - start) * 1e-9, candidates);
    }

    /** Projected Adam on {@code g + lambda h} over the box from {@code w}; returns the best iterate. */
    private static double[] descend(MultibranchGapProblem problem, MlpBranch branch, BranchRegularizer reg,
            double lambda, double[] w, int iterations) {
        int p = w.length;
        int n = problem.samples();
        double r = problem.boxRadius();
        double lr = 0.02 * r;
        double[] m = new double[p];
        double[] v = new double[p];
        double[] grad = new double[p];
        double[] dOut = new double[1];
        double[] o = new double[1];
        double[][] x = problem.x();
        MlpBranch.Workspace ws = branch.workspace();
        double[] best = w.clone();
        double bestValue = Double.POSITIVE_INFINITY;
        double b1 = 1;
        double b2 = 1;
        for (int it = 0; it <= iterations; it++) {
            java.util.Arrays.fill(grad, 0);
            double margin = 0;
            for (int k = 0; k < n; k++) {
                branch.forward(w, x[k], ws, o);
                margin += problem.label(k) * o[0];
                dOut[0] = -problem.label(k) / (n * problem.tau());
                branch.backward(w, ws, dOut, grad);
            }
            double value = 1 - margin / (n * problem.tau()) + lambda * reg.value(w);
            if (value < bestValue) {
                bestValue = value;
                best = w.clone();
            }
            if (it == iterations) {
                break;
            }
            reg.addGradient(w, lambda, grad);
            b1 *= 0.9;
            b2 *= 0.999;
            for (int i = 0; i < p; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                w[i] -= lr * (m[i] / (1 - b1)) / (Math.sqrt(v[i] / (1 - b2)) + 1e-12);
                w[i] = Math.max(-r, Math.min(r, w[i]));
            }
        }
        return best;
    }

    private static double[] uniform(SplittableRandom rng, int p, double r) {
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            w[i] = r * (2 * rng.nextDouble() - 1);
        }
        return w;
    }
}

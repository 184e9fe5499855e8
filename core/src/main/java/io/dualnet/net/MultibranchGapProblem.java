package io.dualnet.net;

import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.reg.BranchRegularizer;

import java.util.List;

/**
 * Problem (2) of Zhang, Shao, Salakhutdinov (AISTATS 2019) on an empirical distribution: a multi-branch network
 * {@code f(w; x) = (1/I) sum_i f_i(w_(i); x)} with the tau-hinge loss (1) and a budget on the average regularizer,
 *
 * <pre>
 *   min_{w_(i) in W_i}  (1/n) sum_k max(0, 1 - y_k f(w; x_k) / tau)   s.t.  (1/I) sum_i h_i(w_(i)) <= K,
 * </pre>
 *
 * with {@code W_i = [-R, R]^{p_i}} (compact and convex, as Theorem 1 requires) and labels {@code y_k in {-1, +1}}.
 * Under Assumption 1 ({@code tau > y f(w; x)} for every feasible {@code w}) the loss is linear in {@code f} and the
 * objective separates into the per-branch terms {@code g_i(w) = (1/n) sum_k (1 - y_k f_i(w; x_k) / tau)} that
 * {@link #linearized} evaluates.
 *
 * <p>The branches cycle through {@link #types()}: branch {@code i} has architecture {@code types[i mod T]}, so one type
 * gives identical branches and several give a heterogeneous network. Every type must have one output and input
 * dimension {@code d}. An immutable value: arrays are validated and copied.
 */
public final class MultibranchGapProblem {
    private final double[][] x;
    private final double[] y;
    private final double tau;
    private final double budget;
    private final List<BranchArchitecture> types;
    private final double boxRadius;
    private final BranchRegularizer regularizer;

    /**
     * @param x inputs, {@code n x d}, finite, {@code n >= 1} (copied)
     * @param y labels in {@code {-1, +1}}, {@code n} entries (copied)
     * @param tau the margin parameter {@code tau > 0}
     * @param budget {@code K >= 0}
     * @param types the branch architectures, at least one, each with input dimension {@code d} and one output
     * @param boxRadius {@code R > 0}: every parameter lies in {@code [-R, R]}
     * @param regularizer {@code h_i}, the same for every branch
     * @throws InvalidInputException naming the offending parameter
     */
    public MultibranchGapProblem(double[][] x, double[] y, double tau, double budget, List<BranchArchitecture> types,
            double boxRadius, BranchRegularizer regularizer) {
        if (x == null || x.length == 0 || x[0] == null || x[0].length == 0) {
            throw new InvalidInputException("x", x == null ? null : x.length + " rows", "at least one sample");
        }
        int d = x[0].length;
        this.x = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            if (x[k] == null || x[k].length != d) {
                throw new InvalidInputException("x[" + k + "]", x[k] == null ? null : x[k].length + " entries",
                        d + " entries (as many as x[0])");
            }
            for (int j = 0; j < d; j++) {
                InvalidInputException.requireFinite("x[" + k + "][" + j + "]", x[k][j]);
            }
            this.x[k] = x[k].clone();
        }
        if (y == null || y.length != x.length) {
            throw new InvalidInputException("y", y == null ? null : y.length + " labels",
                    x.length + " labels (one per sample)");
        }
        for (int k = 0; k < y.length; k++) {
            if (y[k] != 1.0 && y[k] != -1.0) {
                throw new InvalidInputException("y[" + k + "]", y[k], "a label in {-1, +1}");
            }
        }
        this.y = y.clone();
        this.tau = InvalidInputException.requirePositive("tau", tau);
        if (tau < 1 / InputLimits.MAX_MAGNITUDE) {
            throw new InvalidInputException("tau", tau, "a margin >= 1e-100 (1/tau overflows below)");
        }
        this.budget = InvalidInputException.requireNonNegative("budget", budget);
        if (types == null || types.isEmpty()) {
            throw new InvalidInputException("branch", types, "at least one branch architecture");
        }
        for (BranchArchitecture a : types) {
            if (a == null || a.inputDim() != d || a.outputDim() != 1) {
                throw new InvalidInputException("branch", a, "an architecture with input dimension " + d
                        + " (the data's) and one output");
            }
        }
        this.types = List.copyOf(types);
        this.boxRadius = InvalidInputException.requirePositive("box", boxRadius);
        if (boxRadius > InputLimits.MAX_MAGNITUDE) {
            throw new InvalidInputException("box", boxRadius, "a radius <= 1e+100 (larger weights overflow)");
        }
        if (regularizer == null) {
            throw new InvalidInputException("regularizer", null, "l2 or l1");
        }
        this.regularizer = regularizer;
    }

    /** Inputs (copies). */
    public double[][] x() {
        double[][] c = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            c[k] = x[k].clone();
        }
        return c;
    }

    /** Input {@code k} (not copied: do not modify). */
    double[] sample(int k) {
        return x[k];
    }

    /** Labels (a copy). */
    public double[] y() {
        return y.clone();
    }

    /** Label {@code y_k}. */
    public double label(int k) {
        return y[k];
    }

    /** Number of samples {@code n}. */
    public int samples() {
        return x.length;
    }

    /** Input dimension {@code d}. */
    public int inputDim() {
        return x[0].length;
    }

    /** {@code tau}. */
    public double tau() {
        return tau;
    }

    /** The budget {@code K}. */
    public double budget() {
        return budget;
    }

    /** The branch types (branch {@code i} has type {@code i mod T}). */
    public List<BranchArchitecture> types() {
        return types;
    }

    /** {@code R}: {@code W_i = [-R, R]^{p_i}}. */
    public double boxRadius() {
        return boxRadius;
    }

    /** The regularizer {@code h_i}. */
    public BranchRegularizer regularizer() {
        return regularizer;
    }

    /** The same problem with another {@code tau}. */
    public MultibranchGapProblem withTau(double newTau) {
        return new MultibranchGapProblem(x, y, newTau, budget, types, boxRadius, regularizer);
    }

    /** The same problem with another budget. */
    public MultibranchGapProblem withBudget(double newBudget) {
        return new MultibranchGapProblem(x, y, tau, newBudget, types, boxRadius, regularizer);
    }

    /** How many of {@code branches} branches have each type (round robin: {@code i mod T}). */
    public int[] counts(int branches) {
        InvalidInputException.requireAtLeast("I", branches, 1);
        int t = types.size();
        int[] c = new int[t];
        for (int j = 0; j < t; j++) {
            c[j] = branches / t + (j < branches % t ? 1 : 0);
        }
        return c;
    }

    /**
     * Writes {@code f(w; x_k)} for every sample into {@code out} ({@code n} entries) and returns the per-branch term
     * {@code g(w) = 1 - (1/n) sum_k y_k f(w; x_k) / tau}.
     */
    public double linearized(MlpBranch branch, double[] w, MlpBranch.Workspace ws, double[] out) {
        double margin = 0;
        for (int k = 0; k < x.length; k++) {
            out[k] = branch.forwardScalar(w, x[k], ws);
            margin += y[k] * out[k];
        }
        return 1 - margin / (x.length * tau);
    }
}

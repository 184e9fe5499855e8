package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.opt.L1Interpolation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Minimum-norm ReLU networks with a bias in the last hidden layer on rank-one data {@code X = c a0^T}, scalar output
 * (Ergen and Pilanci Theorem 4.2 for {@code L = 2}, Proposition 4.1 for {@code L >= 3}; biases are not regularized):
 *
 * <pre>
 *   P = inf 1/2 sum_l ||W_l||_F^2  s.t.  (A_(L-2) W_(L-1) + 1 b^T)_+ w_L = y,   A_l = (A_(l-1) W_l)_+, A_0 = X.
 * </pre>
 *
 * On the one-dimensional data {@code z_i = c_i ||a0||} the last two layers are a two-layer network with biases, whose
 * optimal neurons have their kinks at data points (Theorem 4.2): {@code (s (z - z_j))_+}, {@code s = +-1}. So
 * {@code V = min sum |v| s.t. sum_(j,s) v_(j,s) (s (z - z_j))_+ + kappa 1 = y} is a linear program (the constant
 * {@code kappa} is free: a neuron with zero weight and a large bias), its dual {@code max lambda^T y s.t.
 * lambda^T 1 = 0, |lambda^T (s (z - z_j))_+| <= 1} is (16)'s dual, and with the first {@code L - 2} layers a
 * bias-free path of scale {@code t = V^{1/L}} (which needs {@code c >= 0}, or {@code c <= 0} after flipping
 * {@code a0}): {@code P = D = (L/2) V^{2/L}} ({@code = V} for {@code L = 2}). The network output is the linear spline
 * through the data on their hull (Corollaries 4.1, 4.2), kinks at data points only.
 *
 * <p>The infimum is not attained when {@code kappa != 0}: the constant neuron costs {@code epsilon^2 / 2}, reported.
 */
public final class RankOneReluBias {

    /**
     * The result.
     *
     * @param depth {@code L}
     * @param primal {@code P = (L/2) V^{2/L}}
     * @param dual the dual value recomputed from {@code lambda} (its constraints evaluated on every atom)
     * @param z the one-dimensional data {@code c ||a0||}
     * @param data the rank-one factorization
     * @param weights {@code W_1 .. W_L}
     * @param biases per layer ({@code null} except layer {@code L - 1})
     * @param lambda the dual point ({@code n} entries; {@code lambda^T 1 = 0})
     * @param kinks data indices of the kinks of the hidden neurons of layer {@code L - 1}
     * @param epsilon output weight of the constant neuron (0 if none)
     * @param networkObjective {@code 1/2 sum ||W_l||^2} recomputed ({@code = P + epsilon^2 / 2})
     * @param fitResidual {@code ||f(X) - y|| / max(||y||, 1)} recomputed
     */
    public record Solution(int depth, double primal, double dual, double[] z, RankOneData data, List<DMatrixRMaj> weights,
                           List<double[]> biases, double[] lambda, int[] kinks, double epsilon, double networkObjective,
                           double fitResidual) {

        /** {@code P - D}. */
        public double gap() {
            return primal - dual;
        }
    }

    /** Relative size of the constant neuron's output weight. */
    public static final double EPSILON = 1e-5;

    private RankOneReluBias() {
    }

    /**
     * Builds the optimal network.
     *
     * @throws InvalidInputException if {@code x} is not rank-one, {@code y} is not one column, or {@code L >= 3} and
     *     {@code c} has both signs
     */
    public static Solution solve(DMatrixRMaj x, DMatrixRMaj y, int depth, double tolerance) {
        InvalidInputException.requireAtLeast("--depth", depth, 2);
        RankOneData data = RankOneData.of(x, "--x");
        data.requireRankOne("--x", tolerance);
        if (y.numCols != 1 || y.numRows != x.numRows) {
            throw new InvalidInputException("--y", y.numRows + "x" + y.numCols + " matrix",
                    x.numRows + " x 1 (scalar output, one row per sample)");
        }
        int n = x.numRows;
        double an = data.a0Norm();
        double[] c = data.c();
        double cmax = Arrays.stream(c).map(Math::abs).max().orElse(0);
        if (depth >= 3 && Arrays.stream(c).min().orElse(0) < -tolerance * cmax) {
            throw new InvalidInputException("--x", "X = c a0^T with c of both signs",
                    String.format(Locale.ROOT, "c of one sign for --bias with --depth >= 3 (Prop 4.1: the bias-free "
                            + "layers fold c_i a0 and -c_i a0 together); use --depth 2 or data on one side of the origin"));
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = c[i] * an;
        }
        List<double[]> atoms = new ArrayList<>(2 * n + 1);
        for (int j = 0; j < n; j++) {
            for (int s = 1; s >= -1; s -= 2) {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Math.max(s * (z[i] - z[j]), 0);
                }
                atoms.add(a);
            }
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        atoms.add(ones);
        double[] costs = new double[atoms.size()];
        Arrays.fill(costs, 1);
        costs[atoms.size() - 1] = 0;
        L1Interpolation.Result lp = L1Interpolation.solve(atoms, costs, y.data);
        if (!Double.isFinite(lp.value())) {
            throw new InvalidInputException("--y", "a target that no spline through the data fits",
                    "finite values (samples with equal c must have equal targets)");
        }
        double v = lp.value();
        double primal = 0.5 * depth * Math.pow(v, 2.0 / depth);
        double kappa = lp.weights()[atoms.size() - 1];
        double t = Math.pow(v, 1.0 / depth);
        double scale = depth >= 3 ? Math.pow(t, depth - 2) : 1;
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < 2 * n; k++) {
            if (lp.weights()[k] != 0) {
                used.add(k);
            }
        }
        double epsilon = kappa != 0 ? EPSILON * Math.sqrt(Math.max(v, 1e-300)) + (v == 0 ? EPSILON : 0) : 0;
        int m = used.size() + (kappa != 0 ? 1 : 0);
        m = Math.max(m, 1);
        double[] hat = data.a0().clone();
        for (int j = 0; j < hat.length; j++) {
            hat[j] /= an;
        }
        List<DMatrixRMaj> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        DMatrixRMaj last = new DMatrixRMaj(depth == 2 ? x.numCols : 1, m);
        if (depth >= 3) {
            DMatrixRMaj w1 = new DMatrixRMaj(x.numCols, 1);
            for (int j = 0; j < hat.length; j++) {
                w1.data[j] = t * hat[j];
            }
            weights.add(w1);
            biases.add(null);
            for (int l = 2; l <= depth - 2; l++) {
                weights.add(new DMatrixRMaj(new double[][] {{t}}));
                biases.add(null);
            }
        }
        double[] bias = new double[m];
        DMatrixRMaj out = new DMatrixRMaj(m, 1);
        int[] kinks = new int[used.size()];
        for (int q = 0; q < used.size(); q++) {
            int k = used.get(q);
            int j = k / 2;
            double s = k % 2 == 0 ? 1 : -1;
            double coef = lp.weights()[k];
            double g = Math.sqrt(Math.abs(coef) / scale);
            if (depth == 2) {
                for (int r = 0; r < hat.length; r++) {
                    last.set(r, q, s * g * hat[r]);
                }
            } else {
                last.set(0, q, s * g);
            }
            bias[q] = -s * g * scale * z[j];
            out.set(q, 0, Math.signum(coef) * g);
            kinks[q] = j;
        }
        if (kappa != 0) {
            bias[m - 1] = Math.abs(kappa) / epsilon;
            out.set(m - 1, 0, Math.signum(kappa) * epsilon);
        }
        weights.add(last);
        biases.add(bias);
        weights.add(out);
        biases.add(null);
        DeepReluNetwork net = new DeepReluNetwork(weights, biases);
        DMatrixRMaj f = net.predict(x);
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            rr += (f.data[i] - y.data[i]) * (f.data[i] - y.data[i]);
            yy += y.data[i] * y.data[i];
        }
        double fit = Math.sqrt(rr) / Math.max(1, Math.sqrt(yy));
        double[] lambda = lp.lambda();
        double worst = Math.abs(Vectors.dot(lambda, ones)) > 1e-9 * (1 + norm1(lambda)) ? Double.POSITIVE_INFINITY : 0;
        for (int k = 0; k < 2 * n; k++) {
            worst = Math.max(worst, Math.abs(Vectors.dot(lambda, atoms.get(k))));
        }
        double d1 = worst > 0 && Double.isFinite(worst) ? Math.max(0, Vectors.dot(lambda, y.data)) / worst : 0;
        double dual = 0.5 * depth * Math.pow(d1, 2.0 / depth);
        return new Solution(depth, primal, dual, z, data, weights, biases, lambda, kinks, epsilon,
                0.5 * net.squaredNorm(false), fit);
    }

    private static double norm1(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }
}

package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The two-sample reduction behind the opposite-sign optimum of {@link RankOneRelu}: on rank-one data a bias-free deep
 * ReLU network only ever sees the two inputs {@code +a0} and {@code -a0}, so its cost is bounded below by a function of
 * the 2 x 2 Gram matrices of its activations, and that function is minimized by two separate paths when the two
 * outputs {@code alpha = g(a0)} and {@code beta = g(-a0)} make an angle of at least 90 degrees.
 *
 * <p><b>Reduction.</b> Let {@code h_l^+, h_l^-} be the activations of layer {@code l} at {@code +-a0/||a0||}, with Gram
 * {@code G_l = D_l C_l D_l}, {@code D_l = diag(x_l, y_l)} (the norms) and {@code C_l = [[1, c_l], [c_l, 1]]}
 * ({@code c_l >= 0}: the activations are non-negative). Then
 * <ol>
 * <li>layer 1: {@code h_1^+- = (+-v)_+} with {@code v = W_1^T a0/||a0||}, so {@code c_1 = 0} and
 * {@code ||W_1||_F^2 >= ||v||^2 = x_1^2 + y_1^2};</li>
 * <li>layer {@code l = 2..L-1}: write the pre-activations as {@code z^+- = k^+- + n^+-} with {@code k = z_+} the
 * outputs and {@code n <= 0} the rectified parts. The least {@code ||W||_F^2} with {@code W^T h^+- = z^+-} is
 * {@code tr(G_(l-1)^-1 G_z)}, and {@code tr(G_(l-1)^-1 G_z) - tr(G_(l-1)^-1 G_k) >= 0} because the off-diagonal entry
 * of {@code G_(l-1)^-1} is {@code -<h^+, h^->/det <= 0} while {@code <k^+, n^->, <n^+, k^-> <= 0} and the remaining
 * quadratic part is non-negative (Cauchy-Schwarz): the ReLU never makes a layer cheaper, so
 * {@code ||W_l||_F^2 >= tr(G_(l-1)^-1 G_l) = (p_l^2 + q_l^2 - 2 c_(l-1) c_l p_l q_l) / (1 - c_(l-1)^2)} with the
 * gains {@code p_l = x_l/x_(l-1)}, {@code q_l = y_l/y_(l-1)};</li>
 * <li>layer {@code L}: {@code ||W_L||_F^2 >= tr(G_(L-1)^-1 [[a^2, ab cos phi], [ab cos phi, b^2]]) =
 * (p_L^2 + q_L^2 - 2 c_(L-1) cos phi p_L q_L) / (1 - c_(L-1)^2)}, {@code p_L = a/x_(L-1)}, {@code q_L = b/y_(L-1)},
 * {@code a = ||alpha||/||a0||}, {@code b = ||beta||/||a0||}, {@code cos phi} the cosine between {@code alpha} and
 * {@code beta}.</li>
 * </ol>
 * Every step is attained by a width-2 network, so {@link #cost} over its {@code 3(L-1) - 1} variables <em>is</em> the
 * minimum-norm problem (its infimum is {@code P}).
 *
 * <p><b>Lower bound for {@code cos phi <= 0}.</b> Drop the cross terms ({@code 2pq <= p^2 + q^2} in the middle,
 * {@code -cos phi >= 0} at the end): {@code 2 cost >= sum_l kappa_l s_l} with {@code s_l = p_l^2 + q_l^2},
 * {@code kappa_1 = kappa_2 = 1}, {@code kappa_l = (1 - c_(l-1) c_l)/(1 - c_(l-1)^2)}, {@code kappa_L =
 * 1/(1 - c_(L-1)^2)}. Since {@code (1 - c c')^2 >= (1 - c^2)(1 - c'^2)} and {@code sqrt(1 - c^2) >= 1 - c^2},
 * {@code prod kappa_l >= 1}; by AM-GM, then superadditivity of the geometric mean,
 * {@code sum kappa_l s_l >= L (prod s_l)^(1/L) >= L ((prod p_l^2)^(1/L) + (prod q_l^2)^(1/L)) = L (a^(2/L) + b^(2/L))},
 * attained by {@code c_l = 0} and equal gains per path: {@code P = (L/2)(a^(2/L) + b^(2/L))} for every {@code L}.
 * For {@code cos phi = 1} (same sign) the bound fails and one shared path reaches {@code D}.
 */
public final class TwoPathReduction {
    /** Activations whose cosine is within this of 1 are treated as parallel by {@link #gramCost}. */
    static final double PARALLEL = 1e-12;
    /** Sweeps of the compass search per start. */
    public static final int MAX_SWEEPS = 20_000;

    private TwoPathReduction() {
    }

    /**
     * The reduced cost {@code (1/2) F}: the least {@code (1/2) sum_l ||W_l||_F^2} of a network whose activations at
     * {@code +-a0/||a0||} have norms {@code x_l, y_l} and cosines {@code c_l} ({@code l = 1..L-1}; {@code c_1} must be
     * 0) and whose outputs have norms {@code a, b} (per unit {@code ||a0||}) and cosine {@code cosPhi}.
     *
     * @return the cost, {@code +Inf} when some {@code c_l >= 1}
     * @throws InvalidInputException when the arrays differ in length, are empty, a norm is not positive, a cosine is
     *     outside {@code [0, 1]}, {@code c_1 != 0}, {@code a} or {@code b} is negative or {@code cosPhi} is outside
     *     {@code [-1, 1]}
     */
    public static double cost(double[] x, double[] y, double[] c, double a, double b, double cosPhi) {
        return cost(x, y, c, a, b, cosPhi, false);
    }

    /**
     * {@link #cost} for two <em>orthonormal</em> inputs when {@code orthonormalInputs} (whitened data with two samples,
     * {@code X X^T = I_2}): the first layer's outputs {@code (z_i)_+} may then have any cosine {@code c_1 >= 0} and
     * still cost at least {@code x_1^2 + y_1^2} ({@code ||W_1||_F^2 >= ||z_1||^2 + ||z_2||^2}); the lower bound of the
     * class comment holds unchanged, since the Cauchy-Schwarz chain giving {@code prod kappa_l >= 1} may start at
     * {@code c_1}. With {@code cos phi <= 0} (e.g. one-hot labels of two classes) the minimum is again
     * {@code (L/2)(a^(2/L) + b^(2/L))}: 003 Thm 4.3's path network is optimal for one sample per class, {@code K = 2}.
     */
    public static double cost(double[] x, double[] y, double[] c, double a, double b, double cosPhi,
            boolean orthonormalInputs) {
        int m = x.length;
        if (m == 0 || y.length != m || c.length != m) {
            throw new InvalidInputException("x, y, c", x.length + ", " + y.length + ", " + c.length + " entries",
                    "L - 1 >= 1 entries each");
        }
        if (!orthonormalInputs && c[0] != 0) {
            throw new InvalidInputException("c[0]", c[0], "0 (the first layer's activations have disjoint supports)");
        }
        InvalidInputException.requireNonNegative("a", a);
        InvalidInputException.requireNonNegative("b", b);
        if (!(cosPhi >= -1 && cosPhi <= 1)) {
            throw new InvalidInputException("cosPhi", cosPhi, "a cosine in [-1, 1]");
        }
        for (int l = 0; l < m; l++) {
            InvalidInputException.requirePositive("x[" + l + "]", x[l]);
            InvalidInputException.requirePositive("y[" + l + "]", y[l]);
            if (!(c[l] >= 0 && c[l] <= 1)) {
                throw new InvalidInputException("c[" + l + "]", c[l], "a cosine in [0, 1]");
            }
            if (c[l] == 1) {
                return Double.POSITIVE_INFINITY;
            }
        }
        // (p^2 + q^2 - 2 c c' p q) / (1 - c^2) as ((p - q)^2 + 2 p q (1 - c c')) / ((1 - c)(1 + c)) with
        // 1 - c c' = (1 - c) + c (1 - c'): no cancellation when the cosines approach 1 (one shared path)
        double f = x[0] * x[0] + y[0] * y[0];
        for (int l = 1; l < m; l++) {
            f += term(x[l] / x[l - 1], y[l] / y[l - 1], c[l - 1], c[l]);
        }
        f += term(a / x[m - 1], b / y[m - 1], c[m - 1], cosPhi);
        return 0.5 * f;
    }

    /** {@code (p^2 + q^2 - 2 c e p q) / (1 - c^2)}, evaluated without cancellation. */
    private static double term(double p, double q, double c, double e) {
        double oneMinusCe = (1 - c) + c * (1 - e);
        return ((p - q) * (p - q) + 2 * p * q * oneMinusCe) / ((1 - c) * (1 + c));
    }

    /**
     * The reduced cost of an actual bias-free network: the Gram matrices of its activations at {@code +-a0/||a0||},
     * put into {@link #cost}. By the reduction, {@code (1/2) sum_l ||W_l||_F^2 >= gramCost(weights, a0)} for every
     * network (the middle inequality of the proof, checkable on any network).
     *
     * @param weights {@code W_1 .. W_L} (rows are inputs), {@code L >= 2}
     * @param a0 the data direction ({@code d} entries, non-zero)
     * @return the reduced cost; {@code NaN} when the reduction degenerates (an activation vanishes, so one output is
     *     zero, or the two activations are parallel, so the outputs are parallel with the same sign)
     */
    public static double gramCost(List<DMatrixRMaj> weights, double[] a0) {
        int depth = weights.size();
        InvalidInputException.requireAtLeast("weights", depth, 2);
        double an = Vectors.norm(a0);
        InvalidInputException.requirePositive("||a0||", an);
        double[] hp = new double[a0.length];
        double[] hm = new double[a0.length];
        for (int j = 0; j < a0.length; j++) {
            hp[j] = a0[j] / an;
            hm[j] = -a0[j] / an;
        }
        double[] x = new double[depth - 1];
        double[] y = new double[depth - 1];
        double[] c = new double[depth - 1];
        for (int l = 0; l < depth - 1; l++) {
            hp = relu(times(hp, weights.get(l)));
            hm = relu(times(hm, weights.get(l)));
            x[l] = Vectors.norm(hp);
            y[l] = Vectors.norm(hm);
            if (x[l] == 0 || y[l] == 0) {
                return Double.NaN;
            }
            c[l] = l == 0 ? 0 : Math.max(0, Vectors.dot(hp, hm) / (x[l] * y[l]));
            if (c[l] >= 1 - PARALLEL) {
                return Double.NaN;
            }
        }
        double[] alpha = times(hp, weights.get(depth - 1));
        double[] beta = times(hm, weights.get(depth - 1));
        double a = Vectors.norm(alpha);
        double b = Vectors.norm(beta);
        double cos = a > 0 && b > 0 ? Math.max(-1, Math.min(1, Vectors.dot(alpha, beta) / (a * b))) : 0;
        return cost(x, y, c, a, b, cos);
    }

    /**
     * A brute-force search for the infimum of {@link #cost} over its reduced variables (log-norms {@code x_l, y_l}
     * and cosines {@code c_2..c_(L-1)}): {@code starts} seeded random starting points, each refined by a compass search
     * (every coordinate up and down, the step halved when no move improves, down to {@code 1e-10}, at most
     * {@link #MAX_SWEEPS} sweeps). Numerical evidence
     * for (not a proof of) the closed form; the proof is in the class comment.
     *
     * @param depth {@code L >= 2}
     * @param a output norm at {@code +a0} (per unit {@code ||a0||}), {@code > 0}
     * @param b output norm at {@code -a0}, {@code > 0}
     * @param cosPhi cosine between the outputs, in {@code [-1, 1]}
     * @param starts random starts, {@code >= 1}
     * @param seed seed of the starting points
     * @return the least cost found
     */
    public static double searchMinimum(int depth, double a, double b, double cosPhi, int starts, long seed) {
        return searchMinimum(depth, a, b, cosPhi, starts, seed, false);
    }

    /** {@link #searchMinimum} over the variables of {@link #cost(double[], double[], double[], double, double,
     * double, boolean)}: with {@code orthonormalInputs} the first cosine is searched too. */
    public static double searchMinimum(int depth, double a, double b, double cosPhi, int starts, long seed,
            boolean orthonormalInputs) {
        InvalidInputException.requireAtLeast("depth", depth, 2);
        InvalidInputException.requirePositive("a", a);
        InvalidInputException.requirePositive("b", b);
        InvalidInputException.requireAtLeast("starts", starts, 1);
        int m = depth - 1;
        int first = orthonormalInputs ? 0 : 1;
        int dim = 2 * m + (m - first);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < starts; s++) {
            double[] z = new double[dim];
            for (int i = 0; i < dim; i++) {
                z[i] = i < 2 * m ? 3 * (rng.nextDouble() - 0.5) : 4 * (rng.nextDouble() - 0.5);
            }
            double f = reduced(z, m, first, a, b, cosPhi);
            int sweeps = 0;
            for (double step = 0.5; step > 1e-10 && sweeps < MAX_SWEEPS; sweeps++) {
                boolean moved = false;
                for (int i = 0; i < dim; i++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double keep = z[i];
                        z[i] = keep + sign * step;
                        double g = reduced(z, m, first, a, b, cosPhi);
                        if (g < f) {
                            f = g;
                            moved = true;
                        } else {
                            z[i] = keep;
                        }
                    }
                }
                if (!moved) {
                    step *= 0.5;
                }
            }
            best = Math.min(best, f);
        }
        return best;
    }

    /**
     * {@link #cost} at log-norms {@code z[0..m)}, {@code z[m..2m)} and cosines {@code c_first..c_(m-1)} given as
     * {@code sin^2} of {@code z[2m..)} ({@code c_0 = 0} when {@code first = 1}).
     */
    private static double reduced(double[] z, int m, int first, double a, double b, double cosPhi) {
        double[] x = new double[m];
        double[] y = new double[m];
        double[] c = new double[m];
        for (int l = 0; l < m; l++) {
            x[l] = Math.exp(z[l]);
            y[l] = Math.exp(z[m + l]);
            if (l >= first) {
                double sn = Math.sin(z[2 * m + l - first]);
                c[l] = Math.min(sn * sn, 1 - 1e-15);
            }
        }
        return cost(x, y, c, a, b, cosPhi, first == 0);
    }

    /** {@code h^T W}. */
    private static double[] times(double[] h, DMatrixRMaj w) {
        if (h.length != w.numRows) {
            throw new InvalidInputException("weights", w.numRows + " x " + w.numCols,
                    h.length + " rows (the previous layer's width)");
        }
        double[] out = new double[w.numCols];
        for (int i = 0; i < w.numRows; i++) {
            if (h[i] != 0) {
                for (int j = 0; j < w.numCols; j++) {
                    out[j] += h[i] * w.data[i * w.numCols + j];
                }
            }
        }
        return out;
    }

    private static double[] relu(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return v;
    }
}

package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Locale;

/**
 * Weight decay on a deep linear network with whitened data, Wang, Ergen, Pilanci Appendix B (31) (spec §1.11):
 *
 * <pre>
 *   min_{W_1..W_L} 1/2 ||X W_1...W_L - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2      (X^T X = I)
 * </pre>
 *
 * <p>By Prop. 2 this is {@code min_W 1/2 ||XW - Y||^2 + (beta L/2) ||W||_{S_{2/L}}^{2/L}}, and with {@code X^T X = I}
 * and {@code X^T Y = U diag(sigma) V^T} it separates into one-dimensional non-convex problems
 * {@code min_{s >= 0} h_i(s) = 1/2 (s - sigma_i)^2 + (beta L/2) s^{2/L}}, with {@code W = U diag(s) V^T}. The total
 * objective is {@code sum_i h_i(s_i) + 1/2 (||Y||_F^2 - ||X^T Y||_F^2)}.
 *
 * <p>Each scalar problem is solved exactly ({@link #optimalSingularValue}): for {@code L >= 3} the stationarity
 * function {@code h'(s) = s - sigma + beta s^{2/L - 1}} is convex on {@code (0, inf)} (decreasing then increasing,
 * minimal at {@code s_c = (beta (1 - 2/L))^{L/(2L-2)}}), so it has at most two roots: a local maximum of {@code h}
 * below {@code s_c} and a local minimum in {@code (s_c, sigma)}, found by bisection on the increasing branch; the
 * answer is that local minimum or {@code s = 0}, whichever is lower. Small singular values jump to zero (hard
 * thresholding), so the rank falls as {@code beta} grows. For {@code L = 2} the answer is the soft threshold
 * {@code (sigma - beta)_+}.
 *
 * <p>An immutable value; arguments are validated and never modified.
 */
public final class WhitenedWeightDecay {
    /** {@code X} counts as having orthonormal columns when {@code ||X^T X - I||_F <= ORTHONORMAL_TOL}. */
    public static final double ORTHONORMAL_TOL = 1e-8;
    private static final int BISECTION_STEPS = 200;

    private final int depth;
    private final double beta;
    private final double[] sigma;
    private final double[] s;
    private final DMatrixRMaj u;
    private final DMatrixRMaj v;
    private final double objective;

    private WhitenedWeightDecay(int depth, double beta, Svd svd, double constant) {
        this.depth = depth;
        this.beta = beta;
        this.sigma = svd.s().clone();
        this.s = new double[sigma.length];
        double total = constant;
        for (int i = 0; i < sigma.length; i++) {
            s[i] = optimalSingularValue(sigma[i], beta, depth);
            total += scalarObjective(s[i], sigma[i], beta, depth);
        }
        this.objective = total;
        this.u = svd.u();
        this.v = svd.v();
    }

    /**
     * Solves the problem for data {@code x} ({@code n x d}, orthonormal columns) and targets {@code y} ({@code n x c}).
     *
     * @throws InvalidInputException for non-finite data, {@code X^T X != I}, {@code depth < 2} or {@code beta < 0}
     */
    public static WhitenedWeightDecay solve(DMatrixRMaj x, DMatrixRMaj y, int depth, double beta) {
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        InvalidInputException.requireNonNegative("beta", beta);
        LinearTarget.requireData(x, y);
        requireOrthonormalColumns(x);
        DMatrixRMaj xty = Linalg.get().multTransA(x, y);
        double constant = 0.5 * (Matrices.frobeniusSquared(y) - Matrices.frobeniusSquared(xty));
        return new WhitenedWeightDecay(depth, beta, Linalg.get().svd(xty), constant);
    }

    /** Throws unless {@code ||X^T X - I||_F <= ORTHONORMAL_TOL}. */
    static void requireOrthonormalColumns(DMatrixRMaj x) {
        DMatrixRMaj gram = Linalg.get().multTransA(x, x);
        double err = Matrices.distance(gram, CommonOps_DDRM.identity(x.numCols));
        if (err > ORTHONORMAL_TOL) {
            throw new InvalidInputException("X", String.format(Locale.ROOT, "a matrix with ||X^T X - I||_F = %.3g",
                    err), "orthonormal columns (||X^T X - I||_F <= " + ORTHONORMAL_TOL + ")");
        }
    }

    /** {@code h(s) = 1/2 (s - sigma)^2 + (beta L/2) s^{2/L}}. */
    public static double scalarObjective(double s, double sigma, double beta, int depth) {
        return 0.5 * (s - sigma) * (s - sigma) + 0.5 * beta * depth * (s == 0 ? 0 : Math.pow(s, 2.0 / depth));
    }

    /**
     * The global minimizer over {@code s >= 0} of {@code h(s)} (ties go to {@code s = 0}).
     *
     * @param sigma {@code >= 0}
     * @param beta {@code >= 0}
     * @param depth {@code L >= 2}
     */
    public static double optimalSingularValue(double sigma, double beta, int depth) {
        InvalidInputException.requireNonNegative("sigma", sigma);
        InvalidInputException.requireNonNegative("beta", beta);
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        if (beta == 0 || sigma == 0) {
            return sigma;
        }
        if (depth == 2) {
            return Math.max(0, sigma - beta);
        }
        double p = 2.0 / depth;
        double sc = Math.pow(beta * (1 - p), 1 / (2 - p));
        if (sc >= sigma || derivative(sc, sigma, beta, p) >= 0) {
            return 0;
        }
        double lo = sc;
        double hi = sigma; // h'(sigma) = beta sigma^{p-1} > 0
        for (int k = 0; k < BISECTION_STEPS && hi - lo > Math.ulp(hi); k++) {
            double mid = 0.5 * (lo + hi);
            if (derivative(mid, sigma, beta, p) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double best = 0.5 * (lo + hi);
        return scalarObjective(best, sigma, beta, depth) < scalarObjective(0, sigma, beta, depth) ? best : 0;
    }

    private static double derivative(double s, double sigma, double beta, double p) {
        return s - sigma + beta * Math.pow(s, p - 1);
    }

    /** Depth {@code L}. */
    public int depth() {
        return depth;
    }

    /** Regularization {@code beta}. */
    public double beta() {
        return beta;
    }

    /** Singular values {@code sigma_i} of {@code X^T Y}, non-increasing (a copy). */
    public double[] targetSingularValues() {
        return sigma.clone();
    }

    /** Optimal singular values {@code s_i} of the end-to-end matrix, aligned with {@link #targetSingularValues()}. */
    public double[] optimalSingularValues() {
        return s.clone();
    }

    /** Number of non-zero {@code s_i}. */
    public int rank() {
        return (int) Arrays.stream(s).filter(x -> x > 0).count();
    }

    /** Optimal value {@code 1/2 ||X W_1...W_L - Y||^2 + (beta/2) sum_l ||W_l||_F^2} (with both factors 1/2). */
    public double objective() {
        return objective;
    }

    /** The optimal end-to-end matrix {@code W = U diag(s) V^T} ({@code d x c}). */
    public DMatrixRMaj endToEnd() {
        return Matrices.compose(u, s, v, s.length);
    }

    /** Optimal weights by Prop. 2, hidden widths {@code max(1, rank)}; their objective is {@link #objective()}. */
    public DeepLinearWeights weights() {
        int r = rank();
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, Math.max(1, r));
        return BalancedLayers.propositionTwo(Matrices.leadingColumns(u, r), Arrays.copyOf(s, r),
                Matrices.leadingColumns(v, r), hidden);
    }
}

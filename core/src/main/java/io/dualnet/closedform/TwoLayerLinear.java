package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Two-layer linear networks with unit-norm first-layer neurons, Ergen and Pilanci (ICLR 2021 submission) §2 (spec
 * §3.2). Rows are samples; a neuron is a unit vector {@code w_{1,j}} in {@code R^d}; no argument is modified.
 *
 * <ul>
 *   <li>{@link #minNormScalar}: Thm 2.1, (4)/(5), (7)/(8): {@code min ||w_2||_1 s.t. X W_1 w_2 = y}, optimum
 *       {@code P* = ||X^+ y||_2} with the single neuron {@code X^+ y / ||X^+ y||};</li>
 *   <li>{@link #regularizedScalar}: Thm 2.3: {@code min 1/2 ||X w - y||^2 + beta ||w||_2} (no 1/2 on the penalty)
 *       and its dual {@code max -1/2 ||lambda - y||^2 + 1/2 ||y||^2 s.t. ||X^T lambda||_2 <= beta};</li>
 *   <li>{@link #minNormVector}: Thm 2.4, (10)–(13): {@code min sum_j ||w_{2,j}||_2 s.t. X W_1 W_2 = Y}, optimum
 *       {@code ||X^+ Y||_*}; the regularized vector-output problem is {@link NuclearNormRegression}.</li>
 * </ul>
 */
public final class TwoLayerLinear {
    private static final int BISECTION_STEPS = 300;

    private TwoLayerLinear() {
    }

    /**
     * Minimum-norm scalar-output solution.
     *
     * @param value {@code P* = ||X^+ y||_2}
     * @param neuron {@code X^+ y / ||X^+ y||} ({@code d x 1}; zero when {@code y = 0})
     * @param dualPoint {@code lambda* = (X^T)^+ neuron} with {@code X^T lambda* = neuron}, so {@code lambda*^T y = P*}
     */
    public record MinNormScalar(double value, DMatrixRMaj neuron, DMatrixRMaj dualPoint) {
    }

    /**
     * Minimum-norm vector-output solution {@code W_1 = U_r}, {@code W_2 = diag(sigma) V_r^T} from
     * {@code X^+ Y = U diag(sigma) V^T}.
     *
     * @param value {@code ||X^+ Y||_* = sum_j ||w_{2,j}||_2}
     * @param neurons {@code U_r} ({@code d x r}): the left singular vectors of {@code X^+ Y}, which are the top
     *     {@code r} right singular vectors of {@code Lambda*^T X} (Thm 2.4)
     * @param outputWeights {@code diag(sigma) V_r^T} ({@code r x c})
     * @param dualPoint {@code Lambda* = (X^T)^+ U_r V_r^T} with {@code X^T Lambda* = U_r V_r^T}: spectral norm 1 and
     *     {@code tr(Lambda*^T Y) = ||X^+Y||_*}
     */
    public record MinNormVector(double value, DMatrixRMaj neurons, DMatrixRMaj outputWeights, DMatrixRMaj dualPoint) {
    }

    /**
     * Regularized scalar-output solution.
     *
     * @param w end-to-end weights {@code d x 1} ({@code = W_1 w_2} with the single neuron {@code w/||w||})
     * @param mu the multiplier {@code beta/||w||} of {@code w = (X^T X + mu I)^{-1} X^T y}
     *     (infinite when {@code w = 0})
     * @param primal {@code 1/2 ||X w - y||^2 + beta ||w||_2}
     * @param dual {@code -1/2 ||lambda - y||^2 + 1/2 ||y||^2} at the feasible {@code lambda}
     * @param lambda {@code y - X w}, scaled down if needed so that {@code ||X^T lambda||_2 <= beta}
     * @param dualInfeasibility {@code max(0, ||X^T (y - X w)||_2 - beta)} before scaling
     */
    public record RegularizedScalar(DMatrixRMaj w, double mu, double primal, double dual, DMatrixRMaj lambda,
                                    double dualInfeasibility) {
        /** {@code primal - dual >= 0}. */
        public double gap() {
            return primal - dual;
        }
    }

    /** Thm 2.1 and (7)/(8), for {@code y} ({@code n x 1}) in range(X). */
    public static MinNormScalar minNormScalar(DMatrixRMaj x, DMatrixRMaj y) {
        requireColumn(y);
        DMatrixRMaj w = LinearTarget.minimumNormSolution(x, y);
        double norm = Math.sqrt(Matrices.frobeniusSquared(w));
        DMatrixRMaj neuron = w.copy();
        if (norm > 0) {
            CommonOps_DDRM.scale(1 / norm, neuron);
        }
        DMatrixRMaj lambda = PseudoInverse.of(transpose(x)).solve(neuron);
        return new MinNormScalar(norm, neuron, lambda);
    }

    /** Thm 2.4, for {@code Y} ({@code n x c}) in range(X). */
    public static MinNormVector minNormVector(DMatrixRMaj x, DMatrixRMaj y) {
        LinearTarget t = LinearTarget.of(x, y);
        int r = t.rank();
        DMatrixRMaj out = BalancedLayers.last(t.sigma(), t.v(), r);
        double[] ones = new double[r];
        java.util.Arrays.fill(ones, 1);
        DMatrixRMaj uvT = Matrices.compose(t.u(), ones, t.v(), r);
        DMatrixRMaj lambda = PseudoInverse.of(transpose(x)).solve(uvT);
        return new MinNormVector(io.dualnet.reg.Schatten.nuclear(t.sigma()), t.u().copy(), out, lambda);
    }

    /**
     * Thm 2.3 in closed form: {@code w = 0} if {@code ||X^T y|| <= beta}, else {@code w = (X^T X + mu I)^{-1} X^T y}
     * with {@code mu ||w(mu)|| = beta}. The root is found by bisection on the increasing function
     * {@code mu ||w(mu)|| = (sum_i b_i^2 mu^2/(e_i + mu)^2)^{1/2}} in the eigenbasis {@code X^T X = Q diag(e) Q^T},
     * {@code b = Q^T X^T y} ({@code O(d)} per step), bracketed by {@code [0, beta e_max/(||b|| - beta)]}.
     *
     * @param beta {@code > 0}
     */
    public static RegularizedScalar regularizedScalar(DMatrixRMaj x, DMatrixRMaj y, double beta) {
        requireColumn(y);
        LinearTarget.requireData(x, y);
        InvalidInputException.requirePositive("beta", beta);
        int d = x.numCols;
        DMatrixRMaj xty = Linalg.get().multTransA(x, y);
        double normXty = Math.sqrt(Matrices.frobeniusSquared(xty));
        DMatrixRMaj w = new DMatrixRMaj(d, 1);
        double mu = Double.POSITIVE_INFINITY;
        if (normXty > beta) {
            SymmetricEigen eig = Linalg.get().eigSymmetric(Linalg.get().multTransA(x, x));
            double[] e = eig.values().clone();
            for (int i = 0; i < d; i++) {
                e[i] = Math.max(0, e[i]);
            }
            DMatrixRMaj b = Linalg.get().multTransA(eig.vectors(), xty);
            double normB = Math.sqrt(Matrices.frobeniusSquared(b));
            double emax = e.length == 0 ? 0 : e[0];
            double lo = 0;
            // mu ||w(mu)|| >= ||b|| mu/(e_max + mu) reaches beta by this bound; rounding can only push ||b|| below
            // ||X^T y|| by a few ulps, and then the root is enormous and w is zero to working precision.
            double hi = normB > beta ? 2 * beta * Math.max(emax, Double.MIN_NORMAL) / (normB - beta) : Double.MAX_VALUE;
            for (int k = 0; k < BISECTION_STEPS && hi - lo > Math.ulp(hi); k++) {
                double mid = 0.5 * (lo + hi);
                if (scaledNorm(mid, e, b) < beta) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            mu = 0.5 * (lo + hi);
            DMatrixRMaj coef = new DMatrixRMaj(d, 1);
            for (int i = 0; i < d; i++) {
                coef.data[i] = b.data[i] / (e[i] + mu);
            }
            w = Linalg.get().mult(eig.vectors(), coef);
        }
        DMatrixRMaj fit = Linalg.get().mult(x, w);
        DMatrixRMaj lambda = y.copy();
        CommonOps_DDRM.subtractEquals(lambda, fit);
        double loss = 0.5 * Matrices.frobeniusSquared(lambda);
        double primal = loss + beta * Math.sqrt(Matrices.frobeniusSquared(w));
        double constraint = Math.sqrt(Matrices.frobeniusSquared(Linalg.get().multTransA(x, lambda)));
        if (constraint > beta) {
            CommonOps_DDRM.scale(beta / constraint, lambda);
        }
        double dual = -0.5 * Math.pow(Matrices.distance(lambda, y), 2) + 0.5 * Matrices.frobeniusSquared(y);
        return new RegularizedScalar(w, mu, primal, dual, lambda, Math.max(0, constraint - beta));
    }

    /** {@code mu ||w(mu)||_2}. */
    private static double scaledNorm(double mu, double[] e, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < e.length; i++) {
            double c = mu * b.data[i] / (e[i] + mu);
            s += c * c;
        }
        return Math.sqrt(s);
    }

    private static void requireColumn(DMatrixRMaj y) {
        if (y.numCols != 1) {
            throw new MatrixDimensionException("y", Matrices.shape(y), "one column (scalar output)");
        }
    }

    static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }
}

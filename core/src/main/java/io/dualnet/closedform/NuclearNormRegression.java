package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The regularized two-layer linear network with vector output, Ergen and Pilanci §2.2.1 (spec §3.2):
 *
 * <pre>
 *   P = min_W 1/2 ||X W - Y||_F^2 + beta ||W||_*            (= min 1/2 ||X W_1 W_2 - Y||^2 + beta sum_j ||w_{2,j}||_2
 *                                                              over unit neurons w_{1,j})
 *   D = max_Lambda -1/2 ||Lambda - Y||_F^2 + 1/2 ||Y||_F^2  s.t.  sigma_max(X^T Lambda) <= beta
 * </pre>
 *
 * <p>For general {@code X} the primal is solved by accelerated proximal gradient (FISTA with adaptive restart, step
 * {@code 1/||X||_2^2}, prox = singular value soft-thresholding); the dual point is the residual {@code Y - X W} scaled
 * down to feasibility, so {@code P(W) - D(Lambda)} is a certified gap. For {@code X} with orthonormal columns the
 * answer is exact: {@code W = SVT_beta(X^T Y)}, so {@code rank(W) = #{i : sigma_i(X^T Y) > beta}} (the red lines of
 * Figure 2a) and {@code sigma_i(W) = (sigma_i(X^T Y) - beta)_+} (Figure 5b).
 *
 * <p>Neurons (Remark 2.1): at the optimum {@code X^T Lambda = beta (U_W V_W^T + N)} with {@code U_W^T N = 0}, so the
 * right singular vectors of {@code Lambda^T X = P_{X,beta}(Y)^T X} at singular value {@code beta} are the left singular
 * vectors {@code U_W} of {@code W}. {@link Result#neurons()} returns {@code U_W} (first layer {@code W_1 = U_W},
 * second layer {@code W_2 = diag(sigma(W)) V_W^T}); tests check it against the dual characterization.
 *
 * <p>No argument is modified.
 */
public final class NuclearNormRegression {
    /** Default relative duality-gap target of {@link #solve(DMatrixRMaj, DMatrixRMaj, double)}. */
    public static final double DEFAULT_GAP_RTOL = 1e-10;
    /** Default iteration budget. */
    public static final int DEFAULT_MAX_ITERATIONS = 20_000;
    private static final int GAP_CHECK_EVERY = 10;

    private NuclearNormRegression() {
    }

    /**
     * A primal-dual pair.
     *
     * @param w end-to-end weights ({@code d x c})
     * @param singularValues {@code sigma_i(W)}, non-increasing
     * @param neurons {@code U_W} for the non-zero singular values ({@code d x rank})
     * @param lambda the feasible dual point
     * @param primal {@code 1/2 ||XW - Y||^2 + beta ||W||_*}
     * @param dual {@code -1/2 ||Lambda - Y||^2 + 1/2 ||Y||^2}
     * @param iterations proximal-gradient iterations (0 for the exact solution)
     * @param converged whether the gap target was met
     */
    public record Result(DMatrixRMaj w, double[] singularValues, DMatrixRMaj neurons, DMatrixRMaj lambda,
                         double primal, double dual, int iterations, boolean converged) {
        /** {@code primal - dual}. */
        public double gap() {
            return primal - dual;
        }

        /** Number of non-zero singular values of {@code W}. */
        public int rank() {
            return neurons.numCols;
        }
    }

    /** {@link #solve(DMatrixRMaj, DMatrixRMaj, double, double, int)} with the default tolerances. */
    public static Result solve(DMatrixRMaj x, DMatrixRMaj y, double beta) {
        return solve(x, y, beta, DEFAULT_GAP_RTOL, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Accelerated proximal gradient until {@code P - D <= gapRtol * max(1, P)} or {@code maxIterations}.
     *
     * @param beta {@code > 0}
     */
    public static Result solve(DMatrixRMaj x, DMatrixRMaj y, double beta, double gapRtol, int maxIterations) {
        LinearTarget.requireData(x, y);
        InvalidInputException.requirePositive("beta", beta);
        InvalidInputException.requirePositive("gapRtol", gapRtol);
        InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
        Linalg la = Linalg.get();
        double[] sx = la.singularValues(x);
        double lip = sx[0] * sx[0];
        int d = x.numCols;
        int c = y.numCols;
        DMatrixRMaj w = new DMatrixRMaj(d, c);
        double f = objective(x, y, w, 0, beta);
        if (lip == 0) {
            return certify(x, y, beta, w, 0, true);
        }
        DMatrixRMaj z = w.copy();
        double t = 1;
        for (int k = 1; k <= maxIterations; k++) {
            DMatrixRMaj residual = la.mult(x, z);
            CommonOps_DDRM.subtractEquals(residual, y);
            DMatrixRMaj step = z.copy();
            CommonOps_DDRM.addEquals(step, -1 / lip, la.multTransA(x, residual));
            double[] nuclear = new double[1];
            DMatrixRMaj next = softThreshold(step, beta / lip, nuclear);
            double fNext = objective(x, y, next, nuclear[0], beta);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            if (fNext > f) { // adaptive restart
                tNext = 1;
                z = next.copy();
            } else {
                z = next.copy();
                DMatrixRMaj diff = next.copy();
                CommonOps_DDRM.subtractEquals(diff, w);
                CommonOps_DDRM.addEquals(z, (t - 1) / tNext, diff);
            }
            w = next;
            f = fNext;
            t = tNext;
            if (k % GAP_CHECK_EVERY == 0 || k == maxIterations) {
                Result r = certify(x, y, beta, w, k, false);
                if (r.gap() <= gapRtol * Math.max(1, Math.abs(r.primal()))) {
                    return certify(x, y, beta, w, k, true);
                }
            }
        }
        return certify(x, y, beta, w, maxIterations, false);
    }

    /**
     * The exact solution {@code W = SVT_beta(X^T Y)} for {@code X} with orthonormal columns.
     *
     * @throws InvalidInputException unless {@code ||X^T X - I||_F <= WhitenedWeightDecay.ORTHONORMAL_TOL}
     */
    public static Result solveOrthonormal(DMatrixRMaj x, DMatrixRMaj y, double beta) {
        LinearTarget.requireData(x, y);
        InvalidInputException.requirePositive("beta", beta);
        WhitenedWeightDecay.requireOrthonormalColumns(x);
        DMatrixRMaj w = softThreshold(Linalg.get().multTransA(x, y), beta, new double[1]);
        return certify(x, y, beta, w, 0, true);
    }

    /**
     * The rank thresholds {@code sigma_i(X^T Y)} (non-increasing): for orthonormal {@code X},
     * {@code rank(W(beta)) = #{i : sigma_i > beta}}.
     */
    public static double[] rankThresholds(DMatrixRMaj x, DMatrixRMaj y) {
        LinearTarget.requireData(x, y);
        return Linalg.get().singularValues(Linalg.get().multTransA(x, y));
    }

    /**
     * Figure 5b: {@code path[k][i] = sigma_i(W(betas[k]))}, exact ({@link #solveOrthonormal}) when {@code X} has
     * orthonormal columns, by {@link #solve(DMatrixRMaj, DMatrixRMaj, double)} otherwise.
     *
     * @param betas each {@code > 0}
     */
    public static double[][] singularValuePath(DMatrixRMaj x, DMatrixRMaj y, double[] betas) {
        LinearTarget.requireData(x, y);
        DMatrixRMaj gram = Linalg.get().multTransA(x, x);
        boolean orthonormal = Matrices.distance(gram, CommonOps_DDRM.identity(x.numCols))
                <= WhitenedWeightDecay.ORTHONORMAL_TOL;
        double[][] path = new double[betas.length][];
        for (int k = 0; k < betas.length; k++) {
            Result r = orthonormal ? solveOrthonormal(x, y, betas[k]) : solve(x, y, betas[k]);
            path[k] = r.singularValues();
        }
        return path;
    }

    /** {@code #{i : thresholds[i] > beta}}. */
    public static int rankAt(double[] thresholds, double beta) {
        int r = 0;
        for (double s : thresholds) {
            if (s > beta) {
                r++;
            }
        }
        return r;
    }

    /** {@code SVT_tau(M) = U diag((s - tau)_+) V^T}; stores the nuclear norm of the result in {@code nuclear[0]}. */
    static DMatrixRMaj softThreshold(DMatrixRMaj m, double tau, double[] nuclear) {
        Svd svd = Linalg.get().svd(m);
        double[] s = svd.s().clone();
        int k = 0;
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(0, s[i] - tau);
            if (s[i] > 0) {
                k = i + 1;
                sum += s[i];
            }
        }
        nuclear[0] = sum;
        return k == 0 ? new DMatrixRMaj(m.numRows, m.numCols) : Matrices.compose(svd.u(), s, svd.v(), k);
    }

    private static double objective(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, double nuclear, double beta) {
        return 0.5 * Math.pow(Matrices.distance(Linalg.get().mult(x, w), y), 2) + beta * nuclear;
    }

    private static Result certify(DMatrixRMaj x, DMatrixRMaj y, double beta, DMatrixRMaj w, int iterations,
                                  boolean converged) {
        Linalg la = Linalg.get();
        Svd svd = la.svd(w);
        double smax = svd.s().length == 0 ? 0 : svd.s()[0];
        int rank = svd.rank(Math.max(svd.defaultTolerance(), LinearTarget.RANK_RTOL * smax));
        double nuclear = io.dualnet.reg.Schatten.nuclear(svd.s());
        DMatrixRMaj lambda = y.copy();
        CommonOps_DDRM.subtractEquals(lambda, la.mult(x, w));
        double primal = 0.5 * Matrices.frobeniusSquared(lambda) + beta * nuclear;
        double[] sc = la.singularValues(la.multTransA(x, lambda));
        double spectral = sc.length == 0 ? 0 : sc[0];
        if (spectral > beta) {
            CommonOps_DDRM.scale(beta / spectral, lambda);
        }
        double dual = -0.5 * Math.pow(Matrices.distance(lambda, y), 2) + 0.5 * Matrices.frobeniusSquared(y);
        return new Result(w, svd.s().clone(), Matrices.leadingColumns(svd.u(), rank), lambda, primal, dual,
                iterations, converged);
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConeProjection;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.SmallCholesky;
import io.dualnet.loss.Losses;
import org.ejml.data.DMatrixRMaj;

/**
 * A primal-dual interior-point method (Mehrotra predictor-corrector with Nesterov-Todd scaling) for the cone program
 * of the two-layer ReLU network with the squared loss (paper 002 Appendix A; spec §1.3; the ReLU network itself, not
 * the gated relaxation): with {@code K = 2P} blocks {@code u_j} ({@code [v_1..v_P, w_1..w_P]}),
 * {@code A u = sum_i D_i X (v_i - w_i)}, {@code G_j = (2 D_j - I) X},
 *
 * <pre>
 *   min  (1/2) ||A u - y||^2 + beta sum_j tau_j
 *   s.t. (tau_j, u_j) in the second-order cone,  s_j = G_j u_j >= 0.
 * </pre>
 *
 * Dual: {@code sigma_j = beta}, {@code z_j = A_j^T (A u - y) - G_j^T mu_j}, {@code ||z_j|| <= sigma_j},
 * {@code mu >= 0}. The primal iterates stay strictly feasible (the start moves along the patterns' generators, which
 * are interior; every step keeps {@code s = G u > 0}), the dual ones are infeasible until the residuals vanish.
 *
 * <p>The Newton system is reduced to {@code n x n} as for the gated program ({@link GatedPrimalDual}): with the NT
 * scaling {@code W_j}, {@code Q_j} the {@code uu} part of {@code W_j^{-2}} and {@code H_j = G_j^T diag(mu_j / s_j) G_j
 * = X^T diag(mu_j / s_j) X} (because {@code (2 D_j - I)^2 = I}), each block's {@code M_j = (Q_j^{-1} + H_j)^{-1}} is
 * a {@code d' x d'} matrix, and
 *
 * <pre>
 *   C = I + A M A^T = I + Y Y^T,  Y = [D_j X L_j^{-T}]_j,  Q_j^{-1} + H_j = L_j L_j^T,
 * </pre>
 *
 * one SYRK of {@code n x K d'} and one Cholesky: {@code O(K n d'^2 + n^2 K d' + n^3)} per iteration, memory
 * {@code O(n K d' + n^2)}. This is the route for instances whose arrangement is enumerated (small {@code d'}). Accuracy
 * near the optimum, where the scalings spread over many orders of magnitude, comes from three measures: the
 * {@code tau} elimination and {@code Q_j^{-1}} are written without cancellation, every block's and the {@code n x n}
 * factorization use a symmetric diagonal (Jacobi) scaling (with a tiny shift where rounding still breaks Cholesky),
 * and iterative refinement against the unreduced operator, kept while it reduces the residual.
 *
 * <p>Every iteration is certified by {@link ReluCertificate} from the iterate (strictly feasible), {@code lambda =
 * y - A u} and the multipliers {@code mu}; the method stops when that recomputed certificate closes, when the budget is
 * spent or when rounding stalls the steps or the certificate. Nothing passed in is modified.
 */
final class ConePrimalDual {
    private static final double BOUNDARY = 0.99;
    private static final double MIN_STEP = 1e-8;
    private static final double SHORT_STEP = 1e-2;
    private static final int MAX_SHORT = 3;
    private static final int MAX_WORSE = 3;
    private static final double ROUNDING_REGIME = 1e-7;
    private static final double START_MARGIN = 0.1;
    /** A corrected step shorter than this fraction of the affine one is replaced by a plainly centered step. */
    private static final double SAFEGUARD = 0.5;
    private static final double SAFE_CENTERING = 0.3;
    private static final int REFINEMENTS = 3;
    private static final double MIN_SHIFT = 1e-14;
    private static final double MAX_SHIFT = 1e-6;
    /** Largest fraction of the heap limit the work arrays ({@code n x K d'}, {@code n x n}, five {@code n x K}) take. */
    private static final double MEMORY_FRACTION = 0.5;

    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final DMatrixRMaj x;
    private final double[] y;
    private final double beta;
    private final int n;
    private final int d;
    private final int p;
    private final int k;
    /** {@code sign[row * K + j]}: {@code (2 D_j - I)_row}, 0 on all-zero rows of {@code X} (no constraint). */
    private final double[] sign;
    private final int constraints;
    private final DMatrixRMaj u;
    private final double[] tau;
    private final DMatrixRMaj z;
    private final double[] sg;
    private final DMatrixRMaj s;
    private final DMatrixRMaj mu;
    private final DMatrixRMaj buffer;
    private final DMatrixRMaj y2;
    private final DMatrixRMaj system;
    private final double[][][] factors;
    private final double[][] blockScales;
    private final ConeScaling scaling;
    private final double[] jacobi;
    private final DMatrixRMaj unfactored;

    private ConePrimalDual(ReluConvexProblem convex) {
        this.convex = convex;
        this.op = convex.operator();
        this.x = op.x();
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        this.n = x.numRows;
        this.d = x.numCols;
        this.p = convex.patterns().count();
        this.k = 2 * p;
        this.sign = new double[n * k];
        int rows = 0;
        for (int r = 0; r < n; r++) {
            boolean zero = true;
            for (int c = 0; c < d; c++) {
                zero &= x.data[r * d + c] == 0;
            }
            rows += zero ? 0 : 1;
            for (int j = 0; j < k; j++) {
                sign[r * k + j] = zero ? 0 : op.active(r, j % p) ? 1 : -1;
            }
        }
        this.constraints = rows * k;
        this.u = new DMatrixRMaj(d, k);
        this.tau = new double[k];
        this.z = new DMatrixRMaj(d, k);
        this.sg = new double[k];
        this.s = new DMatrixRMaj(n, k);
        this.mu = new DMatrixRMaj(n, k);
        this.buffer = new DMatrixRMaj(n, k);
        this.y2 = new DMatrixRMaj(n, k * d);
        this.system = new DMatrixRMaj(n, n);
        this.jacobi = new double[n];
        this.unfactored = new DMatrixRMaj(n, n);
        this.factors = new double[k][d][d];
        this.blockScales = new double[k][d];
        this.scaling = new ConeScaling(d, k);
    }

    /** Multiply-adds of one iteration: {@code K n d'^2 + n^2 K d' + n^3 / 3}. */
    static double work(ReluConvexProblem convex) {
        double n = convex.problem().samples();
        double d = convex.problem().featureCount();
        double k = 2.0 * convex.patterns().count();
        return k * n * d * d + n * n * k * d + n * n * n / 3;
    }

    /**
     * Whether the method applies: the cone problem with the squared loss, generators for every pattern, at most
     * {@code limit} work per iteration ({@link #work}) and the work arrays within a fraction of the heap limit.
     */
    static boolean applicable(ReluConvexProblem convex, double limit) {
        if (convex.gated() || convex.loss() != Losses.SQUARED || !convex.patterns().hasGenerators()
                || !(work(convex) <= limit)) {
            return false;
        }
        double n = convex.problem().samples();
        double d = convex.problem().featureCount();
        double k = 2.0 * convex.patterns().count();
        double bytes = 8 * (n * k * d + 2 * n * n + 10 * n * k + k * d * d);
        return bytes <= MEMORY_FRACTION * Runtime.getRuntime().maxMemory();
    }

    /**
     * Runs from a strictly feasible start until the recomputed certificate closes to the relative gap
     * {@code gapTarget} or {@code maxIterations} are spent; returns the best certified point, or {@code null} when the
     * generators are not strictly inside their cones.
     */
    static ReluInteriorPoint.Result solve(ReluConvexProblem convex, double gapTarget, int maxIterations,
                                          SolveListener listener) {
        ConePrimalDual m = new ConePrimalDual(convex);
        return m.start() ? m.run(gapTarget, maxIterations, listener) : null;
    }

    /**
     * {@code u_j = kappa c_j} with {@code c_j} the unit direction of pattern {@code j}'s cone centered from its
     * generator ({@link ConeCenter}; so {@code v_i = w_i}, {@code A u = 0}), {@code kappa = rms(y) / max ||x_k||},
     * {@code tau_j = ||u_j|| + kappa}, {@code mu = beta kappa / s} (centered linear pairs),
     * {@code z = A^T(A u - y) - G^T mu}, {@code sigma_j = (1 + margin) max(beta, ||z_j||)}; false when a generator is
     * not strictly inside its cone.
     */
    private boolean start() {
        double sy = 0;
        for (double v : y) {
            sy += v * v;
        }
        sy = Math.sqrt(sy / n);
        double sx = 0;
        for (double norm : ConeProjection.rowNorms(x)) {
            sx = Math.max(sx, norm);
        }
        if (!(sx > 0)) {
            return false;
        }
        double kappa = Math.max(sy, 1e-8) / sx;
        // Each pattern's cone centered once (ConeCenter), shared by its v and w blocks.
        double[][] centers = new double[p][];
        for (int j = 0; j < k; j++) {
            int i = j % p;
            if (centers[i] == null) {
                double[] g = convex.patterns().generator(i);
                double norm = 0;
                for (double v : g) {
                    norm += v * v;
                }
                if (!(norm > 0)) {
                    return false;
                }
                centers[i] = ConeCenter.direction(x, sign, k, i, g, sx);
            }
            for (int c = 0; c < d; c++) {
                u.data[c * k + j] = kappa * centers[i][c];
            }
            tau[j] = 2 * kappa;
        }
        constraintProducts(u, s);
        for (int i = 0; i < s.data.length; i++) {
            if (sign[i] == 0) {
                continue;
            }
            if (!(s.data[i] > 0)) {
                return false;
            }
            mu.data[i] = beta * kappa / s.data[i];
        }
        DMatrixRMaj zStart = dualResidualBase();
        System.arraycopy(zStart.data, 0, z.data, 0, z.data.length);
        double[] zz = ConeScaling.columnDots(z, z);
        for (int j = 0; j < k; j++) {
            sg[j] = (1 + START_MARGIN) * Math.max(beta, Math.sqrt(zz[j]));
        }
        return true;
    }

    private ReluInteriorPoint.Result run(double gapTarget, int maxIterations, SolveListener listener) {
        return CertifiedBest.drive(this::iterate, this::certify, "cone-primal-dual", ROUNDING_REGIME, MAX_WORSE,
                MIN_STEP, SHORT_STEP, MAX_SHORT, gapTarget, maxIterations, listener);
    }

    /** {@code A^T (A u - y) - G^T mu}, {@code d' x K}: the value {@code z} must take (dual feasibility). */
    private DMatrixRMaj dualResidualBase() {
        double[] res = forward(u);
        for (int r = 0; r < n; r++) {
            res[r] -= y[r];
        }
        DMatrixRMaj grad = op.adjointInto(res, buffer, new DMatrixRMaj(d, k));
        DMatrixRMaj gm = constraintAdjoint(mu);
        for (int i = 0; i < grad.data.length; i++) {
            grad.data[i] -= gm.data[i];
        }
        return grad;
    }

    /** One predictor-corrector iteration; returns the step taken (NaN when a system did not factor). */
    private double iterate() {
        DMatrixRMaj base = dualResidualBase();
        double[] r1 = new double[k];
        for (int j = 0; j < k; j++) {
            r1[j] = sg[j] - beta;
        }
        DMatrixRMaj r2 = new DMatrixRMaj(d, k);
        for (int i = 0; i < r2.data.length; i++) {
            r2.data[i] = z.data[i] - base.data[i];
        }
        if (!scaling.update(tau, u, sg, z) || !factor()) {
            return Double.NaN;
        }
        double gapSum = 0;
        for (double v : scaling.blockProducts(tau, u, sg, z)) {
            gapSum += v;
        }
        for (int i = 0; i < s.data.length; i++) {
            gapSum += s.data[i] * mu.data[i];
        }
        double mean = gapSum / (k + constraints);
        // Predictor.
        double[] xi0 = new double[k];
        DMatrixRMaj xi1 = new DMatrixRMaj(d, k);
        scaling.jordanSquare(xi0, xi1, -1);
        double[] xiL = new double[n * k];
        for (int i = 0; i < xiL.length; i++) {
            xiL[i] = -s.data[i] * mu.data[i];
        }
        Direction aff = direction(xi0, xi1, xiL, r1, r2);
        double aAff = Math.min(1, maxStep(aff));
        double affSum = scaling.productsAfterStep(aAff, tau, u, sg, z, aff.dTau, aff.du, aff.dSigma, aff.dz);
        for (int i = 0; i < s.data.length; i++) {
            affSum += (s.data[i] + aAff * aff.ds.data[i]) * (mu.data[i] + aAff * aff.dMu[i]);
        }
        double centering = Math.pow(Math.max(0, affSum) / gapSum, 3);
        // Corrector: the second-order terms of both cone kinds and the centering target.
        scaling.corrector(xi0, xi1, aff.dTau, aff.du, aff.dSigma, aff.dz, centering * mean);
        for (int i = 0; i < xiL.length; i++) {
            xiL[i] = sign[i] == 0 ? 0 : -s.data[i] * mu.data[i] - aff.ds.data[i] * aff.dMu[i] + centering * mean;
        }
        Direction dir = direction(xi0, xi1, xiL, r1, r2);
        double step = Math.min(1, BOUNDARY * maxStep(dir));
        if (!dir.finite()) {
            return Double.NaN;
        }
        if (step < SAFEGUARD * aAff) {
            // The second-order correction hurts (it can, far from the central path): a plainly centered Newton step.
            double target = Math.max(centering, SAFE_CENTERING) * mean;
            scaling.jordanSquare(xi0, xi1, -1);
            for (int j = 0; j < k; j++) {
                xi0[j] += target;
            }
            for (int i = 0; i < xiL.length; i++) {
                xiL[i] = sign[i] == 0 ? 0 : -s.data[i] * mu.data[i] + target;
            }
            Direction safe = direction(xi0, xi1, xiL, r1, r2);
            double safeStep = Math.min(1, BOUNDARY * maxStep(safe));
            if (safeStep > step) {
                dir = safe;
                step = safeStep;
            }
        }
        for (int j = 0; j < k; j++) {
            tau[j] += step * dir.dTau[j];
            sg[j] += step * dir.dSigma[j];
        }
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] += step * dir.du.data[i];
            z.data[i] += step * dir.dz.data[i];
        }
        for (int i = 0; i < s.data.length; i++) {
            s.data[i] += step * dir.ds.data[i];
            mu.data[i] += step * dir.dMu[i];
        }
        return step;
    }

    /** A search direction: primal {@code (dTau, du)} and slacks {@code ds = G du}, dual {@code (dSigma, dz, dMu)}. */
    private record Direction(double[] dTau, DMatrixRMaj du, DMatrixRMaj ds, double[] dSigma, DMatrixRMaj dz,
                             double[] dMu) {
        /** Whether every entry is finite (rounding can break a direction near the end). */
        boolean finite() {
            return allFinite(dTau) && allFinite(du.data) && allFinite(ds.data) && allFinite(dSigma)
                    && allFinite(dz.data) && allFinite(dMu);
        }

        private static boolean allFinite(double[] v) {
            for (double e : v) {
                if (!Double.isFinite(e)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Factors every block's {@code Q_j^{-1} + H_j = L_j L_j^T} and {@code C = I + Y Y^T}; false when a factorization
     * fails.
     */
    private boolean factor() {
        double[] eta = scaling.eta;
        DMatrixRMaj w1 = scaling.w1;
        double[] ww = ConeScaling.columnDots(w1, w1);
        double[] theta = new double[n];
        java.util.Arrays.fill(y2.data, 0);
        int kd = k * d;
        double[] xr = new double[d];
        for (int j = 0; j < k; j++) {
            double[][] f = factors[j];
            double e2 = eta[j] * eta[j];
            // Q^{-1} = eta^2 (I - h h^T + h h^T / (1 + 2 |w1|^2)), h = w1 / |w1| (no cancellation for large |w1|).
            double norm = Math.sqrt(ww[j]);
            double keep = 1 / (1 + 2 * ww[j]);
            for (int a = 0; a < d; a++) {
                double ha = norm > 0 ? w1.data[a * k + j] / norm : 0;
                for (int b = 0; b <= a; b++) {
                    double hb = norm > 0 ? w1.data[b * k + j] / norm : 0;
                    f[a][b] = e2 * ((a == b ? 1 : 0) - ha * hb + ha * hb * keep);
                }
            }
            for (int r = 0; r < n; r++) {
                int idx = r * k + j;
                theta[r] = sign[idx] == 0 ? 0 : mu.data[idx] / s.data[idx];
                double t = theta[r];
                if (t == 0) {
                    continue;
                }
                int row = r * d;
                for (int a = 0; a < d; a++) {
                    double xa = t * x.data[row + a];
                    for (int b = 0; b <= a; b++) {
                        f[a][b] += xa * x.data[row + b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                if (!Double.isFinite(f[a][a])) {
                    return false;
                }
            }
            // Per-block Jacobi scaling before the small Cholesky: M_j = S (S F S)^{-1} S.
            double[] sc = blockScales[j];
            for (int a = 0; a < d; a++) {
                sc[a] = 1 / Math.sqrt(f[a][a]);
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    f[a][b] *= sc[a] * sc[b];
                }
                f[a][a] += MIN_SHIFT;
            }
            SmallCholesky.factor(f);
            int pattern = j % p;
            for (int r = 0; r < n; r++) {
                if (!op.active(r, pattern)) {
                    continue;
                }
                for (int c = 0; c < d; c++) {
                    xr[c] = x.data[r * d + c] * sc[c];
                }
                forwardSolve(f, xr);
                System.arraycopy(xr, 0, y2.data, r * kd + j * d, d);
            }
        }
        Linalg linalg = Linalg.get();
        linalg.syrkLowerInto(y2, 1, 0, system);
        for (int r = 0; r < n; r++) {
            system.data[r * n + r] += 1;
        }
        return scaledCholesky(system, jacobi, unfactored);
    }

    /**
     * Cholesky of the lower triangle of {@code m} after symmetric diagonal (Jacobi) scaling {@code m <- S m S},
     * {@code S = diag(scale)} (the blocks' {@code eta^2} spread over many orders of magnitude). Near the optimum the
     * scaled matrix can still be singular to double precision (a block's {@code H_j} is huge along the rows its
     * neuron's hyperplane passes through): then a tiny diagonal shift, growing until Cholesky succeeds; the refinement
     * passes against the unshifted operator restore the direction. {@code copy} is scratch of {@code m}'s size.
     */
    private static boolean scaledCholesky(DMatrixRMaj m, double[] scale, DMatrixRMaj copy) {
        int size = m.numRows;
        for (int i = 0; i < size; i++) {
            double v = m.data[i * size + i];
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
            scale[i] = 1 / Math.sqrt(v);
        }
        for (int i = 0; i < size; i++) {
            int row = i * size;
            for (int l = 0; l <= i; l++) {
                m.data[row + l] *= scale[i] * scale[l];
            }
        }
        System.arraycopy(m.data, 0, copy.data, 0, m.data.length);
        Linalg linalg = Linalg.get();
        for (double shift = 0; shift <= MAX_SHIFT; shift = shift == 0 ? MIN_SHIFT : shift * 100) {
            if (shift > 0) {
                System.arraycopy(copy.data, 0, m.data, 0, m.data.length);
                for (int i = 0; i < size; i++) {
                    m.data[i * size + i] += shift;
                }
            }
            if (linalg.choleskyInPlace(m)) {
                return true;
            }
        }
        return false;
    }

    /** {@code v <- S (S m S)^{-1} S v} with the factor of {@link #scaledCholesky}, in place. */
    private static void scaledSolve(DMatrixRMaj factor, double[] scale, double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale[i];
        }
        Linalg.get().choleskySolveInPlace(factor, v);
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale[i];
        }
    }

    /** {@code v <- L^{-1} v} (lower triangular {@code L}). */
    private static void forwardSolve(double[][] l, double[] v) {
        for (int a = 0; a < v.length; a++) {
            double t = v[a];
            for (int b = 0; b < a; b++) {
                t -= l[a][b] * v[b];
            }
            v[a] = t / l[a][a];
        }
    }

    /** {@code v_j <- M_j v_j = (L_j L_j^T)^{-1} v_j} for every column of {@code v} ({@code d' x K}), in place. */
    private void applyM(DMatrixRMaj v) {
        double[] col = new double[d];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                col[c] = v.data[c * k + j];
            }
            double[] sc = blockScales[j];
            for (int c = 0; c < d; c++) {
                col[c] *= sc[c];
            }
            double[] sol = SmallCholesky.solveFactored(factors[j], col);
            for (int c = 0; c < d; c++) {
                v.data[c * k + j] = sol[c] * sc[c];
            }
        }
    }

    /**
     * Solves the Newton system for the complementarity right-hand sides {@code xi} (second-order cones, scaled space)
     * and {@code xiL} (linear pairs: {@code mu ds + s dmu = xiL}) and the dual residuals {@code r1, r2}; the dual
     * step uses {@code A du} recomputed from the refined {@code du}.
     */
    private Direction direction(double[] xi0, DMatrixRMaj xi1, double[] xiL, double[] r1, DMatrixRMaj r2) {
        double[] eta = scaling.eta;
        double[] w0 = scaling.w0;
        DMatrixRMaj w1 = scaling.w1;
        double[] v0 = new double[k];
        DMatrixRMaj v1 = new DMatrixRMaj(d, k);
        scaling.arrowSolve(xi0, xi1, v0, v1);
        double[] h0 = new double[k];
        DMatrixRMaj h1 = new DMatrixRMaj(d, k);
        scaling.applyW(v0, v1, h0, h1, false);
        DMatrixRMaj ratio = new DMatrixRMaj(n, k);
        for (int i = 0; i < xiL.length; i++) {
            ratio.data[i] = sign[i] == 0 ? 0 : xiL[i] / s.data[i];
        }
        DMatrixRMaj gRatio = constraintAdjoint(ratio);
        double[] c0 = new double[k];
        DMatrixRMaj c1 = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            c0[j] = h0[j] + r1[j];
        }
        for (int i = 0; i < c1.data.length; i++) {
            c1.data[i] = h1.data[i] + r2.data[i] + gRatio.data[i];
        }
        // Eliminate dTau from the first row of W^2 dx = c - (0, q) (W^2 = eta^2 (2 w w^T - J)): the Schur complement
        // is Q^{-1} and the right-hand side t = c1 - 2 w0 c0 w1 / (1 + 2 |w1|^2) carries no eta (no cancellation).
        double[] ww = ConeScaling.columnDots(w1, w1);
        DMatrixRMaj t = new DMatrixRMaj(d, k);
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < k; j++) {
                int idx = c * k + j;
                t.data[idx] = c1.data[idx] - 2 * w0[j] * c0[j] * w1.data[idx] / (1 + 2 * ww[j]);
            }
        }
        // du = (Q^{-1} + H + A^T A)^{-1} t, with iterative refinement against the unreduced operator, kept while it
        // reduces the residual.
        DMatrixRMaj du = reducedSolve(t);
        DMatrixRMaj res = reducedResidual(t, du, w1, eta);
        double norm = frobenius(res);
        for (int pass = 0; pass < REFINEMENTS && norm > 0; pass++) {
            DMatrixRMaj corr = reducedSolve(res);
            for (int i = 0; i < corr.data.length; i++) {
                corr.data[i] += du.data[i];
            }
            DMatrixRMaj next = reducedResidual(t, corr, w1, eta);
            double nextNorm = frobenius(next);
            if (!(nextNorm < norm)) {
                break;
            }
            du = corr;
            res = next;
            norm = nextNorm;
        }
        double[] a = forward(du);
        DMatrixRMaj ha = op.adjointInto(a, buffer, new DMatrixRMaj(d, k));
        DMatrixRMaj ds = constraintProducts(du, new DMatrixRMaj(n, k));
        DMatrixRMaj thetaDs = new DMatrixRMaj(n, k);
        for (int i = 0; i < ds.data.length; i++) {
            thetaDs.data[i] = sign[i] == 0 ? 0 : mu.data[i] / s.data[i] * ds.data[i];
        }
        // q = A^T A du + H du.
        DMatrixRMaj q = constraintAdjoint(thetaDs);
        for (int i = 0; i < q.data.length; i++) {
            q.data[i] += ha.data[i];
        }
        // dTau = (c0 - 2 eta^2 w0 w1.du) / (eta^2 (1 + 2 |w1|^2)).
        double[] wdu = ConeScaling.columnDots(w1, du);
        double[] dTau = new double[k];
        double[] dSigma = new double[k];
        for (int j = 0; j < k; j++) {
            double den = 1 + 2 * ww[j];
            dTau[j] = c0[j] / (eta[j] * eta[j] * den) - 2 * w0[j] * wdu[j] / den;
            dSigma[j] = -r1[j];
        }
        DMatrixRMaj dz = new DMatrixRMaj(d, k);
        for (int i = 0; i < dz.data.length; i++) {
            dz.data[i] = q.data[i] - gRatio.data[i] - r2.data[i];
        }
        double[] dMu = new double[n * k];
        for (int i = 0; i < dMu.length; i++) {
            dMu[i] = sign[i] == 0 ? 0 : (xiL[i] - mu.data[i] * ds.data[i]) / s.data[i];
        }
        return new Direction(dTau, du, ds, dSigma, dz, dMu);
    }

    /** {@code (Q^{-1} + H + A^T A)^{-1} t = M (t - A^T C^{-1} A M t)} ({@code t} not modified). */
    private DMatrixRMaj reducedSolve(DMatrixRMaj t) {
        DMatrixRMaj mt = t.copy();
        applyM(mt);
        double[] a = forward(mt);
        scaledSolve(system, jacobi, a);
        DMatrixRMaj ha = op.adjointInto(a, buffer, new DMatrixRMaj(d, k));
        DMatrixRMaj out = t.copy();
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] -= ha.data[i];
        }
        applyM(out);
        return out;
    }

    /** {@code t - (Q^{-1} + H + A^T A) v}. */
    private DMatrixRMaj reducedResidual(DMatrixRMaj t, DMatrixRMaj v, DMatrixRMaj w1, double[] eta) {
        DMatrixRMaj out = reducedApply(v, w1, eta);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = t.data[i] - out.data[i];
        }
        return out;
    }

    private static double frobenius(DMatrixRMaj m) {
        double sum = 0;
        for (double v : m.data) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** {@code (Q^{-1} + H + A^T A) v}, {@code d' x K}. */
    private DMatrixRMaj reducedApply(DMatrixRMaj v, DMatrixRMaj w1, double[] eta) {
        double[] ww = ConeScaling.columnDots(w1, w1);
        double[] wv = ConeScaling.columnDots(w1, v);
        DMatrixRMaj gv = constraintProducts(v, new DMatrixRMaj(n, k));
        for (int i = 0; i < gv.data.length; i++) {
            gv.data[i] = sign[i] == 0 ? 0 : mu.data[i] / s.data[i] * gv.data[i];
        }
        DMatrixRMaj out = constraintAdjoint(gv);
        double[] av = forward(v);
        DMatrixRMaj ha = op.adjointInto(av, buffer, new DMatrixRMaj(d, k));
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < k; j++) {
                int idx = c * k + j;
                double hv = ww[j] > 0 ? wv[j] / ww[j] : 0;
                out.data[idx] += ha.data[idx] + eta[j] * eta[j] * (v.data[idx] - w1.data[idx] * hv
                        + w1.data[idx] * hv / (1 + 2 * ww[j]));
            }
        }
        return out;
    }

    /** The largest step keeping every cone (second-order and linear) strictly feasible along {@code dir}. */
    private double maxStep(Direction dir) {
        double a = Math.min(scaling.coneStep(tau, u, dir.dTau, dir.du),
                scaling.coneStep(sg, z, dir.dSigma, dir.dz));
        for (int i = 0; i < s.data.length; i++) {
            if (sign[i] == 0) {
                continue;
            }
            if (dir.ds.data[i] < 0) {
                a = Math.min(a, -s.data[i] / dir.ds.data[i]);
            }
            if (dir.dMu[i] < 0) {
                a = Math.min(a, -mu.data[i] / dir.dMu[i]);
            }
        }
        return a;
    }

    /** {@code A v}, {@code n} entries (one GEMM). */
    private double[] forward(DMatrixRMaj v) {
        op.productsInto(v, buffer);
        double[] out = new double[n];
        op.forwardFromProducts(buffer, out);
        return out;
    }

    /** {@code [G_j v_j]_j} into {@code out} ({@code n x K}; one GEMM). */
    private DMatrixRMaj constraintProducts(DMatrixRMaj v, DMatrixRMaj out) {
        op.productsInto(v, out);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] *= sign[i];
        }
        return out;
    }

    /** {@code [G_j^T m_j]_j = [X^T (sign_j o m_j)]_j}, {@code d' x K} (one GEMM). */
    private DMatrixRMaj constraintAdjoint(DMatrixRMaj m) {
        for (int i = 0; i < m.data.length; i++) {
            buffer.data[i] = sign[i] * m.data[i];
        }
        return Linalg.get().multInto(x, true, buffer, false, new DMatrixRMaj(d, k));
    }

    private ReluInteriorPoint.Result certify(int iterations) {
        double[] r = forward(u);
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = y[i] - r[i];
        }
        ConvexReluWeights weights = convex.repair(ConvexReluWeights.ofBlocks(u.copy(), false));
        DMatrixRMaj m = mu.copy();
        return new ReluInteriorPoint.Result(weights, lambda, m, iterations,
                ReluCertificate.evaluate(convex, weights, lambda, m, new ReluCertificate.Options(0)));
    }
}

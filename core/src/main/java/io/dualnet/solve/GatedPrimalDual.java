package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.ScratchRetention;
import org.ejml.data.DMatrixRMaj;

/**
 * A primal-dual interior-point method (Mehrotra predictor-corrector with Nesterov-Todd scaling) for the gated-ReLU
 * program with the squared loss (paper 002 Appendix A; spec §1.3), written as a second-order cone QP:
 *
 * <pre>
 *   min  (1/2) ||A u - y||^2 + beta sum_j tau_j   s.t.  x_j = (tau_j, u_j) in K  (||u_j|| <= tau_j),
 *   dual slacks s_j = (sigma_j, z_j) in K,  sigma_j = beta,  z_j = A_j^T (A u - y),  x_j o s_j = mu e,
 * </pre>
 *
 * with {@code A = [D_1 X, ..., D_P X]} and the Jordan product {@code x o s = (x^T s, x_0 s_1 + s_0 x_1)}. Each
 * iteration solves the Newton system twice (predictor, corrector) with one factorization: with the NT scaling
 * {@code W_j^2 = eta_j^2 (2 w_j w_j^T - J)} the reduced weight of block {@code j} is
 * {@code (W_j^{-2})_{uu} = eta_j^{-2} (I + 2 w_{j1} w_{j1}^T)}, a scaled identity plus rank one, so the only dense
 * system is {@link GatedSystem}'s {@code n x n} {@code C = I + A M A^T}, and {@code A du = C^{-1} A g} comes out of the
 * same solve. Per iteration: one factorization ({@code O(n^2 P + n^3/3)}), about nine {@code n x d' x P} GEMMs. It
 * starts from a ridge fit (one more factorization) and takes 5-15 iterations, against 40-90 Newton steps of the primal
 * barrier method ({@link GatedInteriorPoint}), which needs several damped steps per barrier stage. The scaling and
 * the Jordan-algebra operations per block are {@link ConeScaling}'s.
 *
 * <p>After every iteration the dual point {@code lambda = y - A u} is certified by {@link ReluCertificate} (scaled
 * into the dual feasible set); the method stops when that recomputed certificate closes, when the iteration budget is
 * spent, or when the steps stall (rounding) or the certificate stops improving near double precision. Nothing passed
 * in is modified.
 */
final class GatedPrimalDual {
    private static final double BOUNDARY = 0.99;
    private static final double MIN_STEP = 1e-8;
    /** Steps shorter than this, {@link #MAX_SHORT} times in a row, mean rounding has stalled the method. */
    private static final double SHORT_STEP = 1e-2;
    private static final int MAX_SHORT = 2;
    private static final int MAX_WORSE = 3;
    private static final double ROUNDING_REGIME = 1e-6;
    /** Initial {@code sigma_j = (1 + START_MARGIN) max(beta, ||z_j||)}, strictly inside the cone. */
    private static final double START_MARGIN = 0.1;
    /** Smallest {@code tau_j - ||u_j||} of the starting point. */
    private static final double MIN_TAU_MARGIN = 1e-8;

    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final GatedSystem system;
    private final double[] y;
    private final double beta;
    private final int n;
    private final int d;
    private final int p;
    private final DMatrixRMaj masked;
    private final DMatrixRMaj buffer;
    private final DMatrixRMaj u;
    private final double[] tau;
    private final DMatrixRMaj z;
    private final double[] sigma;
    private final double[] r;
    /** The NT scaling per block: {@code eta_j}, {@code w_j} and the scaled point {@code lambda_j = W_j x_j}. */
    private final ConeScaling scaling;

    private GatedPrimalDual(ReluConvexProblem convex) {
        this.convex = convex;
        this.op = convex.operator();
        this.system = new GatedSystem(op);
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        this.n = system.n;
        this.d = system.d;
        this.p = system.p;
        this.masked = new DMatrixRMaj(n, p);
        this.buffer = new DMatrixRMaj(n, p);
        this.u = new DMatrixRMaj(d, p);
        this.tau = new double[p];
        this.z = new DMatrixRMaj(d, p);
        this.sigma = new double[p];
        this.r = new double[n];
        this.scaling = new ConeScaling(d, p);
    }

    /**
     * Whether the method applies: the gated problem with the squared loss, {@code n <= sampleLimit}, and its work
     * arrays ({@link GatedSystem} plus two {@code n x P}) within a fraction of the heap limit.
     */
    static boolean applicable(ReluConvexProblem convex, int sampleLimit) {
        int n = convex.problem().samples();
        double bytes = GatedSystem.bytes(n, convex.patterns().count(), convex.problem().featureCount(), 2);
        return convex.gated() && convex.loss() == Losses.SQUARED && n <= sampleLimit
                && bytes <= GatedInteriorPoint.MEMORY_FRACTION * Runtime.getRuntime().maxMemory();
    }

    /**
     * Runs from a ridge fit {@code u = A^T (I + A A^T)^{-1} y} ({@code tau_j = ||u_j||} plus the mean block norm;
     * {@code u = 0, tau = 1} if it does not factor) until the recomputed certificate closes to the relative gap
     * {@code gapTarget} or {@code maxIterations} are spent; returns the best certified point and reports every
     * improved certificate to {@code listener}.
     */
    static ReluInteriorPoint.Result solve(ReluConvexProblem convex, double gapTarget, int maxIterations,
                                          SolveListener listener) {
        // Every iteration refactors the n x n system: its native buffer is kept meanwhile.
        try (ScratchRetention retained = Linalg.get().retainScratch()) {
            return new GatedPrimalDual(convex).run(gapTarget, maxIterations, listener);
        }
    }

    private ReluInteriorPoint.Result run(double gapTarget, int maxIterations, SolveListener listener) {
        // Start (as Mehrotra's heuristic does) from a least-squares fit rather than from zero: near interpolation the
        // dual slacks z = A^T (A u - y) are then small, and the infeasible start needs fewer iterations to shed them.
        if (ridgeStart()) {
            double[] norms = system.columnDots(u, u);
            double mean = 0;
            for (double v : norms) {
                mean += Math.sqrt(v) / p;
            }
            for (int j = 0; j < p; j++) {
                tau[j] = Math.sqrt(norms[j]) + Math.max(mean, MIN_TAU_MARGIN);
            }
        } else {
            java.util.Arrays.fill(u.data, 0);
            java.util.Arrays.fill(tau, 1);
        }
        refreshResidual();
        DMatrixRMaj grad = gradient();
        double[] gradNorms = system.columnDots(grad, grad);
        System.arraycopy(grad.data, 0, z.data, 0, grad.data.length);
        for (int j = 0; j < p; j++) {
            sigma[j] = (1 + START_MARGIN) * Math.max(beta, Math.sqrt(gradNorms[j]));
        }
        return CertifiedBest.drive(this::iterate, this::certify, "gated-primal-dual", ROUNDING_REGIME, MAX_WORSE,
                MIN_STEP, SHORT_STEP, MAX_SHORT, gapTarget, maxIterations, listener);
    }

    /** {@code u = A^T (I + A A^T)^{-1} y} (a ridge fit, one factorization); false when it does not factor. */
    private boolean ridgeStart() {
        double[] ones = new double[p];
        java.util.Arrays.fill(ones, 1);
        if (!system.factor(ones, null, null)) {
            return false;
        }
        double[] v = y.clone();
        system.solveInPlace(v);
        op.adjointInto(v, buffer, u);
        return true;
    }

    /** One predictor-corrector iteration; returns the step taken (NaN when the system did not factor). */
    private double iterate() {
        DMatrixRMaj grad = gradient();
        // Residuals of the dual equalities: R1 = sigma - beta, R2 = z - A^T (A u - y).
        double[] r1 = new double[p];
        for (int j = 0; j < p; j++) {
            r1[j] = sigma[j] - beta;
        }
        DMatrixRMaj r2 = new DMatrixRMaj(d, p);
        for (int i = 0; i < r2.data.length; i++) {
            r2.data[i] = z.data[i] - grad.data[i];
        }
        if (!scaling.update(tau, u, sigma, z)) {
            return Double.NaN;
        }
        double[] eta = scaling.eta;
        double[] bScale = new double[p];
        for (int j = 0; j < p; j++) {
            bScale[j] = 1 / eta[j];
        }
        op.productsInto(scaling.w1, buffer);
        system.maskColumns(buffer);
        for (int k = 0; k < n; k++) {
            int row = k * p;
            for (int j = 0; j < p; j++) {
                buffer.data[row + j] *= Math.sqrt(2) / eta[j];
            }
        }
        if (!system.factor(bScale, buffer, null)) {
            return Double.NaN;
        }
        double mu = 0;
        double[] xs = scaling.blockProducts(tau, u, sigma, z);
        for (double v : xs) {
            mu += v;
        }
        mu /= p;
        // Predictor: xi = -lambda o lambda.
        double[] xi0 = new double[p];
        DMatrixRMaj xi1 = new DMatrixRMaj(d, p);
        scaling.jordanSquare(xi0, xi1, -1);
        Direction aff = direction(xi0, xi1, r1, r2, false);
        double aAff = Math.min(1, maxStep(aff));
        double muAff = scaling.productsAfterStep(aAff, tau, u, sigma, z, aff.dTau, aff.du, aff.dSigma, aff.dz) / p;
        double centering = Math.pow(Math.max(0, muAff) / mu, 3);
        // Corrector: xi = -lambda o lambda - (W^{-1} ds_aff) o (W dx_aff) + centering mu e.
        scaling.corrector(xi0, xi1, aff.dTau, aff.du, aff.dSigma, aff.dz, centering * mu);
        Direction dir = direction(xi0, xi1, r1, r2, true);
        double step = Math.min(1, BOUNDARY * maxStep(dir));
        for (int j = 0; j < p; j++) {
            tau[j] += step * dir.dTau[j];
            sigma[j] += step * dir.dSigma[j];
        }
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] += step * dir.du.data[i];
            z.data[i] += step * dir.dz.data[i];
        }
        // r = A u is recomputed from u by the certificate that follows every iteration.
        return step;
    }

    /** A search direction: primal {@code (dTau, du)}, dual {@code (dSigma, dz)}. */
    private record Direction(double[] dTau, DMatrixRMaj du, double[] dSigma, DMatrixRMaj dz) {
    }

    /**
     * Solves the Newton system for the complementarity right-hand side {@code xi} (scaled space) and the dual
     * residuals {@code r1, r2}: {@code dx = W^{-2} (c - (0, A_j^T A du))} with {@code c = W (lambda \ xi) + (r1, r2)},
     * and the dual step from the dual equalities, {@code ds = (-r1, A_j^T A du - r2)} ({@code exact}: with {@code A du}
     * recomputed from {@code du}, for the step actually taken).
     */
    private Direction direction(double[] xi0, DMatrixRMaj xi1, double[] r1, DMatrixRMaj r2, boolean exact) {
        double[] eta = scaling.eta;
        double[] w0 = scaling.w0;
        DMatrixRMaj w1 = scaling.w1;
        double[] v0 = new double[p];
        DMatrixRMaj v1 = new DMatrixRMaj(d, p);
        scaling.arrowSolve(xi0, xi1, v0, v1);
        double[] h0 = new double[p];
        DMatrixRMaj h1 = new DMatrixRMaj(d, p);
        scaling.applyW(v0, v1, h0, h1, false);
        double[] c0 = new double[p];
        DMatrixRMaj c1 = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            c0[j] = h0[j] + r1[j];
        }
        for (int i = 0; i < c1.data.length; i++) {
            c1.data[i] = h1.data[i] + r2.data[i];
        }
        // g = W^{-2} c = eta^{-2} (2 (w0 c0 - w1.c1) (w0, -w1) - (c0, -c1)).
        double[] wc = system.columnDots(w1, c1);
        double[] g0 = new double[p];
        DMatrixRMaj g1 = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            double e2 = 1 / (eta[j] * eta[j]);
            double k = w0[j] * c0[j] - wc[j];
            g0[j] = e2 * (2 * w0[j] * k - c0[j]);
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                double e2 = 1 / (eta[j] * eta[j]);
                g1.data[idx] = e2 * (-2 * w1.data[idx] * (w0[j] * c0[j] - wc[j]) + c1.data[idx]);
            }
        }
        // du = g1 - M A^T C^{-1} A g1, and A du = C^{-1} A g1.
        double[] dr = new double[n];
        op.productsInto(g1, buffer);
        op.forwardFromProducts(buffer, dr);
        system.solveInPlace(dr);
        DMatrixRMaj h = op.adjointInto(dr, buffer, new DMatrixRMaj(d, p));
        double[] wh = system.columnDots(w1, h);
        double[] dTau = new double[p];
        DMatrixRMaj du = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            dTau[j] = g0[j] + 2 * w0[j] * wh[j] / (eta[j] * eta[j]);
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                du.data[idx] = g1.data[idx] - (h.data[idx] + 2 * w1.data[idx] * wh[j]) / (eta[j] * eta[j]);
            }
        }
        // The dual step from the dual equalities, exactly (ds = W (lambda \ xi) - W^2 dx holds as well, but
        // eta^2 is huge on vanishing blocks and that form would lose every digit there):
        // dSigma = -r1, dz = A_j^T A du - r2. For the step taken, A du is recomputed from du (two more GEMMs): the
        // solve's A du = C^{-1} A g drifts from du's as C grows ill-conditioned, and z would drift from A^T (A u - y).
        if (exact) {
            op.productsInto(du, buffer);
            op.forwardFromProducts(buffer, dr);
            h = op.adjointInto(dr, buffer, h);
        }
        double[] dSigma = new double[p];
        DMatrixRMaj dz = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            dSigma[j] = -r1[j];
        }
        for (int i = 0; i < dz.data.length; i++) {
            dz.data[i] = h.data[i] - r2.data[i];
        }
        return new Direction(dTau, du, dSigma, dz);
    }

    /** The largest step keeping both {@code x + a dx} and {@code s + a ds} in their cones. */
    private double maxStep(Direction dir) {
        double a = Double.POSITIVE_INFINITY;
        a = Math.min(a, scaling.coneStep(tau, u, dir.dTau, dir.du));
        a = Math.min(a, scaling.coneStep(sigma, z, dir.dSigma, dir.dz));
        return a;
    }

    /** {@code A^T (A u - y)}, {@code d x P}. */
    private DMatrixRMaj gradient() {
        double[] res = new double[n];
        for (int k = 0; k < n; k++) {
            res[k] = r[k] - y[k];
        }
        return op.adjointInto(res, buffer, new DMatrixRMaj(d, p));
    }

    /** {@code r = A u} from scratch (one GEMM). */
    private void refreshResidual() {
        op.productsInto(u, masked);
        system.maskColumns(masked);
        system.rowSums(masked, r);
    }

    private ReluInteriorPoint.Result certify(int iterations) {
        refreshResidual();
        double[] lambda = new double[n];
        for (int k = 0; k < n; k++) {
            lambda[k] = y[k] - r[k];
        }
        ConvexReluWeights weights = ConvexReluWeights.ofBlocks(u.copy(), true);
        return new ReluInteriorPoint.Result(weights, lambda, null, iterations,
                ReluCertificate.evaluate(convex, weights, lambda, null, new ReluCertificate.Options(0)));
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Loss;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.ScratchRetention;
import org.ejml.data.DMatrixRMaj;

/**
 * A barrier method for the gated-ReLU program with a smooth loss (paper 002 Appendix A; spec §1.3)
 *
 * <pre>
 *   min_U  l( sum_j D_j X u_j, y ) + beta sum_j ||u_j||_2
 * </pre>
 *
 * at sizes where first-order methods crawl (weak regularization, where the optimum nearly interpolates and the
 * problem is as ill-conditioned as basis pursuit). For increasing {@code t} it minimizes
 * {@code F_t = t (l(r) + beta sum_j tau_j) - sum_j log(tau_j^2 - ||u_j||^2)}, {@code r = A(U) = sum_j D_j X u_j}, by
 * damped Newton steps. With {@code tau} eliminated each block's barrier Hessian has the explicit inverse
 * {@code S_j^{-1} = (delta_j / 2) I + u_j u_j^T} ({@code delta_j = tau_j^2 - ||u_j||^2}), so by the Woodbury identity
 * the only dense system is {@code n x n}:
 *
 * <pre>
 *   C = I + diag(s) (A S^{-1} A^T) diag(s),   s = sqrt(t l''(r)),
 *   A S^{-1} A^T = (X X^T) o (B B^T) + Z Z^T,  B = [D_j 1 sqrt(delta_j / 2)],  Z = [D_j X u_j]   (o: Hadamard)
 * </pre>
 *
 * formed by two {@code n x n x P} SYRKs and factored by Cholesky ({@link GatedSystem}):
 * {@code O(n^2 P + n^3 / 3)} per step, four {@code n x d' x P} GEMMs, memory two {@code n x n} and three
 * {@code n x P} doubles. No {@code (Pd') x (Pd')} matrix is ever formed.
 *
 * <p>At every centered point the dual point {@code lambda = -l'(r)} is certified by {@link ReluCertificate} (scaled
 * into the dual feasible set; gap close to {@code 2P / t} on the central path); the method stops as soon as that
 * recomputed certificate closes, when the budget of Newton steps is spent, or when rounding stalls the steps or makes
 * the certificate worse twice in a row (in double precision this happens around relative gaps of {@code 1e-8} to
 * {@code 1e-10}; callers continue from the best point with a first-order method). Nothing passed in is modified.
 */
final class GatedInteriorPoint {
    /** Largest fraction of the heap limit the dense work arrays of the second-order gated routes may take. */
    static final double MEMORY_FRACTION = 0.6;
    private static final double GROWTH = 30;
    private static final double CENTERED = 1;
    private static final double ARMIJO = 0.01;
    private static final double BOUNDARY = 0.99;
    private static final int MAX_HALVINGS = 60;
    private static final int MAX_STALLS = 3;
    private static final int MAX_WORSE = 2;
    private static final double ROUNDING_REGIME = 1e-6;

    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final Loss loss;
    private final double[] y;
    private final double beta;
    private final int n;
    private final int d;
    private final int p;
    private final GatedSystem system;
    private final DMatrixRMaj masked;
    private final DMatrixRMaj buffer;
    private final DMatrixRMaj u;
    private final double[] tau;
    private final double[] r;
    private double t;

    private GatedInteriorPoint(ReluConvexProblem convex) {
        this.convex = convex;
        this.op = convex.operator();
        this.loss = convex.loss();
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        DMatrixRMaj x = op.x();
        this.n = x.numRows;
        this.d = x.numCols;
        this.p = convex.patterns().count();
        this.system = new GatedSystem(op);
        this.masked = new DMatrixRMaj(n, p);
        this.buffer = new DMatrixRMaj(n, p);
        this.u = new DMatrixRMaj(d, p);
        this.tau = new double[p];
        this.r = new double[n];
    }

    /**
     * Whether the method applies: the gated problem, a twice-differentiable loss, {@code n <= sampleLimit}, and its
     * two {@code n x n} and three {@code n x P} work arrays within a fraction of the heap limit.
     */
    static boolean applicable(ReluConvexProblem convex, int sampleLimit) {
        int n = convex.problem().samples();
        double bytes = GatedSystem.bytes(n, convex.patterns().count(), convex.problem().featureCount(), 2);
        return convex.gated() && Double.isFinite(convex.loss().smoothness()) && n <= sampleLimit
                && bytes <= MEMORY_FRACTION * Runtime.getRuntime().maxMemory();
    }

    /**
     * Follows the central path from {@code U = 0}, {@code tau = 1} until the recomputed certificate closes to the
     * relative gap {@code gapTarget} or {@code maxSteps} Newton steps are spent; returns the best certified point.
     * Reports every improved certificate to {@code listener}.
     */
    static ReluInteriorPoint.Result solve(ReluConvexProblem convex, double gapTarget, int maxSteps,
                                          SolveListener listener) {
        // Every Newton step refactors the n x n system: its native buffer is kept meanwhile.
        try (ScratchRetention retained = Linalg.get().retainScratch()) {
            GatedInteriorPoint m = new GatedInteriorPoint(convex);
            java.util.Arrays.fill(m.tau, 1);
            m.refreshProducts();
            m.t = 2.0 * m.p / Math.max(1e-12, Math.abs(m.loss.value(m.r, m.y) + m.beta * m.p));
            return m.run(gapTarget, maxSteps, listener);
        }
    }

    /**
     * {@link #solve} from the blocks {@code start} of a point whose certified gap is {@code gap > 0} (e.g. the best
     * point of {@link GatedPrimalDual}, when rounding stops it first): {@code t = 2P / gap}, and each
     * {@code tau_j = 1/(t beta) + sqrt(1/(t beta)^2 + ||u_j||^2)}, the centered value for {@code u_j} at that
     * {@code t}. {@code start} is not modified.
     */
    static ReluInteriorPoint.Result solveFrom(ReluConvexProblem convex, ConvexReluWeights start, double gap,
                                              double gapTarget, int maxSteps, SolveListener listener) {
        try (ScratchRetention retained = Linalg.get().retainScratch()) {
            GatedInteriorPoint m = new GatedInteriorPoint(convex);
            System.arraycopy(start.blocksView().data, 0, m.u.data, 0, m.u.data.length);
            m.t = 2.0 * m.p / gap;
            double[] norm2 = m.columnSquares(m.u);
            double a = 1 / (m.t * m.beta);
            for (int j = 0; j < m.p; j++) {
                m.tau[j] = a + Math.sqrt(a * a + norm2[j]);
            }
            m.refreshProducts();
            return m.run(gapTarget, maxSteps, listener);
        }
    }

    private ReluInteriorPoint.Result run(double gapTarget, int maxSteps, SolveListener listener) {
        CertifiedBest best = new CertifiedBest(ROUNDING_REGIME, MAX_WORSE);
        int steps = 0;
        int stalls = 0;
        while (steps < maxSteps && stalls < MAX_STALLS) {
            steps++;
            double decrement = newtonStep();
            boolean stalled = Double.isNaN(decrement);
            if (stalled) {
                // Rounding: the system did not factor or no step decreased F_t. Certify what we have; recompute
                // the products from scratch in case the running updates drifted.
                stalls++;
                refreshProducts();
            } else {
                stalls = 0;
            }
            if (stalled || decrement <= CENTERED) {
                if (best.offer(certify(steps))) {
                    listener.progress("gated-interior-point", steps, best.best().certificate().certificate().primal(),
                            best.best().certificate().certificate().dual());
                }
                // Rounding takes over near double precision (the gradient t l' + barrier terms cancels ever more
                // digits).
                if (best.stalled() || best.closes(gapTarget)) {
                    break;
                }
                if (!stalled) {
                    t *= GROWTH;
                }
            }
        }
        return best.best() != null ? best.best() : certify(steps);
    }

    /** {@code masked = M o (X U)} and {@code r = A(U)} from scratch (one GEMM). */
    private void refreshProducts() {
        op.productsInto(u, masked);
        system.maskColumns(masked);
        system.rowSums(masked, r);
    }

    /**
     * One damped Newton step on {@code F_t}; returns the Newton decrement {@code lambda^2 / 2 = -slope / 2}, or NaN
     * when the system could not be factored or no step decreased {@code F_t}.
     */
    private double newtonStep() {
        double[] gamma = new double[n];
        double[] w = new double[n];
        loss.gradient(r, y, gamma);
        loss.secondDerivative(r, y, w);
        DMatrixRMaj grad = op.adjointInto(gamma, buffer, new DMatrixRMaj(d, p));
        double[] norm2 = columnSquares(u);
        double[] delta = new double[p];
        double[] gTau = new double[p];
        DMatrixRMaj gU = new DMatrixRMaj(d, p);
        DMatrixRMaj q = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            delta[j] = (tau[j] - Math.sqrt(norm2[j])) * (tau[j] + Math.sqrt(norm2[j]));
            gTau[j] = t * beta - 2 * tau[j] / delta[j];
        }
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < p; j++) {
                int idx = a * p + j;
                gU.data[idx] = t * grad.data[idx] + 2 * u.data[idx] / delta[j];
                // Reduced right-hand side with tau eliminated: -g_u - 2 tau u g_tau / (tau^2 + |u|^2).
                q.data[idx] = -gU.data[idx] - 2 * tau[j] * u.data[idx] * gTau[j] / (tau[j] * tau[j] + norm2[j]);
            }
        }
        applyBlockInverse(q, delta);
        double[] aq = new double[n];
        op.productsInto(q, buffer);
        op.forwardFromProducts(buffer, aq);
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = Math.sqrt(Math.max(0, t * w[k]));
        }
        double[] half = new double[p];
        for (int j = 0; j < p; j++) {
            half[j] = Math.sqrt(0.5 * delta[j]);
        }
        if (!system.factor(half, masked, s)) {
            return Double.NaN;
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = s[k] * aq[k];
            if (!Double.isFinite(v[k])) {
                return Double.NaN;
            }
        }
        system.solveInPlace(v);
        for (int k = 0; k < n; k++) {
            v[k] *= s[k];
        }
        DMatrixRMaj h = op.adjointInto(v, buffer, new DMatrixRMaj(d, p));
        applyBlockInverse(h, delta);
        DMatrixRMaj du = q;
        for (int i = 0; i < du.data.length; i++) {
            du.data[i] -= h.data[i];
        }
        double[] dTau = new double[p];
        double[] dots = system.columnDots(u, du);
        for (int j = 0; j < p; j++) {
            dTau[j] = (-gTau[j] * delta[j] * delta[j] + 4 * tau[j] * dots[j]) / (2 * (tau[j] * tau[j] + norm2[j]));
        }
        double slope = 0;
        for (int i = 0; i < du.data.length; i++) {
            slope += gU.data[i] * du.data[i];
        }
        for (int j = 0; j < p; j++) {
            slope += gTau[j] * dTau[j];
        }
        if (!(slope < 0)) {
            return Double.NaN;
        }
        op.productsInto(du, buffer);
        system.maskColumns(buffer);
        double[] dr = new double[n];
        system.rowSums(buffer, dr);
        double step = lineSearch(slope, dr, du, dTau, norm2, dots, delta);
        if (step == 0) {
            return Double.NaN;
        }
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] += step * du.data[i];
        }
        for (int j = 0; j < p; j++) {
            tau[j] += step * dTau[j];
        }
        for (int i = 0; i < masked.data.length; i++) {
            masked.data[i] += step * buffer.data[i];
        }
        for (int k = 0; k < n; k++) {
            r[k] += step * dr[k];
        }
        return -slope / 2;
    }

    /**
     * Backtracking on {@code F_t} along the direction from the largest step keeping every {@code tau_j > ||u_j||}
     * (times {@link #BOUNDARY}); block norms along the line come from the quadratic {@code delta_j(a)}. Returns 0 when
     * no step decreases {@code F_t}.
     */
    private double lineSearch(double slope, double[] dr, DMatrixRMaj du, double[] dTau, double[] norm2,
                              double[] dots, double[] delta) {
        double[] dNorm2 = columnSquares(du);
        double maxStep = 1 / BOUNDARY;
        for (int j = 0; j < p; j++) {
            maxStep = Math.min(maxStep, ConeScaling.blockStep(tau[j], dTau[j], delta[j], dots[j], dNorm2[j]));
        }
        double step = Math.min(1, BOUNDARY * maxStep);
        double f0 = barrierAlong(0, dr, dTau, dNorm2, dots, delta);
        boolean pure = -slope / 2 <= CENTERED;
        for (int i = 0; i < MAX_HALVINGS; i++, step *= 0.5) {
            double f = barrierAlong(step, dr, dTau, dNorm2, dots, delta);
            if (pure ? f < Double.POSITIVE_INFINITY : f <= f0 + ARMIJO * step * slope) {
                return step;
            }
        }
        return 0;
    }

    /** {@code F_t} at step {@code a} along the direction ({@code +inf} outside the cones). */
    private double barrierAlong(double a, double[] dr, double[] dTau, double[] dNorm2, double[] dots, double[] delta) {
        double[] ra = new double[n];
        for (int k = 0; k < n; k++) {
            ra[k] = r[k] + a * dr[k];
        }
        double sumTau = 0;
        double logs = 0;
        for (int j = 0; j < p; j++) {
            double ta = tau[j] + a * dTau[j];
            double da = delta[j] + 2 * a * (tau[j] * dTau[j] - dots[j]) + a * a * (dTau[j] * dTau[j] - dNorm2[j]);
            if (!(ta > 0) || !(da > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            sumTau += ta;
            logs += Math.log(da);
        }
        double f = t * (loss.value(ra, y) + beta * sumTau) - logs;
        return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }

    /** The smallest positive root of {@code qa x^2 + qb x + c} with {@code c > 0} ({@code +inf} when none). */
    static double firstPositiveRoot(double qa, double qb, double c) {
        if (qa == 0) {
            return qb < 0 ? -c / qb : Double.POSITIVE_INFINITY;
        }
        double disc = qb * qb - 4 * qa * c;
        if (disc < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double sq = Math.sqrt(disc);
        // Numerically stable pair of roots; c > 0 means that with qa < 0 exactly one root is positive.
        double qq = -0.5 * (qb + Math.copySign(sq, qb));
        double r1 = qq / qa;
        double r2 = qq == 0 ? Double.POSITIVE_INFINITY : c / qq;
        double best = Double.POSITIVE_INFINITY;
        if (r1 > 0) {
            best = r1;
        }
        if (r2 > 0) {
            best = Math.min(best, r2);
        }
        return best;
    }

    /** {@code g_j <- S_j^{-1} g_j = (delta_j / 2) g_j + u_j (u_j . g_j)} for every column, in place. */
    private void applyBlockInverse(DMatrixRMaj g, double[] delta) {
        double[] dots = system.columnDots(u, g);
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < p; j++) {
                int idx = a * p + j;
                g.data[idx] = 0.5 * delta[j] * g.data[idx] + u.data[idx] * dots[j];
            }
        }
    }

    private double[] columnSquares(DMatrixRMaj a) {
        return system.columnDots(a, a);
    }

    private ReluInteriorPoint.Result certify(int steps) {
        double[] lambda = new double[n];
        loss.gradient(r, y, lambda);
        for (int k = 0; k < n; k++) {
            lambda[k] = -lambda[k];
        }
        ConvexReluWeights weights = ConvexReluWeights.ofBlocks(u.copy(), true);
        return new ReluInteriorPoint.Result(weights, lambda, null, steps,
                ReluCertificate.evaluate(convex, weights, lambda, null, new ReluCertificate.Options(0)));
    }
}

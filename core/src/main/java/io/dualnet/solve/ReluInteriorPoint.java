package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import org.ejml.data.DMatrixRMaj;

/**
 * A barrier (interior-point) method for small convex ReLU programs (spec §1.3), used where first-order methods
 * converge slowly: degenerate optima (neuron hyperplanes through data points make cone constraints active), the
 * non-smooth hinge loss, and certificates to {@code 1e-10}. It minimizes, for increasing {@code t},
 *
 * <pre>
 *   t (l(r) + beta sum_j tau_j) - sum_j log(tau_j^2 - ||b_j||^2) - sum_{j,k} log((2D_j - I)_k x_k^T b_j)
 * </pre>
 *
 * with {@code r = sum_j +-D_j X b_j} (the last sum only for the cone problem, over non-zero rows; the hinge loss by
 * its epigraph {@code e >= 0, e >= 1 - y r}, which limits the barrier's own accuracy to about {@code 1e-5}: its
 * curvature at margin samples grows like {@code t^2} and rounding takes over; {@link HingePolish} then solves the KKT
 * system of the structure the barrier identified, which usually closes the gap to rounding). Newton steps exploit the structure: the barrier
 * Hessian is block diagonal ({@code (d'+1)^2} per block) and the loss couples blocks only through the {@code n}
 * predictions, so the
 * Woodbury identity leaves an {@code n x n} system: {@code O(K n d'^2 + n^3)} per step, no {@code (Kd') x (Kd')}
 * matrix. On the central path {@code lambda = -grad l(r)} and {@code mu_jk = 1 / (t (2D_j - I)_k x_k^T b_j)} are dual
 * feasible with gap {@code nu / t}, so the result carries its own multipliers. Starts from the patterns' generators
 * (interior directions), so it needs them. Nothing passed in is modified.
 */
final class ReluInteriorPoint {
    private static final double CENTERING_TOL = 1e-9;
    private static final int MAX_CENTERING = 50;
    private static final double GROWTH = 20;
    private static final int MAX_NEWTON = 600;
    private static final double PURE_PHASE = 0.0625;
    private static final double CERTIFY_FROM = 1e-3;
    /** Certificates in a row no better than the best that stop the method (rounding). */
    private static final int MAX_WORSE = 2;

    /**
     * What the method returns.
     *
     * @param weights the final (strictly feasible) blocks
     * @param lambda the dual point
     * @param multipliers cone only: {@code n x 2P} multipliers {@code mu >= 0}, else {@code null}
     * @param newtonSteps Newton steps taken
     * @param certificate the certificate recomputed from these points (multipliers as given, no refinement)
     */
    record Result(ConvexReluWeights weights, double[] lambda, DMatrixRMaj multipliers, int newtonSteps,
                  ReluCertificate certificate) {
        double gap() {
            double g = certificate.certificate().gap();
            return Double.isNaN(g) ? Double.POSITIVE_INFINITY : g;
        }
    }

    private final ReluConvexProblem convex;
    private final IpmPoint point;

    private ReluInteriorPoint(ReluConvexProblem convex) {
        this.convex = convex;
        this.point = new IpmPoint(convex);
    }

    /** {@code K n (d'+1)^2}: the cost of one Newton step, in multiply-adds. */
    static double work(ReluConvexProblem convex) {
        double q = convex.problem().featureCount() + 1.0;
        return (double) convex.blockCount() * convex.problem().samples() * q * q;
    }

    /** Whether the method applies: every pattern has a generator and the work is at most {@code limit}. */
    static boolean applicable(ReluConvexProblem convex, double limit) {
        return limit > 0 && work(convex) <= limit && convex.patterns().hasGenerators();
    }

    /**
     * Follows the central path until the certificate recomputed from the central point (its {@code lambda} and
     * barrier multipliers) closes to {@code gapTarget}, or rounding makes it worse twice in a row; returns the best
     * point (for the hinge loss, the better of it and its {@link HingePolish active-set polish}), or {@code null} when
     * the generators are not strictly inside their cones.
     */
    static Result solve(ReluConvexProblem convex, double gapTarget) {
        Result r = barrier(convex, gapTarget);
        return r != null && Double.isInfinite(convex.loss().smoothness())
                && !r.certificate().certificate().closes(0, gapTarget) ? HingePolish.improve(convex, r, gapTarget) : r;
    }

    /** {@link #solve} without the hinge polish: the barrier method's own best point. */
    static Result barrier(ReluConvexProblem convex, double gapTarget) {
        ReluInteriorPoint m = new ReluInteriorPoint(convex);
        return m.point.start() ? m.run(gapTarget) : null;
    }

    private Result run(double gapTarget) {
        int steps = 0;
        IpmNewton newton = new IpmNewton(point.n, point.d, point.k);
        CertifiedBest best = new CertifiedBest(Double.POSITIVE_INFINITY, MAX_WORSE);
        while (steps < MAX_NEWTON && !best.stalled()) {
            boolean centered = false;
            for (int c = 0; c < MAX_CENTERING && !centered && steps < MAX_NEWTON; c++) {
                steps++;
                centered = newtonStep(newton);
            }
            double f = point.objective(point.predictions(point.b), point.tau, point.e);
            if (point.nu() / point.t <= CERTIFY_FROM * Math.abs(f)) {
                best.offer(result(steps));
                if (best.closes(gapTarget)) {
                    break;
                }
            }
            point.t *= GROWTH;
        }
        return best.best() != null ? best.best() : result(steps);
    }

    /** One damped Newton step; true when the decrement says the point is centered. */
    private boolean newtonStep(IpmNewton s) {
        double[] r = point.predictions(point.b);
        double[] w = new double[point.n];
        double[] gamma = new double[point.n];
        double[] ge = point.hinge ? new double[point.n] : null;
        double[] her = point.hinge ? new double[point.n] : null;
        double[] hee = point.hinge ? new double[point.n] : null;
        if (point.hinge) {
            // Epigraph e >= 0, e >= 1 - y r, eliminated per sample: curvature 1/(a^2 + c^2) in r.
            for (int i = 0; i < point.n; i++) {
                double a = point.e[i];
                double c = point.e[i] - 1 + point.y[i] * r[i];
                ge[i] = point.t - 1 / a - 1 / c;
                hee[i] = 1 / (a * a) + 1 / (c * c);
                her[i] = point.y[i] / (c * c);
                w[i] = 1 / (a * a + c * c);
                gamma[i] = -point.y[i] / c - her[i] * ge[i] / hee[i];
            }
        } else {
            point.loss.gradient(r, point.y, gamma);
            point.loss.secondDerivative(r, point.y, w);
            for (int i = 0; i < point.n; i++) {
                gamma[i] *= point.t;
                w[i] *= point.t;
            }
        }
        s.assemble(point, w, gamma);
        double[] dr = s.direction();
        double[] de = point.hinge ? new double[point.n] : null;
        double slope = s.blockSlope();
        for (int i = 0; i < point.n; i++) {
            if (point.hinge) {
                de[i] = -(ge[i] + her[i] * dr[i]) / hee[i];
                slope += -point.y[i] / (point.e[i] - 1 + point.y[i] * r[i]) * dr[i] + ge[i] * de[i];
            } else {
                slope += gamma[i] * dr[i];
            }
        }
        if (!(slope < 0)) {
            return true;
        }
        // Damped phase: backtracking on the (1/t-scaled) barrier. Pure phase (decrement below 1/4, where a
        // self-concordant barrier accepts the full step): no function test, which rounding could not resolve anyway.
        boolean pure = -slope < PURE_PHASE;
        double f0 = pure ? 0 : point.barrier(point.b, point.tau, point.e);
        double step = point.maxStep(s, de, r);
        boolean moved = false;
        for (int tries = 0; tries < 60 && !moved; tries++, step *= 0.5) {
            double[][] nb = new double[point.k][point.d];
            double[] nt = new double[point.k];
            for (int j = 0; j < point.k; j++) {
                for (int c = 0; c < point.d; c++) {
                    nb[j][c] = point.b[j][c] + step * s.db[j][c];
                }
                nt[j] = point.tau[j] + step * s.dtau[j];
            }
            double[] ne = null;
            if (point.hinge) {
                ne = new double[point.n];
                for (int i = 0; i < point.n; i++) {
                    ne[i] = point.e[i] + step * de[i];
                }
            }
            double f1 = point.barrier(nb, nt, ne);
            if (pure ? f1 < Double.POSITIVE_INFINITY : f1 <= f0 + 0.01 * step * slope / point.t) {
                point.b = nb;
                point.tau = nt;
                point.e = ne;
                moved = true;
            }
        }
        if (!moved) {
            return true;
        }
        return -slope / 2 <= CENTERING_TOL;
    }

    private Result result(int steps) {
        DMatrixRMaj blocks = new DMatrixRMaj(point.d, point.k);
        for (int j = 0; j < point.k; j++) {
            for (int c = 0; c < point.d; c++) {
                blocks.data[c * point.k + j] = point.b[j][c];
            }
        }
        double[] r = point.predictions(point.b);
        double[] lambda = new double[point.n];
        if (point.hinge) {
            for (int i = 0; i < point.n; i++) {
                lambda[i] = point.y[i] / (point.t * (point.e[i] - 1 + point.y[i] * r[i]));
            }
        } else {
            point.loss.gradient(r, point.y, lambda);
            for (int i = 0; i < point.n; i++) {
                lambda[i] = -lambda[i];
            }
        }
        DMatrixRMaj mu = null;
        if (!convex.gated()) {
            mu = new DMatrixRMaj(point.n, point.k);
            for (int i = 0; i < point.n; i++) {
                for (int j = 0; j < point.k; j++) {
                    mu.data[i * point.k + j] = point.constrained(i)
                            ? 1 / (point.t * point.side(j, i) * point.rowDot(i, point.b[j])) : 0;
                }
            }
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(blocks, convex.gated());
        return new Result(w, lambda, mu, steps,
                ReluCertificate.evaluate(convex, w, lambda, mu, new ReluCertificate.Options(0)));
    }
}

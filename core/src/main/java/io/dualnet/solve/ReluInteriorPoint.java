package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Loss;
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
 * its epigraph {@code e >= 0, e >= 1 - y r}, which limits its accuracy to about {@code 1e-5}: the barrier's curvature
 * at margin samples grows like {@code t^2} and rounding takes over). Newton steps exploit the structure: the barrier Hessian is block
 * diagonal ({@code (d'+1)^2} per block) and the loss couples blocks only through the {@code n} predictions, so the
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
    private static final boolean TRACE = System.getenv("DUALNET_TRACE") != null;

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
    private final PatternOperator op;
    private final DMatrixRMaj x;
    private final double[] y;
    private final Loss loss;
    private final boolean hinge;
    private final int n;
    private final int d;
    private final int k;
    private final int p;
    private final boolean[] zeroRow;
    private final double beta;
    private double t;
    private double[][] b;
    private double[] tau;
    private double[] e;

    private ReluInteriorPoint(ReluConvexProblem convex) {
        this.convex = convex;
        this.op = convex.operator();
        this.x = convex.problem().featuresView();
        this.y = convex.problem().yView();
        this.loss = convex.loss();
        this.hinge = Double.isInfinite(loss.smoothness());
        this.n = x.numRows;
        this.d = x.numCols;
        this.k = convex.blockCount();
        this.p = convex.patterns().count();
        this.beta = convex.beta();
        this.zeroRow = new boolean[n];
        for (int r = 0; r < n; r++) {
            boolean zero = true;
            for (int c = 0; c < d; c++) {
                zero &= x.data[r * d + c] == 0;
            }
            zeroRow[r] = zero;
        }
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
     * point, or {@code null} when the generators are not strictly inside their cones.
     */
    static Result solve(ReluConvexProblem convex, double gapTarget) {
        ReluInteriorPoint m = new ReluInteriorPoint(convex);
        return m.start() ? m.run(gapTarget) : null;
    }

    private boolean start() {
        b = new double[k][];
        tau = new double[k];
        for (int j = 0; j < k; j++) {
            double[] g = convex.patterns().generator(j < p ? j : j - p);
            double norm = Math.sqrt(dot(g, g));
            b[j] = new double[d];
            for (int c = 0; c < d; c++) {
                b[j][c] = 0.1 * g[c] / norm;
            }
            tau[j] = 0.2;
        }
        double[] r = predictions(b);
        if (hinge) {
            e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = Math.max(0, 1 - y[i] * r[i]) + 1;
            }
        }
        t = 1;
        if (!Double.isFinite(barrier(b, tau, e))) {
            return false;
        }
        t = nu() / Math.max(1, Math.abs(objective(r, tau, e)));
        return true;
    }

    private double nu() {
        int rows = 0;
        for (boolean z : zeroRow) {
            rows += z ? 0 : 1;
        }
        return 2.0 * k + (convex.gated() ? 0 : (double) k * rows) + (hinge ? 2.0 * n : 0);
    }

    private Result run(double gapTarget) {
        int steps = 0;
        IpmNewton newton = new IpmNewton(n, d, k);
        Result best = null;
        int worse = 0;
        while (steps < MAX_NEWTON && worse < 2) {
            boolean centered = false;
            for (int c = 0; c < MAX_CENTERING && !centered && steps < MAX_NEWTON; c++) {
                steps++;
                centered = newtonStep(newton);
            }
            double f = objective(predictions(b), tau, e);
            if (TRACE) {
                System.err.printf("ipm t %.3g steps %d objective %.12g%n", t, steps, f);
            }
            if (nu() / t <= CERTIFY_FROM * Math.abs(f)) {
                Result r = result(steps);
                if (best == null || r.gap() < best.gap()) {
                    best = r;
                    worse = 0;
                } else {
                    worse++;
                }
                if (best.certificate().certificate().closes(0, gapTarget)) {
                    break;
                }
            }
            t *= GROWTH;
        }
        return best != null ? best : result(steps);
    }

    /** One damped Newton step; true when the decrement says the point is centered. */
    private boolean newtonStep(IpmNewton s) {
        double[] r = predictions(b);
        double[] w = new double[n];
        double[] gamma = new double[n];
        double[] ge = hinge ? new double[n] : null;
        double[] her = hinge ? new double[n] : null;
        double[] hee = hinge ? new double[n] : null;
        if (hinge) {
            // Epigraph e >= 0, e >= 1 - y r, eliminated per sample: curvature 1/(a^2 + c^2) in r.
            for (int i = 0; i < n; i++) {
                double a = e[i];
                double c = e[i] - 1 + y[i] * r[i];
                ge[i] = t - 1 / a - 1 / c;
                hee[i] = 1 / (a * a) + 1 / (c * c);
                her[i] = y[i] / (c * c);
                w[i] = 1 / (a * a + c * c);
                gamma[i] = -y[i] / c - her[i] * ge[i] / hee[i];
            }
        } else {
            loss.gradient(r, y, gamma);
            loss.secondDerivative(r, y, w);
            for (int i = 0; i < n; i++) {
                gamma[i] *= t;
                w[i] *= t;
            }
        }
        s.assemble(this, w, gamma);
        double[] dr = s.direction();
        double[] de = hinge ? new double[n] : null;
        double slope = s.blockSlope();
        for (int i = 0; i < n; i++) {
            if (hinge) {
                de[i] = -(ge[i] + her[i] * dr[i]) / hee[i];
                slope += -y[i] / (e[i] - 1 + y[i] * r[i]) * dr[i] + ge[i] * de[i];
            } else {
                slope += gamma[i] * dr[i];
            }
        }
        if (TRACE) {
            System.err.printf("   slope %.3g maxStep %.3g%n", slope, maxStep(s, de, r));
        }
        if (!(slope < 0)) {
            return true;
        }
        // Damped phase: backtracking on the (1/t-scaled) barrier. Pure phase (decrement below 1/4, where a
        // self-concordant barrier accepts the full step): no function test, which rounding could not resolve anyway.
        boolean pure = -slope < PURE_PHASE;
        double f0 = pure ? 0 : barrier(b, tau, e);
        double step = maxStep(s, de, r);
        boolean moved = false;
        for (int tries = 0; tries < 60 && !moved; tries++, step *= 0.5) {
            double[][] nb = new double[k][d];
            double[] nt = new double[k];
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < d; c++) {
                    nb[j][c] = b[j][c] + step * s.db[j][c];
                }
                nt[j] = tau[j] + step * s.dtau[j];
            }
            double[] ne = null;
            if (hinge) {
                ne = new double[n];
                for (int i = 0; i < n; i++) {
                    ne[i] = e[i] + step * de[i];
                }
            }
            double f1 = barrier(nb, nt, ne);
            if (pure ? f1 < Double.POSITIVE_INFINITY : f1 <= f0 + 0.01 * step * slope / t) {
                b = nb;
                tau = nt;
                e = ne;
                moved = true;
            }
        }
        if (!moved) {
            return true;
        }
        return -slope / 2 <= CENTERING_TOL;
    }

    /** The largest step in {@code (0, 1]} keeping the constraints (and epigraph) strictly feasible, times 0.99. */
    private double maxStep(IpmNewton s, double[] de, double[] r) {
        double step = 1;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                if (constrained(i)) {
                    double g = side(j, i) * rowDot(i, b[j]);
                    double dg = side(j, i) * rowDot(i, s.db[j]);
                    if (dg < 0) {
                        step = Math.min(step, 0.99 * g / -dg);
                    }
                }
            }
        }
        if (hinge) {
            double[] dr = s.direction();
            for (int i = 0; i < n; i++) {
                double c = e[i] - 1 + y[i] * r[i];
                double dc = de[i] + y[i] * dr[i];
                if (de[i] < 0) {
                    step = Math.min(step, 0.99 * e[i] / -de[i]);
                }
                if (dc < 0) {
                    step = Math.min(step, 0.99 * c / -dc);
                }
            }
        }
        return step;
    }

    /** Reads for {@link IpmNewton}: the barrier's block gradient and Hessian pieces. */
    double t() {
        return t;
    }

    double beta() {
        return beta;
    }

    double[] block(int j) {
        return b[j];
    }

    double tau(int j) {
        return tau[j];
    }

    boolean constrained(int row) {
        return !convex.gated() && !zeroRow[row];
    }

    /** {@code +-1} when sample {@code row} is in the pattern of block {@code j}, with the block's sign; else 0. */
    double coupling(int j, int row) {
        return op.active(row, j < p ? j : j - p) ? (j < p ? 1 : -1) : 0;
    }

    /** {@code (2D_j - I)_row}. */
    double side(int j, int row) {
        return op.active(row, j < p ? j : j - p) ? 1 : -1;
    }

    DMatrixRMaj features() {
        return x;
    }

    private double[] predictions(double[][] blocks) {
        double[] r = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double c = coupling(j, i);
                if (c != 0) {
                    r[i] += c * rowDot(i, blocks[j]);
                }
            }
        }
        return r;
    }

    double rowDot(int row, double[] v) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += x.data[row * d + c] * v[c];
        }
        return s;
    }

    private double objective(double[] r, double[] tauValues, double[] eValues) {
        double s = 0;
        for (double v : tauValues) {
            s += beta * v;
        }
        if (hinge) {
            for (double v : eValues) {
                s += v;
            }
            return s;
        }
        return s + loss.value(r, y);
    }

    private double barrier(double[][] blocks, double[] tauValues, double[] eValues) {
        double[] r = predictions(blocks);
        double f = 0;
        for (int j = 0; j < k; j++) {
            double delta = tauValues[j] * tauValues[j] - dot(blocks[j], blocks[j]);
            if (!(delta > 0) || !(tauValues[j] > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            f -= Math.log(delta);
            for (int i = 0; i < n; i++) {
                if (constrained(i)) {
                    double g = side(j, i) * rowDot(i, blocks[j]);
                    if (!(g > 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    f -= Math.log(g);
                }
            }
        }
        if (hinge) {
            for (int i = 0; i < n; i++) {
                double a = eValues[i];
                double c = eValues[i] - 1 + y[i] * r[i];
                if (!(a > 0) || !(c > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                f -= Math.log(a) + Math.log(c);
            }
        }
        f = objective(r, tauValues, eValues) + f / t;
        return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }

    private Result result(int steps) {
        DMatrixRMaj blocks = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                blocks.data[c * k + j] = b[j][c];
            }
        }
        double[] r = predictions(b);
        double[] lambda = new double[n];
        if (hinge) {
            for (int i = 0; i < n; i++) {
                lambda[i] = y[i] / (t * (e[i] - 1 + y[i] * r[i]));
            }
        } else {
            loss.gradient(r, y, lambda);
            for (int i = 0; i < n; i++) {
                lambda[i] = -lambda[i];
            }
        }
        DMatrixRMaj mu = null;
        if (!convex.gated()) {
            mu = new DMatrixRMaj(n, k);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    mu.data[i * k + j] = constrained(i) ? 1 / (t * side(j, i) * rowDot(i, b[j])) : 0;
                }
            }
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(blocks, convex.gated());
        return new Result(w, lambda, mu, steps,
                ReluCertificate.evaluate(convex, w, lambda, mu, new ReluCertificate.Options(0)));
    }

    static double dot(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }
}

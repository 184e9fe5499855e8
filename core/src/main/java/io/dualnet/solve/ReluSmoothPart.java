package io.dualnet.solve;

import io.dualnet.convex.ConeNnls;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

/**
 * The smooth part of the convex ReLU programs as {@link GroupFista} sees it (spec §1.3): for the gated problem
 * {@code f(V) = l_mu(sum_i D_i X v_i)}; for the cone problem the augmented Lagrangian of the constraints
 * {@code c_j = -(2 D_i - I) X b_j <= 0} with multipliers {@code m_j >= 0} and penalty {@code rho},
 *
 * <pre>
 *   f(V, W) = l_mu(sum_i D_i X (v_i - w_i)) + sum_j (||(m_j + rho c_j)_+||^2 - ||m_j||^2) / (2 rho).
 * </pre>
 *
 * <p>Products with {@code X} are linear, so the extrapolated point's predictions (and, for the cone, its products
 * {@code X B}) are combinations of the kept ones of the last two iterates: the gradient costs one GEMM
 * ({@code X^T G}) and each trial point one GEMM ({@code X B}). Memory: one {@code n x K} buffer (gated) or two
 * {@code n x 2P} buffers plus the {@code n x 2P} multipliers (cone).
 *
 * <p>At the extrapolated point it records the dual point {@code lambda = -grad l_mu} and the dual constraint bounds
 * (the gradient's block norms: {@code ||X^T D_i lambda||}, resp. {@code ||X^T(+-D_i lambda + S_i h_j)||} with the
 * multipliers {@code h = (m + rho c)_+ >= 0}), so every iteration yields a valid dual bound; at the iterate it records
 * the true loss, group norm and constraint violation. Mutable solver state; not thread-safe.
 */
final class ReluSmoothPart implements GroupFista.Model {
    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final SmoothLoss loss;
    private final double[] y;
    private final int p;
    private final int blocks;
    private final DMatrixRMaj multipliers;
    private DMatrixRMaj zx;
    private DMatrixRMaj spare;
    private double[] rx;
    private double[] rp;
    private double[] rt;
    private final double[] ry;
    private final double[] g;
    private double rho;
    private double maxBound;
    private double trialLoss;
    private double trialViolation;
    private double trialGroupNorm;
    private double iterateLoss;
    private double iterateViolation;
    private double iterateGroupNorm;

    /** Allocates the buffers (and, for the cone problem, zero multipliers). */
    ReluSmoothPart(ReluConvexProblem convex, SmoothLoss loss) {
        this.convex = convex;
        this.op = convex.operator();
        this.loss = loss;
        this.y = convex.problem().yView();
        int n = convex.problem().samples();
        this.p = convex.patterns().count();
        this.blocks = convex.blockCount();
        this.spare = new DMatrixRMaj(n, blocks);
        this.zx = convex.gated() ? null : new DMatrixRMaj(n, blocks);
        this.multipliers = convex.gated() ? null : new DMatrixRMaj(n, blocks);
        this.rx = new double[n];
        this.rp = new double[n];
        this.rt = new double[n];
        this.ry = new double[n];
        this.g = new double[n];
    }

    @Override
    public void start(DMatrixRMaj x0) {
        trialValue(x0);
        accept();
        System.arraycopy(rx, 0, rp, 0, rx.length);
    }

    @Override
    public double gradientAtExtrapolation(double momentum, DMatrixRMaj gradient) {
        for (int k = 0; k < ry.length; k++) {
            ry[k] = momentum == 0 ? rx[k] : (1 + momentum) * rx[k] - momentum * rp[k];
        }
        double f = loss.value(ry, y);
        loss.gradient(ry, y, g);
        if (convex.gated()) {
            op.maskInto(g, spare);
        } else {
            f += penalty(momentum, true);
        }
        Linalg.get().multInto(op.x(), true, spare, false, gradient);
        maxBound = 0;
        for (double b : ConvexReluWeights.blockNorms(gradient)) {
            maxBound = Math.max(maxBound, b);
        }
        return f;
    }

    /**
     * Cone penalty at {@code Z = (1 + m) Zx - m Zp} (the extrapolation, when {@code gradient}: then {@code Zp} is in
     * the spare buffer and is overwritten with {@code G = +-D g - S h}) or at the trial products in the spare buffer.
     */
    private double penalty(double momentum, boolean gradient) {
        int n = ry.length;
        double[] a = gradient ? zx.data : spare.data;
        double[] b = spare.data;
        double[] m = multipliers.data;
        double sum = 0;
        double worst = 0;
        double half = 0.5 / rho;
        for (int k = 0; k < n; k++) {
            int row = k * blocks;
            double gk = g[k];
            for (int j = 0; j < blocks; j++) {
                int idx = row + j;
                boolean on = op.active(k, j < p ? j : j - p);
                double z = !gradient || momentum == 0 ? a[idx] : (1 + momentum) * a[idx] - momentum * b[idx];
                double signed = on ? z : -z;
                worst = Math.max(worst, -signed);
                double mj = m[idx];
                double h = mj - rho * signed;
                h = h > 0 ? h : 0;
                sum += half * (h * h - mj * mj);
                if (gradient) {
                    double data = on ? (j < p ? gk : -gk) : 0;
                    b[idx] = data - (on ? h : -h);
                }
            }
        }
        if (!gradient) {
            trialViolation = worst;
        }
        return sum;
    }

    @Override
    public double trialValue(DMatrixRMaj trial) {
        op.productsInto(trial, spare);
        op.forwardFromProducts(spare, rt);
        trialLoss = convex.loss().value(rt, y);
        trialGroupNorm = 0;
        for (double b : ConvexReluWeights.blockNorms(trial)) {
            trialGroupNorm += b;
        }
        trialViolation = 0;
        double f = loss.value(rt, y);
        return convex.gated() ? f : f + penalty(0, false);
    }

    @Override
    public void accept() {
        double[] old = rp;
        rp = rx;
        rx = rt;
        rt = old;
        if (zx != null) {
            DMatrixRMaj t = zx;
            zx = spare;
            spare = t;
        }
        iterateLoss = trialLoss;
        iterateViolation = trialViolation;
        iterateGroupNorm = trialGroupNorm;
    }

    /** Cone: the AL update {@code m <- (m + rho c(X_k))_+} at the current iterate (no effect when gated). */
    void updateMultipliers() {
        if (multipliers == null) {
            return;
        }
        double[] z = zx.data;
        double[] m = multipliers.data;
        for (int k = 0; k < ry.length; k++) {
            int row = k * blocks;
            for (int j = 0; j < blocks; j++) {
                double signed = op.active(k, j < p ? j : j - p) ? z[row + j] : -z[row + j];
                double h = m[row + j] - rho * signed;
                m[row + j] = h > 0 ? h : 0;
            }
        }
    }

    /**
     * Cone: starts the multipliers at the NNLS minimizers {@code argmin_{mu >= 0} ||X^T(+-D_i lambda + S_i mu)||} for
     * the dual point of the current iterate (a warm start's multipliers: at the optimum these certify the dual
     * constraints), so that a warm-started solve does not first drift away from its starting point.
     */
    void initializeMultipliers(int iterations, double lipschitz) {
        if (multipliers == null) {
            return;
        }
        double[] lambda = lambdaAtIterate();
        int n = rx.length;
        DMatrixRMaj x = op.x();
        int width = Math.max(1, PatternOperator.chunkWidth(n, blocks) / 4);
        for (int from = 0; from < blocks; from += width) {
            int c = Math.min(width, blocks - from);
            int[] cols = new int[c];
            DMatrixRMaj masked = new DMatrixRMaj(n, c);
            for (int j = 0; j < c; j++) {
                cols[j] = from + j;
                for (int k = 0; k < n; k++) {
                    boolean on = op.active(k, cols[j] < p ? cols[j] : cols[j] - p);
                    masked.data[k * c + j] = on ? (cols[j] < p ? lambda[k] : -lambda[k]) : 0;
                }
            }
            DMatrixRMaj mu = new DMatrixRMaj(n, c);
            ConeNnls.minimize(op, cols, Linalg.get().multTransA(x, masked), mu, iterations, convex.beta(), lipschitz);
            for (int k = 0; k < n; k++) {
                System.arraycopy(mu.data, k * c, multipliers.data, k * blocks + from, c);
            }
        }
    }

    /** Sets the penalty {@code rho > 0} (the multipliers stay valid). */
    void setPenalty(double value) {
        rho = value;
    }

    /** The penalty {@code rho}. */
    double penalty() {
        return rho;
    }

    /** The multipliers {@code n x 2P} (a view; {@code null} for the gated problem). */
    DMatrixRMaj multipliers() {
        return multipliers;
    }

    /** Convex objective (true loss) at the iterate, ignoring any constraint violation. */
    double primal() {
        return iterateLoss + convex.beta() * iterateGroupNorm;
    }

    /** Largest cone-constraint violation at the iterate (0 gated). */
    double violation() {
        return iterateViolation;
    }

    /** Largest dual constraint bound at the extrapolated point. */
    double maxBound() {
        return maxBound;
    }

    /** The dual point {@code lambda = -grad l_mu} at the iterate (a new array). */
    double[] lambdaAtIterate() {
        double[] l = new double[rx.length];
        loss.gradient(rx, y, l);
        for (int k = 0; k < l.length; k++) {
            l[k] = -l[k];
        }
        return l;
    }

    /** The dual point {@code lambda = -grad l_mu} at the extrapolated point (a new array). */
    double[] lambdaAtExtrapolation() {
        double[] l = new double[g.length];
        for (int k = 0; k < l.length; k++) {
            l[k] = -g[k];
        }
        return l;
    }

    /** The true dual value at the extrapolated point's {@code lambda}, scaled to feasibility: a lower bound. */
    double dual() {
        return scaledDual(false);
    }

    /** The surrogate's dual value at the same point (for the smoothing continuation). */
    double smoothedDual() {
        return scaledDual(true);
    }

    /** The surrogate's primal value at the iterate. */
    double smoothedPrimal() {
        return loss.value(rx, y) + convex.beta() * iterateGroupNorm;
    }

    private double scaledDual(boolean smoothed) {
        double s = maxBound > convex.beta() ? convex.beta() / maxBound : 1;
        double[] l = new double[g.length];
        for (int k = 0; k < l.length; k++) {
            l[k] = -g[k];
        }
        if (!smoothed) {
            convex.loss().projectDual(l, y);
        }
        for (int k = 0; k < l.length; k++) {
            l[k] *= s;
        }
        return smoothed ? loss.dualValue(l, y) : convex.loss().dualValue(l, y);
    }
}

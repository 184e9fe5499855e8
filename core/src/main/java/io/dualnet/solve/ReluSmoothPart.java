package io.dualnet.solve;

import io.dualnet.convex.ConeMultipliers;
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
 * ({@code X^T G}) and each trial point one GEMM ({@code X B}). Memory: one {@code n x K} buffer (gated); for the cone
 * problem one of two layouts, chosen by the size {@code n 2P} (see {@link #LEAN_ENTRIES}):
 *
 * <ul>
 *   <li><b>standard</b> (up to {@link #LEAN_ENTRIES} entries): two {@code n x 2P} double buffers (the products of the
 *       iterate and a spare one holding the previous iterate's, then the gradient's) plus {@code n x 2P} double
 *       multipliers, 24 bytes an entry;</li>
 *   <li><b>lean</b> (above): one {@code n x 2P} double buffer plus float multipliers, 12 bytes an entry (2.9 GB at
 *       {@code n = 60000}, {@code P = 2000} instead of 5.8 GB). The extrapolated point's products are recomputed by
 *       one extra GEMM per iteration when the momentum is not zero, from the last two iterates kept as
 *       {@code d' x 2P} copies ({@code O(P d')}); the iterate's products stay in the buffer from the accepted trial
 *       until the next gradient overwrites them.</li>
 * </ul>
 *
 * <p>Both layouts compute the same iterates up to rounding (the products of the extrapolated point by one GEMM
 * instead of a combination of two, the multipliers rounded to float: relative {@code 6e-8}).
 *
 * <p>At the extrapolated point it records the dual point {@code lambda = -grad l_mu} and the dual constraint bounds
 * (the gradient's block norms: {@code ||X^T D_i lambda||}, resp. {@code ||X^T(+-D_i lambda + S_i h_j)||} with the
 * multipliers {@code h = (m + rho c)_+ >= 0}), so every iteration yields a valid dual bound; at the iterate it records
 * the true loss, group norm and constraint violation. Mutable solver state; not thread-safe.
 */
final class ReluSmoothPart implements GroupFista.Model {
    /**
     * Largest {@code n 2P} of a cone problem kept in the standard layout (three {@code n x 2P} double arrays); larger
     * ones use the lean layout. {@code 2^26} entries make 1.6 GB of standard buffers, which fit beside the data in a
     * 4 GB heap and the application's default 8 GB; above that the halved memory is worth the extra GEMM (about 3.1
     * instead of 2.1 GEMMs an iteration). A fixed count, not a fraction of the heap, so that a solve's arithmetic
     * (and hence its iterates) never depends on the JVM's {@code -Xmx}. The Fashion-MNIST benchmark
     * ({@code n = 12000}, {@code P = 1000}: {@code 2.4e7} entries) stays standard; {@code n = 60000},
     * {@code P = 2000} ({@code 2.4e8}) is lean.
     */
    static final long LEAN_ENTRIES = 1L << 26;

    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final SmoothLoss loss;
    private final double[] y;
    private final int p;
    private final int blocks;
    private final ConeMultipliers multipliers;
    private final double[] row;
    private DMatrixRMaj zx;
    private DMatrixRMaj spare;
    private DMatrixRMaj current;
    private DMatrixRMaj previous;
    private DMatrixRMaj pending;
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

    /**
     * Allocates the buffers (and, for the cone problem, zero multipliers) in the layout of the problem's size.
     * Arguments are kept, not modified here ({@code loss} is read as the solver tightens it).
     */
    ReluSmoothPart(ReluConvexProblem convex, SmoothLoss loss) {
        this(convex, loss, LEAN_ENTRIES);
    }

    /**
     * As {@link #ReluSmoothPart(ReluConvexProblem, SmoothLoss)} with another layout threshold: a cone problem with
     * more than {@code leanEntries} entries {@code n 2P} uses the lean layout ({@code 0}: always, e.g. to test it).
     */
    ReluSmoothPart(ReluConvexProblem convex, SmoothLoss loss, long leanEntries) {
        this.convex = convex;
        this.op = convex.operator();
        this.loss = loss;
        this.y = convex.problem().yView();
        int n = convex.problem().samples();
        this.p = convex.patterns().count();
        this.blocks = convex.blockCount();
        boolean lean = !convex.gated() && (long) n * blocks > leanEntries;
        this.spare = new DMatrixRMaj(n, blocks);
        this.zx = convex.gated() || lean ? null : new DMatrixRMaj(n, blocks);
        this.multipliers = convex.gated() ? null : ConeMultipliers.zeros(n, blocks, lean);
        this.row = convex.gated() ? null : new double[blocks];
        if (lean) {
            int d = convex.problem().featureCount();
            this.current = new DMatrixRMaj(d, blocks);
            this.previous = new DMatrixRMaj(d, blocks);
            this.pending = new DMatrixRMaj(d, blocks);
        }
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
        if (lean()) {
            previous.setTo(current);
        }
    }

    /** Whether this is the cone problem's lean layout (no kept products, float multipliers). */
    boolean lean() {
        return current != null;
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
            if (lean() && momentum != 0) {
                // Lean: the products of Y = X_k + m (X_k - X_{k-1}) (GroupFista's formula) by one GEMM; with no
                // momentum Y = X_k, whose products are still in the buffer.
                double[] c = current.data;
                double[] q = previous.data;
                double[] e = pending.data;
                for (int i = 0; i < e.length; i++) {
                    e[i] = c[i] + momentum * (c[i] - q[i]);
                }
                op.productsInto(pending, spare);
            }
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
     * Cone penalty at the extrapolation, when {@code gradient}, or else at the trial products in the spare buffer.
     * The extrapolation's products are {@code Z = (1 + m) Zx - m Zp} (standard layout: {@code Zp} is in the spare
     * buffer) or already in the spare buffer (lean layout); either way the spare buffer is overwritten with
     * {@code G = +-D g - S h}.
     */
    private double penalty(double momentum, boolean gradient) {
        int n = ry.length;
        boolean combine = gradient && zx != null && momentum != 0;
        double[] a = gradient && zx != null ? zx.data : spare.data;
        double[] b = spare.data;
        double[] m = row;
        double sum = 0;
        double worst = 0;
        double half = 0.5 / rho;
        for (int k = 0; k < n; k++) {
            int first = k * blocks;
            double gk = g[k];
            multipliers.readRow(k, m);
            for (int j = 0; j < blocks; j++) {
                int idx = first + j;
                boolean on = op.active(k, j < p ? j : j - p);
                double z = combine ? (1 + momentum) * a[idx] - momentum * b[idx] : a[idx];
                double signed = on ? z : -z;
                worst = Math.max(worst, -signed);
                double mj = m[j];
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
        if (lean()) {
            pending.setTo(trial);
        }
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
        if (lean()) {
            DMatrixRMaj t = previous;
            previous = current;
            current = pending;
            pending = t;
        }
        iterateLoss = trialLoss;
        iterateViolation = trialViolation;
        iterateGroupNorm = trialGroupNorm;
    }

    /**
     * Cone: the AL update {@code m <- (m + rho c(X_k))_+} at the current iterate (no effect when gated). Call it
     * between steps (lean layout: the iterate's products are in the buffer until the next gradient).
     */
    void updateMultipliers() {
        if (multipliers == null) {
            return;
        }
        double[] z = zx != null ? zx.data : spare.data;
        double[] m = row;
        for (int k = 0; k < ry.length; k++) {
            int first = k * blocks;
            multipliers.readRow(k, m);
            for (int j = 0; j < blocks; j++) {
                double signed = op.active(k, j < p ? j : j - p) ? z[first + j] : -z[first + j];
                double h = m[j] - rho * signed;
                m[j] = h > 0 ? h : 0;
            }
            multipliers.writeRow(k, m);
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
            multipliers.setColumns(from, mu);
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
    ConeMultipliers multipliers() {
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

package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.SinglePrecisionProducts;
import io.dualnet.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * ADMM with a cached factorization for the cone program of the two-layer ReLU network with the squared loss,
 * restricted to a working set of patterns (paper 002 Appendix A; spec §1.3; the splitting of Bai, Gautam and Sojoudi
 * 2022, "Efficient global optimization of two-layer ReLU networks", §3): with blocks {@code u_j}
 * ({@code [v_1..v_W, w_1..w_W]}, {@code K = 2W}), {@code F u = sum_i D_i X (v_i - w_i)} and
 * {@code G_j = (2 D_j - I) X},
 *
 * <pre>
 *   min ½||F u - y||² + beta sum_j ||v_j|| + I(s >= 0)   s.t.  u_j = v_j (penalty rho1),  G_j u_j = s_j (rho2).
 * </pre>
 *
 * The {@code u}-update solves {@code (F^T F + I ⊗ B) u = h} with {@code B = rho1 I + rho2 X^T X} (because
 * {@code (2 D_j - I)^2 = I}, every {@code G_j^T G_j} is {@code X^T X}). With {@code X^T X = Q diag(l) Q^T},
 * {@code B^{-1} = Q diag(1 / (rho1 + rho2 l)) Q^T} costs two small GEMMs, and by Woodbury
 *
 * <pre>
 *   u = B^{-1} h - B^{-1} F^T C^{-1} F B^{-1} h,   C = I + (X B^{-1} X^T) o (2 S S^T)   (S the n x W 0/1 patterns),
 * </pre>
 *
 * an {@code n x n} system formed by {@link GatedSystem} (the kernel {@code X B^{-1} X^T} replaces {@code X X^T}) and
 * factored once per working set. {@code (2 D_j - I) X} is never formed: it is the sign pattern applied to {@code X u}.
 * One iteration is four GEMMs {@code n x d' x K} (in single precision for large {@code X} at loose tolerances,
 * {@link #singlePrecision}) and two triangular solves; memory two {@code n x n} (shared by all working sets) and about
 * eight {@code n x K}. Over-relaxation {@code alpha} as in Boyd et al. (2011, §3.4.3). The
 * multipliers of the cone constraints are {@code mu_j = max(0, -rho2 b_j)} ({@code b}: scaled dual of
 * {@code G u = s}). Mutable, not thread-safe; the problem is not modified.
 */
final class ConeAdmm {
    /**
     * Multiply-adds per second of the native blocked Cholesky factorization relative to an iteration's mix (Java
     * triangular solves, GEMMs of {@code K} columns): at n = 12000, d = 784, K = 32 the counts give 407 iterations
     * per factorization, the clock gave about 40 when every native call copied its operands through JNI, and about 70
     * since they go through native buffers (about 15 s to form and factor {@code C}, 0.2 s an iteration). It
     * was left at 10: the balancing's timing, and so every iteration count measured with it, depends on it. Since the
     * single-precision products and the blocked sweeps an iteration at K = 100 takes 0.12 s, so a factorization is
     * worth about 90 iterations where the counts give 14; a model with each part at its measured rate (giving 90) was
     * tried at 0.01 beta_max on Fashion-MNIST, n = 12000: 1150 iterations in 435 s against 950 in 437 s with this one
     * (fewer penalty changes, more iterations), so it was not adopted (docs/benchmarks.md).
     */
    static final double FACTOR_SPEEDUP = 10;

    /** The smallest relative tolerance at which the iteration's products may be in single precision. */
    static final double SINGLE_PRECISION_TOLERANCE = 1e-5;

    private final ReluConvexProblem convex;
    private final DMatrixRMaj x;
    private final double[] y;
    private final double beta;
    private double rho1;
    private double rho2;
    /** Factor applied to both penalties since the kernel was last formed ({@code C = I + K o 2SS^T / scale}). */
    private double scale = 1;
    /** Iterations since the last factorization. */
    private int sinceFactor;
    private double primalResidual;
    private double dualResidual;
    /** Relative primal and dual residuals of the copy constraint {@code u = v} alone. */
    private double copyPrimal;
    private double copyDual;
    /** Relative primal and dual residuals of the cone constraint {@code G u = s} alone. */
    private double conePrimal;
    private double coneDual;
    /** Whether {@link #balance} moves each constraint's penalty by its own residuals (else both by the sums). */
    private boolean separately;
    private final double alpha;
    private final int n;
    private final int d;
    private final DMatrixRMaj q;
    private final double[] eigenvalues;
    private final double[] inverse;
    private final DMatrixRMaj kernel;
    private final DMatrixRMaj storage;
    /** The iteration's four products with {@code X} ({@link SinglePrecisionProducts}; in double unless asked). */
    private final SinglePrecisionProducts products;
    private int[] patterns = new int[0];
    private PatternOperator op;
    private GatedSystem system;
    private int k;
    private DMatrixRMaj u;
    private DMatrixRMaj v;
    private DMatrixRMaj a;
    private DMatrixRMaj s;
    private DMatrixRMaj b;
    private DMatrixRMaj fty;
    private DMatrixRMaj xu;
    private DMatrixRMaj work;
    private double[] r;

    /**
     * Sets up the cached part (the eigen-decomposition of {@code X^T X} and the kernel {@code X B^{-1} X^T}).
     *
     * @param convex the cone problem with the squared loss (all patterns; working sets are subsets)
     * @param rho1 penalty of {@code u = v}, {@code > 0}
     * @param rho2 penalty of {@code G u = s}, {@code > 0}
     * @param alpha over-relaxation in {@code [1, 2)}
     * @param single whether the iteration's products with {@code X} may be taken in single precision
     *     ({@link #singlePrecision})
     */
    ConeAdmm(ReluConvexProblem convex, double rho1, double rho2, double alpha, boolean single) {
        this.convex = convex;
        this.x = convex.problem().featuresView();
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        this.rho1 = rho1;
        this.rho2 = rho2;
        this.alpha = alpha;
        this.n = x.numRows;
        this.d = x.numCols;
        Linalg linalg = Linalg.get();
        SymmetricEigen eig = linalg.eigSymmetric(linalg.multTransA(x, x));
        this.q = eig.vectors();
        this.eigenvalues = eig.values().clone();
        this.inverse = new double[d];
        this.kernel = new DMatrixRMaj(n, n);
        formKernel();
        this.storage = new DMatrixRMaj(n, n);
        // In single precision, the float copy of X that the certificates' NNLS uses too (one per problem).
        this.products = single ? convex.operator().singleProducts() : SinglePrecisionProducts.of(x, false);
    }

    /**
     * Whether a solve to relative tolerance {@code rtol} may take the iteration's products with {@code X} in single
     * precision: from {@link #SINGLE_PRECISION_TOLERANCE} on (their rounding, about {@code 1e-7 sqrt(n)} relative,
     * stays two orders below it), when {@code X} is large enough for the float copy to pay. Certificates, restricted
     * and full, are computed in double from the iterates, so no reported number depends on it.
     */
    static boolean singlePrecision(double rtol, int n, int d) {
        return rtol >= SINGLE_PRECISION_TOLERANCE && SinglePrecisionProducts.worthIt(n, d);
    }

    /**
     * Forms {@code B^{-1}} ({@link #inverse}) and the kernel {@code X B^{-1} X^T} (lower triangle) for the current
     * penalties, and resets {@link #scale}: one GEMM {@code n x d' x d'} and one SYRK {@code n x n x d'}.
     */
    private void formKernel() {
        Linalg linalg = Linalg.get();
        DMatrixRMaj scaled = linalg.mult(x, false, q, false);
        for (int c = 0; c < d; c++) {
            inverse[c] = 1 / (rho1 + rho2 * Math.max(0, eigenvalues[c]));
            double f = Math.sqrt(inverse[c]);
            for (int row = 0; row < n; row++) {
                scaled.data[row * d + c] *= f;
            }
        }
        linalg.syrkLowerInto(scaled, 1, 0, kernel);
        scale = 1;
    }

    /** Bytes of the cached part and of the work arrays for {@code w} patterns. */
    static double bytes(int n, int d, int w) {
        return 8.0 * (2.0 * n * n + 2.0 * n * d + 10.0 * n * 2 * w + 8.0 * d * 2 * w + 2.0 * d * d);
    }

    /** The working set (indices into the problem's patterns; not to be modified). */
    int[] patterns() {
        return patterns;
    }

    /**
     * Moves to the working set {@code next} (indices into the problem's patterns): blocks of patterns kept keep their
     * state, new ones start at zero; forms and factors {@code C}. False when it does not factor.
     */
    boolean workOn(int[] next) {
        ActivationPatterns sub = convex.patterns().subset(next);
        PatternOperator nextOp = new PatternOperator(x, sub);
        int nk = 2 * next.length;
        DMatrixRMaj[] state = {u, v, a, s, b};
        DMatrixRMaj[] moved = new DMatrixRMaj[state.length];
        java.util.Map<Integer, Integer> old = new java.util.HashMap<>();
        for (int i = 0; i < patterns.length; i++) {
            old.put(patterns[i], i);
        }
        int w = next.length;
        for (int m = 0; m < state.length; m++) {
            int rows = m < 3 ? d : n;
            moved[m] = new DMatrixRMaj(rows, nk);
            if (state[m] == null) {
                continue;
            }
            for (int i = 0; i < w; i++) {
                Integer from = old.get(next[i]);
                if (from == null) {
                    continue;
                }
                for (int half = 0; half < 2; half++) {
                    int src = from + half * patterns.length;
                    int dst = i + half * w;
                    for (int row = 0; row < rows; row++) {
                        moved[m].data[row * nk + dst] = state[m].data[row * k + src];
                    }
                }
            }
        }
        patterns = next.clone();
        op = nextOp;
        k = nk;
        u = moved[0];
        v = moved[1];
        a = moved[2];
        s = moved[3];
        b = moved[4];
        work = new DMatrixRMaj(n, k);
        xu = op.productsInto(u, new DMatrixRMaj(n, k));
        fty = op.adjointInto(y, work, new DMatrixRMaj(d, k));
        boolean[] fresh = new boolean[nk];
        for (int i = 0; i < w; i++) {
            fresh[i] = fresh[i + w] = old.get(next[i]) == null;
        }
        seedDuals(fresh);
        r = new double[n];
        system = new GatedSystem(op, kernel, storage);
        return refactor();
    }

    /**
     * New blocks' scaled duals ({@code fresh} columns of {@code a}) start at the loss gradient's share
     * {@code F_j^T (y - F u) / rho1}, cut to the norm {@code beta / rho1} they have at an active optimum: from zero they
     * would need {@code ||v*|| / (beta / rho1)} iterations (hundreds at n = 12000) before the group shrinkage lets a
     * block in.
     */
    private void seedDuals(boolean[] fresh) {
        double[] fitted = new double[n];
        op.forwardFromProducts(xu, fitted);
        for (int row = 0; row < n; row++) {
            fitted[row] = y[row] - fitted[row];
        }
        DMatrixRMaj gradient = op.adjointInto(fitted, work, new DMatrixRMaj(d, k));
        double[] norms = ConvexReluWeights.blockNorms(gradient);
        for (int j = 0; j < k; j++) {
            if (!fresh[j]) {
                continue;
            }
            double cut = norms[j] > beta ? beta / norms[j] : 1;
            for (int row = 0; row < d; row++) {
                a.data[row * k + j] = cut * gradient.data[row * k + j] / rho1;
            }
        }
    }

    /**
     * Starts the iterates of the current working set at {@code blocks} ({@code d x K}, layout {@code [v_1..v_W,
     * w_1..w_W]}; a warm start, e.g. the previous solve of a cutting-plane round or a regularization path) and the cone
     * multipliers {@code mu} ({@code n x K}, {@code >= 0}, or {@code null} for zero): {@code u = v = blocks},
     * {@code s = G u} cut at zero, {@code b = -mu / rho2}; the scaled dual of a nonzero block is its value at an
     * optimum, {@code beta v_j / (rho1 ||v_j||)}, a zero block's is seeded from the loss gradient at the new point.
     */
    void startFrom(DMatrixRMaj blocks, DMatrixRMaj mu) {
        if (blocks.numRows != d || blocks.numCols != k) {
            throw new io.dualnet.linalg.MatrixDimensionException("blocks", blocks.numRows + "x" + blocks.numCols,
                    d + "x" + k);
        }
        if (mu != null && (mu.numRows != n || mu.numCols != k)) {
            throw new io.dualnet.linalg.MatrixDimensionException("mu", mu.numRows + "x" + mu.numCols, n + "x" + k);
        }
        System.arraycopy(blocks.data, 0, u.data, 0, d * k);
        System.arraycopy(blocks.data, 0, v.data, 0, d * k);
        op.productsInto(u, xu);
        for (int row = 0; row < n; row++) {
            int base = row * k;
            for (int j = 0; j < k; j++) {
                double gu = active(row, j) ? xu.data[base + j] : -xu.data[base + j];
                s.data[base + j] = Math.max(0, gu);
                b.data[base + j] = mu == null ? 0 : -Math.max(0, mu.data[base + j]) / rho2;
            }
        }
        double[] norms = ConvexReluWeights.blockNorms(v);
        boolean[] fresh = new boolean[k];
        for (int j = 0; j < k; j++) {
            fresh[j] = norms[j] == 0;
            if (!fresh[j]) {
                for (int row = 0; row < d; row++) {
                    a.data[row * k + j] = beta * v.data[row * k + j] / (rho1 * norms[j]);
                }
            }
        }
        seedDuals(fresh);
    }

    private boolean refactor() {
        double[] scales = new double[patterns.length];
        java.util.Arrays.fill(scales, Math.sqrt(2 / scale));
        sinceFactor = 0;
        return system.factor(scales, null, null);
    }

    /**
     * Whether the iterations since the last factorization cost at least {@code ratio} times what it did (the rule of
     * OSQP's adaptive penalty; at n = 12000 a factorization costs about 40 iterations, so balancing at every check
     * would spend most of the time refactoring; on small instances it is always true). Costs come from the operation
     * counts ({@link #factorizationIterations}), not the clock, so that a run is repeatable: with wall time, two runs
     * of one instance balanced at different iterations and returned different networks within the certified gap.
     */
    boolean factorizationAmortized(double ratio) {
        return sinceFactor >= ratio * factorizationIterations(n, d, k);
    }

    /**
     * A factorization's cost in iterations: its multiply-adds ({@code n^3 / 3} for the Cholesky factor, {@code n^2 K}
     * forming {@code C}) over an iteration's ({@code n^2} for the two triangular solves, {@code 4 n d K + 4 d^2 K} for
     * the GEMMs), divided by {@link #FACTOR_SPEEDUP}.
     */
    static double factorizationIterations(int n, int d, int k) {
        double nn = (double) n * n;
        double factor = nn * n / 3 + nn * k;
        double iteration = nn + 4.0 * n * d * k + 4.0 * d * d * k;
        return factor / (FACTOR_SPEEDUP * Math.max(iteration, 1));
    }

    /**
     * Residual balancing (Boyd et al. 2011, §3.4.1): when a primal residual exceeds {@code ratio} times its dual one,
     * the penalty is multiplied by {@code factor}; the other way round, divided. By default both penalties move
     * together, by the residuals summed over both constraints; with {@link #balanceSeparately} each moves by its own
     * constraint's residuals ({@link #rescale}). Returns whether the penalties changed (false also when the
     * refactorization failed, which keeps the old ones).
     */
    boolean balance(double ratio, double factor) {
        if (!separately) {
            double tau = step(primalResidual, dualResidual, ratio, factor);
            return rescale(tau, tau);
        }
        return rescale(step(copyPrimal, copyDual, ratio, factor), step(conePrimal, coneDual, ratio, factor));
    }

    /**
     * Whether {@link #balance} moves the copy penalty {@code rho1} and the cone penalty {@code rho2} each by its own
     * constraint's residuals. Measured on warm starts (Fashion-MNIST, 0.1 beta_max): a trained network's own 16
     * patterns at n = 1000 certified in 850 iterations instead of 5350 (the sums drove {@code rho2} up eightfold while
     * the cone's own residuals asked for no change), and cutting-plane rounds closed in 3200 and 2750 iterations
     * where the sums left them at 5.6e-4 and 7.2e-4 after 4000; on cold starts it delayed the first round (n = 3000:
     * 1450 iterations instead of 1100), so the working-set route uses it for warm starts only. On small synthetic
     * instances (30 to 120 samples, 3 features, a cutting-plane round's warm start) it took between 10 % fewer and 40 %
     * more iterations than the sums: the gain is at the size of real data.
     */
    void balanceSeparately(boolean value) {
        separately = value;
    }

    /**
     * {@code factor} when {@code primal > ratio * dual}, {@code 1 / factor} when {@code dual > ratio * primal}, else 1.
     */
    private static double step(double primal, double dual, double ratio, double factor) {
        return primal > ratio * dual ? factor : dual > ratio * primal ? 1 / factor : 1;
    }

    /**
     * Multiplies {@code rho1} by {@code tau1} and {@code rho2} by {@code tau2} and rescales their scaled duals
     * ({@code a / tau1}, {@code b / tau2}: the unscaled multipliers and so the fixed point are unchanged). Equal
     * factors keep {@code X B^{-1} X^T} up to a factor, so only {@code C} is refactored; different ones form the kernel
     * again. Returns whether the penalties changed (false when both factors are 1, or when the refactorization failed,
     * which keeps the old ones).
     */
    boolean rescale(double tau1, double tau2) {
        if (tau1 == 1 && tau2 == 1) {
            return false;
        }
        if (tau1 == tau2) {
            scale *= tau1;
            if (!refactor()) {
                scale /= tau1;
                refactor();
                return false;
            }
            for (int c = 0; c < d; c++) {
                inverse[c] /= tau1;
            }
            rho1 *= tau1;
            rho2 *= tau2;
        } else {
            rho1 *= tau1;
            rho2 *= tau2;
            formKernel();
            if (!refactor()) {
                // Back to the old penalties, with the kernel formed for them (so scale is 1, not the old one).
                rho1 /= tau1;
                rho2 /= tau2;
                formKernel();
                refactor();
                return false;
            }
        }
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] /= tau1;
        }
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] /= tau2;
        }
        return true;
    }

    /** The penalties {@code {rho1, rho2}}. */
    double[] penalties() {
        return new double[] {rho1, rho2};
    }

    /**
     * The larger of the last iteration's relative primal and dual residuals (a cheap progress measure: the working-set
     * route computes a certificate only when it has fallen enough).
     */
    double residual() {
        return Math.max(primalResidual, dualResidual);
    }

    /** One ADMM iteration. */
    void iterate() {
        sinceFactor++;
        Linalg linalg = Linalg.get();
        // h = F^T y + rho1 (v - a) + rho2 G^T (s - b).
        for (int row = 0; row < n; row++) {
            int base = row * k;
            for (int j = 0; j < k; j++) {
                double t = s.data[base + j] - b.data[base + j];
                work.data[base + j] = active(row, j) ? t : -t;
            }
        }
        DMatrixRMaj h = products.multInto(true, work, new DMatrixRMaj(d, k));
        for (int i = 0; i < h.data.length; i++) {
            h.data[i] = rho2 * h.data[i] + fty.data[i] + rho1 * (v.data[i] - a.data[i]);
        }
        DMatrixRMaj g = applyInverse(h);
        // u = g - B^{-1} F^T C^{-1} F g;  X u = X g - X B^{-1} F^T C^{-1} F g.
        products.multInto(false, g, xu);
        op.forwardFromProducts(xu, r);
        system.solveInPlace(r);
        op.maskInto(r, work);
        DMatrixRMaj correction = applyInverse(products.multInto(true, work, new DMatrixRMaj(d, k)));
        DMatrixRMaj xc = products.multInto(false, correction, work);
        for (int i = 0; i < g.data.length; i++) {
            u.data[i] = g.data[i] - correction.data[i];
        }
        for (int i = 0; i < xu.data.length; i++) {
            xu.data[i] -= xc.data[i];
        }
        // v: group soft-thresholding of alpha u + (1 - alpha) v + a; s: projection of alpha G u + (1 - alpha) s + b.
        double[] norms = new double[k];
        for (int i = 0; i < u.data.length; i++) {
            double relaxed = alpha * u.data[i] + (1 - alpha) * v.data[i];
            a.data[i] += relaxed;
            norms[i % k] += a.data[i] * a.data[i];
        }
        double threshold = beta / rho1;
        double copyPrimalSquares = 0;
        double copyDualSquares = 0;
        double copyScaleP = 0;
        double copyScaleD = 0;
        for (int i = 0; i < v.data.length; i++) {
            double norm = Math.sqrt(norms[i % k]);
            double shrink = norm > threshold ? 1 - threshold / norm : 0;
            double next = shrink * a.data[i];
            copyDualSquares += rho1 * rho1 * (next - v.data[i]) * (next - v.data[i]);
            copyPrimalSquares += (u.data[i] - next) * (u.data[i] - next);
            copyScaleP += Math.max(u.data[i] * u.data[i], next * next);
            v.data[i] = next;
            a.data[i] -= next;
            copyScaleD += rho1 * rho1 * a.data[i] * a.data[i];
        }
        double conePrimalSquares = 0;
        double coneDualSquares = 0;
        double coneScaleP = 0;
        double coneScaleD = 0;
        for (int row = 0; row < n; row++) {
            int base = row * k;
            for (int j = 0; j < k; j++) {
                double gu = active(row, j) ? xu.data[base + j] : -xu.data[base + j];
                double relaxed = alpha * gu + (1 - alpha) * s.data[base + j];
                double t = relaxed + b.data[base + j];
                double next = Math.max(0, t);
                coneDualSquares += rho2 * rho2 * (next - s.data[base + j]) * (next - s.data[base + j]);
                conePrimalSquares += (gu - next) * (gu - next);
                coneScaleP += Math.max(gu * gu, next * next);
                s.data[base + j] = next;
                b.data[base + j] = t - next;
                coneScaleD += rho2 * rho2 * b.data[base + j] * b.data[base + j];
            }
        }
        // Relative residuals: primal against the iterates' size, dual against the multipliers'; per constraint and
        // summed over both.
        copyPrimal = relative(copyPrimalSquares, copyScaleP);
        copyDual = relative(copyDualSquares, copyScaleD);
        conePrimal = relative(conePrimalSquares, coneScaleP);
        coneDual = relative(coneDualSquares, coneScaleD);
        primalResidual = relative(copyPrimalSquares + conePrimalSquares, copyScaleP + coneScaleP);
        dualResidual = relative(copyDualSquares + coneDualSquares, copyScaleD + coneScaleD);
    }

    /** {@code sqrt(squares / scale)} (0 when both are 0). */
    private static double relative(double squares, double scale) {
        return Math.sqrt(squares / Math.max(scale, Double.MIN_NORMAL));
    }

    /** The sparse iterate {@code v} on the working set's blocks ({@code [v_1..v_W, w_1..w_W]}), a copy. */
    ConvexReluWeights weights() {
        return ConvexReluWeights.ofBlocks(v.copy(), false);
    }

    /** The cone multipliers {@code mu = max(0, -rho2 b)} on the working set's blocks ({@code n x 2W}). */
    DMatrixRMaj multipliers() {
        DMatrixRMaj mu = new DMatrixRMaj(n, k);
        for (int i = 0; i < mu.data.length; i++) {
            mu.data[i] = Math.max(0, -rho2 * b.data[i]);
        }
        return mu;
    }

    /** The number of working-set patterns whose blocks are nonzero in {@code v}. */
    int nonzeroPatterns() {
        double[] norms = ConvexReluWeights.blockNorms(v);
        int w = patterns.length;
        int c = 0;
        for (int i = 0; i < w; i++) {
            c += norms[i] > 0 || norms[w + i] > 0 ? 1 : 0;
        }
        return c;
    }

    private boolean active(int row, int j) {
        return op.active(row, j < patterns.length ? j : j - patterns.length);
    }

    /** {@code B^{-1} h = Q diag(inverse) Q^T h} ({@code d x K}). */
    private DMatrixRMaj applyInverse(DMatrixRMaj h) {
        Linalg linalg = Linalg.get();
        DMatrixRMaj t = linalg.mult(q, true, h, false);
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < k; j++) {
                t.data[c * k + j] *= inverse[c];
            }
        }
        return linalg.mult(q, false, t, false);
    }
}

package io.dualnet.duality;

import io.dualnet.convex.PatternOperator;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

/**
 * Upper bounds on the dual constraint functions of the convex ReLU problem, per block (spec §1.3):
 *
 * <pre>
 *   gated:  ||X^T D_i lambda||_2
 *   cone:   max_{u in K_i, ||u|| <= 1} +-lambda^T D_i X u  <=  min_{mu >= 0} ||X^T(+-D_i lambda + (2 D_i - I) mu)||_2
 * </pre>
 *
 * with {@code K_i = {u : (2 D_i - I) X u >= 0}}. Any {@code mu >= 0} gives a valid bound (weak duality of the inner
 * maximization); the bound is refined by a batched projected gradient with momentum and restarts on the NNLS
 * {@code min_{mu >= 0} 1/2 ||X^T(a + S mu)||^2}, warm-started from given multipliers (e.g. an augmented Lagrangian's),
 * only for blocks whose bound exceeds {@code beta} (the others cannot lower the certificate); on small instances the
 * blocks still above {@code beta} are then solved exactly by {@link ActiveSetNnls}. The iterates stay non-negative,
 * so every recorded bound is valid. Work is done on column chunks: memory {@code O(n * chunk)}.
 */
final class DualConstraintBounds {
    private static final double LIPSCHITZ_MARGIN = 1.1;
    private static final int POWER_ITERATIONS = 60;
    private static final int CHECK_EVERY = 10;
    /** Largest {@code n d'} for which blocks left above {@code beta} are polished by the exact active-set NNLS. */
    private static final long ACTIVE_SET_LIMIT = 20_000;

    private DualConstraintBounds() {
    }

    /**
     * Per-block bounds ({@code P} gated, {@code 2P} cone: {@code v}-blocks then {@code w}-blocks).
     *
     * @param op the pattern operator (features and patterns)
     * @param lambda the dual point (not modified)
     * @param gated which problem
     * @param multipliers {@code n x 2P} starting multipliers {@code mu >= 0} (cone only; not modified), or {@code null}
     * @param beta the constraint level: blocks at or below it are not refined
     * @param iterations refinement iterations per chunk ({@code 0}: no refinement)
     */
    static double[] compute(PatternOperator op, double[] lambda, boolean gated, DMatrixRMaj multipliers, double beta,
                            int iterations) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        int p = op.patterns().count();
        int k = gated ? p : 2 * p;
        double[] bounds = new double[k];
        int width = Math.max(1, PatternOperator.chunkWidth(n, k) / 4);
        double lipschitz = gated || iterations == 0 ? 0 : LIPSCHITZ_MARGIN * op.featureNormSquaredEstimate(
                POWER_ITERATIONS, 17L);
        for (int from = 0; from < k; from += width) {
            int to = Math.min(k, from + width);
            int c = to - from;
            DMatrixRMaj mu = new DMatrixRMaj(n, c);
            if (multipliers != null) {
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < c; j++) {
                        mu.data[r * c + j] = Math.max(0, multipliers.data[r * multipliers.numCols + from + j]);
                    }
                }
            }
            refine(op, lambda, p, from, mu, beta, gated ? 0 : iterations, lipschitz, bounds);
        }
        return bounds;
    }

    /** Bounds of blocks {@code from .. from + mu.numCols} into {@code bounds}, refining {@code mu} in place. */
    private static void refine(PatternOperator op, double[] lambda, int p, int from, DMatrixRMaj mu, double beta,
                               int iterations, double lipschitz, double[] bounds) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int c = mu.numCols;
        DMatrixRMaj e = new DMatrixRMaj(n, c);
        DMatrixRMaj ct = new DMatrixRMaj(x.numCols, c);
        DMatrixRMaj xc = iterations > 0 ? new DMatrixRMaj(n, c) : null;
        DMatrixRMaj previous = iterations > 0 ? mu.copy() : null;
        DMatrixRMaj current = iterations > 0 ? mu.copy() : null;
        java.util.Arrays.fill(bounds, from, from + c, Double.POSITIVE_INFINITY);
        double t = 1;
        double lastWorst = Double.POSITIVE_INFINITY;
        for (int it = 0; ; it++) {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < c; j++) {
                    int block = from + j;
                    boolean on = op.active(r, block < p ? block : block - p);
                    double a = on ? (block < p ? lambda[r] : -lambda[r]) : 0;
                    e.data[r * c + j] = a + (on ? 1 : -1) * mu.data[r * c + j];
                }
            }
            Linalg.get().multInto(x, true, e, false, ct);
            double worst = 0;
            double[] norms = io.dualnet.convex.ConvexReluWeights.blockNorms(ct);
            for (int j = 0; j < c; j++) {
                bounds[from + j] = Math.min(bounds[from + j], norms[j]);
                worst = Math.max(worst, bounds[from + j]);
            }
            if (it >= iterations || worst <= beta) {
                break;
            }
            if (it % CHECK_EVERY == 0) {
                if (worst >= lastWorst * (1 - 1e-13)) {
                    break;
                }
                lastWorst = worst;
            }
            // mu+ = max(0, mu - S X C / L), then a projected momentum step (restarted when it points uphill).
            Linalg.get().multInto(x, false, ct, false, xc);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            double uphill = 0;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < c; j++) {
                    int idx = r * c + j;
                    int block = from + j;
                    double s = op.active(r, block < p ? block : block - p) ? 1 : -1;
                    double next = Math.max(0, mu.data[idx] - s * xc.data[idx] / lipschitz);
                    uphill += (mu.data[idx] - next) * (next - current.data[idx]);
                    previous.data[idx] = current.data[idx];
                    current.data[idx] = next;
                }
            }
            if (uphill > 0) {
                t = 1;
                System.arraycopy(current.data, 0, mu.data, 0, n * c);
                continue;
            }
            t = tNext;
            for (int idx = 0; idx < n * c; idx++) {
                mu.data[idx] = Math.max(0, current.data[idx] + momentum * (current.data[idx] - previous.data[idx]));
            }
        }
        if (iterations > 0 && (long) n * x.numCols <= ACTIVE_SET_LIMIT) {
            for (int j = 0; j < c; j++) {
                if (bounds[from + j] > beta) {
                    bounds[from + j] = Math.min(bounds[from + j], activeSet(op, lambda, p, from + j));
                }
            }
        }
    }

    /** The exact bound of one block by {@link ActiveSetNnls} on {@code B = X^T S}, {@code c = X^T a}. */
    private static double activeSet(PatternOperator op, double[] lambda, int p, int block) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        double[] bm = new double[d * n];
        double[] cv = new double[d];
        for (int r = 0; r < n; r++) {
            boolean on = op.active(r, block < p ? block : block - p);
            double a = on ? (block < p ? lambda[r] : -lambda[r]) : 0;
            for (int f = 0; f < d; f++) {
                double v = x.data[r * d + f];
                bm[f * n + r] = on ? v : -v;
                cv[f] += v * a;
            }
        }
        double[] mu = ActiveSetNnls.solve(bm, d, n, cv);
        double s = 0;
        for (int f = 0; f < d; f++) {
            double t = cv[f];
            for (int r = 0; r < n; r++) {
                t += bm[f * n + r] * mu[r];
            }
            s += t * t;
        }
        return Math.sqrt(s);
    }
}

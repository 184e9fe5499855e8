package io.dualnet.convex;

import io.dualnet.linalg.SinglePrecisionProducts;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * The non-negative least-squares problems of the cone ReLU program, batched over blocks (spec §1.3):
 *
 * <pre>
 *   min_{mu_j >= 0} || c_j + X^T S_j mu_j ||_2,     S_j = 2 D_{i(j)} - I,
 * </pre>
 *
 * one per column {@code c_j} of a {@code d' x c} offset matrix. With {@code c_j = X^T (+-D_i lambda)} the minimum
 * bounds the cone dual constraint of block {@code j} (any {@code mu >= 0} gives a valid bound); with {@code c_j = b}
 * the minimizer {@code b + X^T S mu} is the projection of {@code b} onto the cone {@code {u : S X u >= 0}} (its dual).
 * Solved by projected gradient with momentum and gradient restarts, two GEMMs per iteration for all columns
 * ({@code X^T (S o M)}, {@code X (.)}); the iterates stay non-negative, so every recorded value is valid. For large
 * {@code X} the iterations' GEMMs are in single precision ({@link PatternOperator#singleProducts}, half the time of
 * double at n = 12000) and the returned vectors are recomputed in double from the best multipliers, so they are exact
 * for the multipliers returned; the float rounding (about 1e-6 relative) only limits how far the minimization gets.
 * On small instances ({@code n d' <= } {@link #ACTIVE_SET_LIMIT}) columns left above the target are solved exactly
 * by {@link ActiveSetNnls}. Only the named outputs are modified.
 */
public final class ConeNnls {
    /** Largest {@code n d'} for which the exact active-set method polishes the result. */
    public static final long ACTIVE_SET_LIMIT = 20_000;
    private static final int CHECK_EVERY = 10;

    private ConeNnls() {
    }

    /**
     * Minimizes every column.
     *
     * @param op features and patterns
     * @param blocks block index per column ({@code j < P}: pattern {@code j}; else pattern {@code j - P})
     * @param offsets {@code c_j} as the columns of a {@code d' x c} matrix (not modified)
     * @param mu starting multipliers {@code n x c} (clipped at 0); overwritten with the best ones found
     * @param iterations gradient iterations ({@code 0}: evaluate only)
     * @param target stop once every column's norm is at most this ({@code -infinity}: run to convergence)
     * @param lipschitz an upper bound on {@code ||X||^2}
     * @return the minimizing vectors {@code c_j + X^T S_j mu_j}, {@code d' x c}
     */
    public static DMatrixRMaj minimize(PatternOperator op, int[] blocks, DMatrixRMaj offsets, DMatrixRMaj mu,
                                       int iterations, double target, double lipschitz) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        int c = blocks.length;
        int p = op.patterns().count();
        double[] side = new double[n * c];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < c; j++) {
                side[r * c + j] = op.active(r, blocks[j] < p ? blocks[j] : blocks[j] - p) ? 1 : -1;
                mu.data[r * c + j] = Math.max(0, mu.data[r * c + j]);
            }
        }
        DMatrixRMaj e = new DMatrixRMaj(n, c);
        DMatrixRMaj ct = new DMatrixRMaj(d, c);
        DMatrixRMaj best = new DMatrixRMaj(d, c);
        DMatrixRMaj bestMu = mu.copy();
        double[] bestNorm = new double[c];
        Arrays.fill(bestNorm, Double.POSITIVE_INFINITY);
        DMatrixRMaj xc = iterations > 0 ? new DMatrixRMaj(n, c) : null;
        DMatrixRMaj previous = mu.copy();
        DMatrixRMaj current = mu.copy();
        double t = 1;
        double lastWorst = Double.POSITIVE_INFINITY;
        // An evaluation alone (no iterations) is exact: in double.
        SinglePrecisionProducts products = iterations > 0 ? op.singleProducts() : SinglePrecisionProducts.of(x, false);
        for (int it = 0; ; it++) {
            vectorsInto(products, side, mu, offsets, e, ct);
            double[] norms = ConvexReluWeights.blockNorms(ct);
            double worst = 0;
            for (int j = 0; j < c; j++) {
                if (norms[j] < bestNorm[j]) {
                    bestNorm[j] = norms[j];
                    for (int r = 0; r < d; r++) {
                        best.data[r * c + j] = ct.data[r * c + j];
                    }
                    for (int r = 0; r < n; r++) {
                        bestMu.data[r * c + j] = mu.data[r * c + j];
                    }
                }
                worst = Math.max(worst, bestNorm[j]);
            }
            if (it >= iterations || worst <= target) {
                break;
            }
            if (it % CHECK_EVERY == 0) {
                if (worst >= lastWorst * (1 - 1e-13)) {
                    break;
                }
                lastWorst = worst;
            }
            // mu+ = max(0, mu - S o (X ct) / L), then a projected momentum step (restarted when it points uphill).
            products.multInto(false, ct, xc);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            double uphill = 0;
            for (int idx = 0; idx < n * c; idx++) {
                double next = Math.max(0, mu.data[idx] - side[idx] * xc.data[idx] / lipschitz);
                uphill += (mu.data[idx] - next) * (next - current.data[idx]);
                previous.data[idx] = current.data[idx];
                current.data[idx] = next;
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
        System.arraycopy(bestMu.data, 0, mu.data, 0, n * c);
        if (products.single()) {
            // The returned vectors exactly, in double, for the multipliers returned.
            vectorsInto(SinglePrecisionProducts.of(x, false), side, mu, offsets, e, best);
        }
        if (iterations > 0 && (long) n * d <= ACTIVE_SET_LIMIT) {
            for (int j = 0; j < c; j++) {
                if (bestNorm[j] > target) {
                    polish(op, side, j, c, offsets, best, bestNorm, mu);
                }
            }
        }
        return best;
    }

    /**
     * {@code c_j + X^T S_j mu_j} for every column into {@code out}, through {@code e} ({@code n x c}, overwritten), with
     * the products of {@code products}.
     */
    private static void vectorsInto(SinglePrecisionProducts products, double[] side, DMatrixRMaj mu,
                                    DMatrixRMaj offsets, DMatrixRMaj e, DMatrixRMaj out) {
        for (int idx = 0; idx < e.data.length; idx++) {
            e.data[idx] = side[idx] * mu.data[idx];
        }
        products.multInto(true, e, out);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] += offsets.data[i];
        }
    }

    /** Solves column {@code j} exactly and keeps the result when it is smaller. */
    private static void polish(PatternOperator op, double[] side, int j, int c, DMatrixRMaj offsets, DMatrixRMaj best,
                               double[] bestNorm, DMatrixRMaj mu) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        double[] bm = new double[d * n];
        double[] cv = new double[d];
        for (int f = 0; f < d; f++) {
            cv[f] = offsets.data[f * c + j];
            for (int r = 0; r < n; r++) {
                bm[f * n + r] = side[r * c + j] * x.data[r * d + f];
            }
        }
        double[] m = ActiveSetNnls.solve(bm, d, n, cv);
        double[] v = cv.clone();
        double s = 0;
        for (int f = 0; f < d; f++) {
            for (int r = 0; r < n; r++) {
                v[f] += bm[f * n + r] * m[r];
            }
            s += v[f] * v[f];
        }
        if (Math.sqrt(s) < bestNorm[j]) {
            bestNorm[j] = Math.sqrt(s);
            for (int f = 0; f < d; f++) {
                best.data[f * c + j] = v[f];
            }
            for (int r = 0; r < n; r++) {
                mu.data[r * c + j] = m[r];
            }
        }
    }
}

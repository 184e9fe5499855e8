package io.dualnet.duality;

import io.dualnet.convex.ConeNnls;
import io.dualnet.convex.ConvexReluWeights;
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
 * maximization); the cone bounds of blocks above {@code beta} (the others cannot lower the certificate) are refined by
 * {@link ConeNnls}, warm-started from given multipliers (e.g. an augmented Lagrangian's). Work is done on column
 * chunks: memory {@code O(n * chunk)}.
 */
final class DualConstraintBounds {
    private static final double LIPSCHITZ_MARGIN = 1.1;
    private static final int POWER_ITERATIONS = 60;

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
        int p = op.patterns().count();
        int k = gated ? p : 2 * p;
        double[] bounds = new double[k];
        int width = Math.max(1, PatternOperator.chunkWidth(n, k) / 4);
        double lipschitz = 0;
        for (int from = 0; from < k; from += width) {
            int to = Math.min(k, from + width);
            int c = to - from;
            DMatrixRMaj masked = new DMatrixRMaj(n, c);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < c; j++) {
                    int block = from + j;
                    boolean on = op.active(r, block < p ? block : block - p);
                    masked.data[r * c + j] = on ? (block < p ? lambda[r] : -lambda[r]) : 0;
                }
            }
            DMatrixRMaj offsets = Linalg.get().multTransA(x, masked);
            double[] norms = ConvexReluWeights.blockNorms(offsets);
            boolean refine = false;
            for (int j = 0; j < c; j++) {
                bounds[from + j] = norms[j];
                refine |= norms[j] > beta;
            }
            if (gated || !refine) {
                continue;
            }
            DMatrixRMaj mu = new DMatrixRMaj(n, c);
            if (multipliers != null) {
                for (int r = 0; r < n; r++) {
                    System.arraycopy(multipliers.data, r * multipliers.numCols + from, mu.data, r * c, c);
                }
            }
            if (lipschitz == 0 && iterations > 0) {
                lipschitz = LIPSCHITZ_MARGIN * op.featureNormSquaredEstimate(POWER_ITERATIONS, 17L);
            }
            int[] blocks = new int[c];
            for (int j = 0; j < c; j++) {
                blocks[j] = from + j;
            }
            double[] refined = ConvexReluWeights.blockNorms(
                    ConeNnls.minimize(op, blocks, offsets, mu, iterations, beta, Math.max(lipschitz, 1e-300)));
            for (int j = 0; j < c; j++) {
                bounds[from + j] = Math.min(bounds[from + j], refined[j]);
            }
        }
        return bounds;
    }
}

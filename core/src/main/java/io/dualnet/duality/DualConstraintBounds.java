package io.dualnet.duality;

import io.dualnet.convex.ConeMultipliers;
import io.dualnet.convex.ConeNnls;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

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
 * {@link ConeNnls}, warm-started from given multipliers (e.g. an augmented Lagrangian's), gathering only those blocks
 * (few near an optimum) into the refinement's GEMMs. Work is done on column chunks: memory {@code O(n * chunk + K d')}.
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
     * @param multipliers {@code n x 2P} starting multipliers {@code mu >= 0} (cone only; read one column chunk at a
     *                    time; not modified unless {@link ConeMultipliers#keepsRefined()}, in which case the refined
     *                    blocks' multipliers are written back), or {@code null}
     * @param beta the constraint level: blocks at or below it are not refined
     * @param iterations refinement iterations per chunk ({@code 0}: no refinement)
     */
    static double[] compute(PatternOperator op, double[] lambda, boolean gated, ConeMultipliers multipliers, double beta,
                            int iterations) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        int p = op.patterns().count();
        int k = gated ? p : 2 * p;
        double[] bounds = new double[k];
        DMatrixRMaj offsets = new DMatrixRMaj(d, k);
        int width = Math.max(1, PatternOperator.chunkWidth(n, k) / 4);
        double lipschitz = LIPSCHITZ_MARGIN * (gated ? 0 : op.featureNormSquaredEstimate(POWER_ITERATIONS, 17L));
        List<Integer> above = new ArrayList<>();
        // Pass 1, every block: X^T(+-D lambda) (the gated bound), then the bound with the given multipliers.
        for (int from = 0; from < k; from += width) {
            int[] blocks = range(from, Math.min(k, from + width));
            int c = blocks.length;
            DMatrixRMaj masked = new DMatrixRMaj(n, c);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < c; j++) {
                    int block = blocks[j];
                    boolean on = op.active(r, block < p ? block : block - p);
                    masked.data[r * c + j] = on ? (block < p ? lambda[r] : -lambda[r]) : 0;
                }
            }
            DMatrixRMaj part = Linalg.get().multTransA(x, masked);
            double[] norms = ConvexReluWeights.blockNorms(part);
            if (!gated && multipliers != null) {
                double[] with = ConvexReluWeights.blockNorms(ConeNnls.minimize(op, blocks, part,
                        multipliers.columns(blocks), 0, beta, Math.max(lipschitz, 1e-300)));
                for (int j = 0; j < c; j++) {
                    norms[j] = Math.min(norms[j], with[j]);
                }
            }
            for (int j = 0; j < c; j++) {
                bounds[blocks[j]] = norms[j];
                for (int r = 0; r < d; r++) {
                    offsets.data[r * k + blocks[j]] = part.data[r * c + j];
                }
                if (!gated && norms[j] > beta) {
                    above.add(blocks[j]);
                }
            }
        }
        if (gated || iterations == 0) {
            return bounds;
        }
        // Pass 2, only the cone blocks above beta (few near an optimum): NNLS refinement.
        int narrow = Math.max(1, PatternOperator.chunkWidth(n, above.size()) / 4);
        for (int from = 0; from < above.size(); from += narrow) {
            int[] blocks = new int[Math.min(narrow, above.size() - from)];
            for (int j = 0; j < blocks.length; j++) {
                blocks[j] = above.get(from + j);
            }
            DMatrixRMaj start = multipliers == null ? new DMatrixRMaj(n, blocks.length) : multipliers.columns(blocks);
            double[] refined = ConvexReluWeights.blockNorms(ConeNnls.minimize(op, blocks, columns(offsets, blocks),
                    start, iterations, beta, Math.max(lipschitz, 1e-300)));
            if (multipliers != null && multipliers.keepsRefined()) {
                multipliers.setColumns(blocks, start);
            }
            for (int j = 0; j < blocks.length; j++) {
                bounds[blocks[j]] = Math.min(bounds[blocks[j]], refined[j]);
            }
        }
        return bounds;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int j = 0; j < out.length; j++) {
            out[j] = from + j;
        }
        return out;
    }

    /** The columns {@code cols} of {@code a} as a new matrix. */
    private static DMatrixRMaj columns(DMatrixRMaj a, int[] cols) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, cols.length);
        for (int r = 0; r < a.numRows; r++) {
            for (int j = 0; j < cols.length; j++) {
                out.data[r * cols.length + j] = a.data[r * a.numCols + cols[j]];
            }
        }
        return out;
    }
}

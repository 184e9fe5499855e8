package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

/**
 * The equivalence of Wang, Ergen, Pilanci, Appendix B, eq. (31): training a depth-{@code L} linear network with weight
 * decay and squared loss,
 *
 * <pre>
 *   min_{W_1..W_L} 1/2 ||X W_1 ... W_L - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2,
 * </pre>
 *
 * equals the Schatten-{@code 2/L} quasi-norm problem over the end-to-end matrix {@code W = W_1 ... W_L},
 *
 * <pre>
 *   min_W 1/2 ||X W - Y||_F^2 + (beta L / 2) ||W||_{S_{2/L}}^{2/L},
 * </pre>
 *
 * because {@code min { 1/2 sum ||W_l||_F^2 : W_1 ... W_L = W } = (L/2) ||W||_{S_{2/L}}^{2/L}} (Prop. 2), attained by
 * the balanced factorization {@code W_l = U_{l-1} Sigma^{1/L} U_l^T}. The quasi-norm problem is non-convex for
 * {@code L >= 3}; for whitened data it separates per singular value ({@link WhitenedWeightDecay}). Rows are samples;
 * arguments are never modified.
 */
public final class SchattenQuasiNormProblem {
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final int depth;
    private final double beta;

    /**
     * @param x data, {@code n x d}, finite
     * @param y targets, {@code n x c}, finite
     * @param depth {@code L >= 2}
     * @param beta weight decay {@code beta >= 0}
     */
    public SchattenQuasiNormProblem(DMatrixRMaj x, DMatrixRMaj y, int depth, double beta) {
        Matrices.requireData("x", Matrices.requireNonEmpty("x", x));
        Matrices.requireData("y", Matrices.requireNonEmpty("y", y));
        if (x.numRows != y.numRows) {
            throw new MatrixDimensionException("y", Matrices.shape(y), "as many rows as x, " + Matrices.shape(x));
        }
        InvalidInputException.requireAtLeast("depth", depth, 2);
        InvalidInputException.requireNonNegative("beta", beta);
        this.x = x.copy();
        this.y = y.copy();
        this.depth = depth;
        this.beta = beta;
    }

    /** The value of (31) at an end-to-end matrix {@code w} ({@code d x c}). */
    public double value(DMatrixRMaj w) {
        if (w.numRows != x.numCols || w.numCols != y.numCols) {
            throw new MatrixDimensionException("w", Matrices.shape(w), x.numCols + "x" + y.numCols);
        }
        double loss = 0.5 * Math.pow(Matrices.distance(Linalg.get().mult(x, w), y), 2);
        return loss + beta * depth / 2 * Schatten.powerSum(Linalg.get().singularValues(w), 2.0 / depth);
    }

    /** The weight-decay objective of a depth-{@code L} network. */
    public double networkObjective(DeepLinearWeights weights) {
        if (weights.depth() != depth) {
            throw new InvalidInputException("weights", "depth " + weights.depth(), "depth " + depth);
        }
        double loss = 0.5 * Math.pow(Matrices.distance(weights.predict(x), y), 2);
        double decay = 0;
        for (DMatrixRMaj layer : weights.layers()) {
            decay += Matrices.frobeniusSquared(layer);
        }
        return loss + beta / 2 * decay;
    }

    /**
     * The balanced factorization of {@code w} into {@code L} layers with the given hidden widths (each at least
     * {@code rank(w)}), whose weight-decay objective equals {@link #value(DMatrixRMaj)} at {@code w}.
     */
    public DeepLinearWeights balancedFactorization(DMatrixRMaj w, int[] hiddenWidths) {
        if (hiddenWidths.length != depth - 1) {
            throw new InvalidInputException("hiddenWidths", hiddenWidths.length + " widths", (depth - 1) + " widths");
        }
        Svd svd = Linalg.get().svd(w);
        int r = svd.rank();
        for (int i = 0; i < hiddenWidths.length; i++) {
            if (hiddenWidths[i] < r) {
                throw new InvalidInputException("hiddenWidths[" + i + "]", hiddenWidths[i], "width >= rank(W) = " + r);
            }
        }
        double[] s = java.util.Arrays.copyOf(svd.s(), r);
        return BalancedLayers.propositionTwo(Matrices.leadingColumns(svd.u(), r), s,
                Matrices.leadingColumns(svd.v(), r), hiddenWidths);
    }
}

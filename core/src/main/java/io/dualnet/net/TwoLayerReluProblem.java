package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * The weight-decay-regularized two-layer ReLU network with scalar output (paper 002 (1), Appendix A; spec §1.3):
 *
 * <pre>
 *   min_{u_j, alpha_j}  l( sum_j (X u_j)_+ alpha_j , y ) + (beta/2) sum_j ( ||u_j||_2^2 + alpha_j^2 ).
 * </pre>
 *
 * <p>Rows are samples: {@code X} is {@code n x d}, {@code y} has {@code n} entries. With {@code bias = true} a column
 * of ones is appended to {@code X} (a hidden-layer bias, regularized with {@code u_j}); {@link #features()} returns
 * that augmented {@code n x (d+1)} matrix, which is what every solver works on. The loss is summed over samples (for
 * {@code squared}: {@code 1/2 ||yhat - y||^2}). An immutable value: inputs are validated and copied.
 */
public final class TwoLayerReluProblem {
    private final DMatrixRMaj x;
    private final DMatrixRMaj features;
    private final double[] y;
    private final Loss loss;
    private final double beta;
    private final boolean bias;

    /**
     * @param x inputs, {@code n x d}, finite, non-empty (copied)
     * @param y targets, {@code n} entries, valid labels for {@code loss} (copied)
     * @param loss the loss
     * @param beta weight decay {@code beta > 0}
     * @param bias whether to append a column of ones (hidden-layer bias)
     * @throws InvalidInputException naming the parameter on any violation
     */
    public TwoLayerReluProblem(DMatrixRMaj x, double[] y, Loss loss, double beta, boolean bias) {
        Matrices.requireNonEmpty("x", x);
        Matrices.requireData("x", x);
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(loss, "loss");
        if (y.length != x.numRows) {
            throw new MatrixDimensionException("y", y.length + " entries",
                    "one entry per row (sample) of x, which is " + Matrices.shape(x));
        }
        loss.validateLabels("y", y);
        InvalidInputException.requirePositive("beta", beta);
        this.x = x.copy();
        this.y = y.clone();
        this.loss = loss;
        this.beta = beta;
        this.bias = bias;
        this.features = bias ? withOnes(x) : this.x;
    }

    private static DMatrixRMaj withOnes(DMatrixRMaj x) {
        DMatrixRMaj a = new DMatrixRMaj(x.numRows, x.numCols + 1);
        for (int i = 0; i < x.numRows; i++) {
            System.arraycopy(x.data, i * x.numCols, a.data, i * a.numCols, x.numCols);
            a.data[i * a.numCols + x.numCols] = 1.0;
        }
        return a;
    }

    /** The same problem with another {@code beta} (for paths). */
    public TwoLayerReluProblem withBeta(double newBeta) {
        return new TwoLayerReluProblem(x, y, loss, newBeta, bias);
    }

    /** Inputs {@code X}, {@code n x d} (a copy). */
    public DMatrixRMaj x() {
        return x.copy();
    }

    /** The solver's design matrix: {@code X}, or {@code [X, 1]} with a bias; {@code n x featureCount()} (a copy). */
    public DMatrixRMaj features() {
        return features.copy();
    }

    /** Read-only view of {@link #features()} for solvers: callers must not modify it. */
    public DMatrixRMaj featuresView() {
        return features;
    }

    /** Targets (a copy). */
    public double[] y() {
        return y.clone();
    }

    /** Read-only view of the targets for solvers: callers must not modify it. */
    public double[] yView() {
        return y;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** Weight decay {@code beta}. */
    public double beta() {
        return beta;
    }

    /** Whether a column of ones is appended. */
    public boolean bias() {
        return bias;
    }

    /** Samples {@code n}. */
    public int samples() {
        return x.numRows;
    }

    /** Input dimension {@code d} (without the bias column). */
    public int inputDimension() {
        return x.numCols;
    }

    /** Columns of {@link #features()}: {@code d} or {@code d + 1}. */
    public int featureCount() {
        return features.numCols;
    }

    /**
     * The non-convex objective of {@code network} on this problem:
     * {@code l(network.predict(X), y) + (beta/2)(||U||_F^2 + ||alpha||^2)}.
     */
    public double objective(TwoLayerReluNetwork network) {
        return loss.value(network.predict(x), y) + 0.5 * beta * network.squaredNorm();
    }
}

package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Problem (4) of Zhang, Shao and Salakhutdinov (AISTATS 2019): a depth-{@code H} linear network with Schatten-{@code H}
 * regularization,
 *
 * <pre>
 *   min_{W_1..W_H}  1/2 ||Y - X W_1 W_2 ... W_H||_F^2
 *                   + (gamma/H) [ ||X W_1||_{S_H}^H + sum_{i=2..H} ||W_i||_{S_H}^H ].
 * </pre>
 *
 * <p>Rows are samples: {@code X} is {@code n x d_0}, {@code Y} is {@code n x d_H}, layer {@code W_l} is
 * {@code d_{l-1} x d_l}. The paper stores samples as columns ({@code X_paper = X^T}, {@code Y_paper = Y^T},
 * {@code W_l,paper = W_l^T}); every Schatten norm is invariant under transposition, so the objective is the same
 * number. For {@code H = 2} the regularizer is {@code gamma/2 (||X W_1||_F^2 + ||W_2||_F^2)}.
 *
 * <p>An immutable value: inputs are validated and copied.
 */
public final class DeepLinearProblem {
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final int[] hiddenWidths;
    private final double gamma;

    /**
     * @param x inputs {@code X}, {@code n x d_0}, finite (copied)
     * @param y targets {@code Y}, {@code n x d_H}, finite, same number of rows as {@code x} (copied)
     * @param hiddenWidths {@code d_1, ..., d_{H-1}}, each {@code >= 1}; the depth is {@code H = length + 1 >= 2}
     * @param gamma regularization {@code gamma >= 0}
     * @throws InvalidInputException on any violation, naming the parameter
     */
    public DeepLinearProblem(DMatrixRMaj x, DMatrixRMaj y, int[] hiddenWidths, double gamma) {
        Matrices.requireNonEmpty("x", x);
        Matrices.requireNonEmpty("y", y);
        Matrices.requireData("x", x);
        Matrices.requireData("y", y);
        if (x.numRows != y.numRows) {
            throw new MatrixDimensionException("y", Matrices.shape(y),
                    "as many rows (samples) as x, which is " + Matrices.shape(x));
        }
        if (hiddenWidths == null || hiddenWidths.length < 1) {
            throw new InvalidInputException("depth", hiddenWidths == null ? 1 : hiddenWidths.length + 1,
                    "an integer >= 2 (at least one hidden width)");
        }
        for (int i = 0; i < hiddenWidths.length; i++) {
            InvalidInputException.requireAtLeast("widths[" + i + "]", hiddenWidths[i], 1);
        }
        InvalidInputException.requireNonNegative("gamma", gamma);
        this.x = x.copy();
        this.y = y.copy();
        this.hiddenWidths = hiddenWidths.clone();
        this.gamma = gamma;
    }

    /** {@code X} ({@code n x d_0}, a copy). */
    public DMatrixRMaj x() {
        return x.copy();
    }

    /** {@code Y} ({@code n x d_H}, a copy). */
    public DMatrixRMaj y() {
        return y.copy();
    }

    /** Number of samples {@code n}. */
    public int samples() {
        return x.numRows;
    }

    /** Input dimension {@code d_0}. */
    public int inputDim() {
        return x.numCols;
    }

    /** Output dimension {@code d_H}. */
    public int outputDim() {
        return y.numCols;
    }

    /** Depth {@code H}. */
    public int depth() {
        return hiddenWidths.length + 1;
    }

    /** Hidden widths {@code d_1..d_{H-1}} (a copy). */
    public int[] hiddenWidths() {
        return hiddenWidths.clone();
    }

    /** All widths {@code d_0, d_1, ..., d_H}. */
    public int[] widths() {
        int[] d = new int[hiddenWidths.length + 2];
        d[0] = x.numCols;
        System.arraycopy(hiddenWidths, 0, d, 1, hiddenWidths.length);
        d[d.length - 1] = y.numCols;
        return d;
    }

    /** {@code d_min = min(d_1..d_{H-1})}, the largest rank the network can represent. */
    public int dMin() {
        return Arrays.stream(hiddenWidths).min().orElseThrow();
    }

    /** Regularization weight {@code gamma}. */
    public double gamma() {
        return gamma;
    }

    /** A copy of this problem with another {@code gamma}. */
    public DeepLinearProblem withGamma(double newGamma) {
        return new DeepLinearProblem(x, y, hiddenWidths, newGamma);
    }

    /** Throws unless {@code w} has this problem's depth and layer shapes. */
    public void checkShapes(DeepLinearWeights w) {
        int[] expected = widths();
        int[] actual = w.widths();
        if (!Arrays.equals(expected, actual)) {
            throw new MatrixDimensionException("weights", "widths " + Arrays.toString(actual),
                    "widths " + Arrays.toString(expected) + " (d_0..d_H)");
        }
    }

    /** The loss term {@code 1/2 ||Y - X W_1..W_H||_F^2}. */
    public double loss(DeepLinearWeights w) {
        checkShapes(w);
        DMatrixRMaj residual = w.predict(x);
        return 0.5 * Math.pow(Matrices.distance(residual, y), 2);
    }

    /** The regularizer {@code (gamma/H)[||X W_1||_{S_H}^H + sum_{i>=2} ||W_i||_{S_H}^H]}. */
    public double regularizer(DeepLinearWeights w) {
        checkShapes(w);
        return regularizer(w, Linalg.get().mult(x, w.layerView(1)));
    }

    private double regularizer(DeepLinearWeights w, DMatrixRMaj xw1) {
        int h = depth();
        double sum = Schatten.powerSum(xw1, h);
        for (int l = 2; l <= h; l++) {
            sum += Schatten.powerSum(w.layerView(l), h);
        }
        return gamma / h * sum;
    }

    /** The objective (4) at {@code w}: {@link #loss} plus {@link #regularizer}, computing {@code X W_1} once. */
    public double objective(DeepLinearWeights w) {
        checkShapes(w);
        DMatrixRMaj xw1 = Linalg.get().mult(x, w.layerView(1));
        DMatrixRMaj z = xw1;
        for (int l = 2; l <= depth(); l++) {
            z = Linalg.get().mult(z, w.layerView(l));
        }
        return 0.5 * Math.pow(Matrices.distance(z, y), 2) + regularizer(w, xw1);
    }
}

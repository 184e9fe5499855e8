package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The weight-decay experiment of paper 003 Figures 2a and 5b: a two-layer linear network {@code X W_1 W_2}
 * ({@code W_1} {@code d x m}, {@code W_2} {@code m x c}) trained on {@code 1/2||X W_1 W_2 - Y||_F^2 + (beta/2)(||W_1||_F^2
 * + ||W_2||_F^2)} for each {@code beta} of a grid, reporting the rank and the singular values of {@code W_1}.
 *
 * <p>For {@code X} with orthonormal columns the problem equals {@code min 1/2||XW - Y||^2 + beta ||W||_*}, solved by
 * singular-value soft thresholding of {@code X^T Y}, so {@code sigma_i(W_1) = sqrt((sigma_i(X^T Y) - beta)_+)}
 * ({@link #predictedFirstLayerSingularValues}); the rank drops at each {@code sigma_i(X^T Y)}.
 */
public final class LinearWeightDecaySweep {
    private LinearWeightDecaySweep() {
    }

    /**
     * One grid point.
     *
     * @param beta the weight-decay parameter
     * @param rank rank of {@code W_1} (options' rank tolerance)
     * @param singularValues singular values of {@code W_1}, non-increasing
     * @param objective the trained objective
     */
    public record Point(double beta, int rank, double[] singularValues, double objective) {
        /** Copies the array. */
        public Point {
            singularValues = singularValues.clone();
        }

        @Override
        public double[] singularValues() {
            return singularValues.clone();
        }
    }

    /**
     * Trains one network per {@code beta} with {@code base} (architecture STANDARD, objective WEIGHT_DECAY and hidden
     * width {@code width} are imposed; everything else, seed included, is taken from {@code base}).
     *
     * @param betas finite {@code > 0} values
     */
    public static List<Point> sweep(DMatrixRMaj x, DMatrixRMaj y, int width, double[] betas,
            LinearNetworkTrainer.Options base) {
        Objects.requireNonNull(base, "base");
        if (betas == null || betas.length == 0) {
            throw new InvalidInputException("betas", betas == null ? null : "[]", "at least one beta");
        }
        List<Point> out = new ArrayList<>(betas.length);
        for (int k = 0; k < betas.length; k++) {
            InvalidInputException.requirePositive("betas[" + k + "]", betas[k]);
            LinearNetworkTrainer.Options o = base.withArchitecture(LinearNetworkTrainer.Architecture.STANDARD, 1)
                    .withObjective(LinearNetworkTrainer.Objective.WEIGHT_DECAY, betas[k]).withHiddenWidths(width);
            LinearTrainingResult r = new LinearNetworkTrainer(o).train(x, y);
            out.add(new Point(betas[k], r.layer(0, 1).rank(), r.firstLayerSingularValues(), r.bestObjective()));
        }
        return out;
    }

    /** {@code sqrt((sigma_i(X^T Y) - beta)_+)}, the closed form for {@code X} with orthonormal columns. */
    public static double[] predictedFirstLayerSingularValues(DMatrixRMaj x, DMatrixRMaj y, double beta) {
        double[] s = Linalg.get().singularValues(Linalg.get().multTransA(x, y));
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.sqrt(Math.max(0, s[i] - beta));
        }
        return out;
    }
}

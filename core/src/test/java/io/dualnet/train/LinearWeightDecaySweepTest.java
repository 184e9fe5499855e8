package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** 003 Fig. 2a/5b: rank staircase and soft-thresholded singular values of {@code W_1} on whitened data. */
class LinearWeightDecaySweepTest {

    /** Absolute tolerance on singular values of the trained {@code W_1}. */
    private static final double SINGULAR_VALUE_TOL = 2e-3;

    @Test
    void rankAndSingularValuesFollowTheSoftThreshold() {
        Random rng = new Random(11);
        DMatrixRMaj x = Linalg.get().svd(Matrices.gaussian(10, 5, 1.0, rng)).u();
        DMatrixRMaj y = Matrices.gaussian(10, 3, 1.0, rng);
        double[] s = Linalg.get().singularValues(Linalg.get().multTransA(x, y));
        double[] betas = {0.5 * s[2], 0.5 * (s[1] + s[2]), 0.5 * (s[0] + s[1]), 1.5 * s[0]};
        LinearNetworkTrainer.Options base = LinearNetworkTrainer.Options.defaults(6).withRestarts(1)
                .withIterations(4000).withLearningRate(1e-2, 1e-3);
        List<LinearWeightDecaySweep.Point> points = LinearWeightDecaySweep.sweep(x, y, 6, betas, base);
        int[] expectedRank = {3, 2, 1, 0};
        for (int k = 0; k < betas.length; k++) {
            LinearWeightDecaySweep.Point p = points.get(k);
            double[] predicted = LinearWeightDecaySweep.predictedFirstLayerSingularValues(x, y, betas[k]);
            for (int i = 0; i < predicted.length; i++) {
                assertThat(p.singularValues()[i]).as("beta %d sigma %d", k, i).isCloseTo(predicted[i],
                        within(SINGULAR_VALUE_TOL));
            }
            if (expectedRank[k] > 0) {
                assertThat(p.rank()).as("beta %d", k).isEqualTo(expectedRank[k]);
            }
        }
    }
}

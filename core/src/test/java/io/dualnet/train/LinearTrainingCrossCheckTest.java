package io.dualnet.train;

import io.dualnet.closedform.LinearMinNorm;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closed forms of paper 002 against training on seeded random instances: the standard minimum-norm network trains
 * to P (never below D), the parallel network with L-th power regularization trains to ||X^+Y||_*.
 */
class LinearTrainingCrossCheckTest {
    private static final double TRAIN_RTOL = 2e-3;
    private static final double RESIDUAL_ATOL = 1e-4;

    @ParameterizedTest(name = "seed {0}, L = {1}")
    @CsvSource({"11, 2", "11, 3", "12, 3", "13, 4"})
    void trainingReachesTheClosedForms(long seed, int depth) {
        Random rng = new Random(seed);
        DMatrixRMaj x = Matrices.gaussian(8, 5, 1, rng);
        DMatrixRMaj y = Linalg.get().mult(x, Matrices.gaussian(5, 3, 1, rng));
        LinearMinNorm closed = new LinearMinNorm(x, y, depth);
        int rank = closed.rank();

        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, rank);
        LinearTrainingResult standard = new LinearNetworkTrainer(LinearNetworkTrainer.Options.defaults(hidden)
                .withObjective(LinearNetworkTrainer.Objective.MIN_NORM, 0).withIterations(16000).withRestarts(3)
                .withSeed(seed).withThreads(2)).train(x, y);
        assertThat(standard.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_ATOL);
        assertThat(Math.abs(standard.bestObjective() - closed.primal()))
                .isLessThanOrEqualTo(TRAIN_RTOL * closed.primal());
        // Training cannot close the standard network's gap: it stays above D by the whole gap P - D.
        assertThat(standard.bestObjective() - closed.dual())
                .isGreaterThanOrEqualTo(closed.gap() - TRAIN_RTOL * closed.primal());

        int[] branchHidden = new int[depth - 1];
        Arrays.fill(branchHidden, 1);
        LinearTrainingResult parallel = new LinearNetworkTrainer(LinearNetworkTrainer.Options.defaults(branchHidden)
                .withArchitecture(LinearNetworkTrainer.Architecture.PARALLEL, rank + 1)
                .withObjective(LinearNetworkTrainer.Objective.MIN_NORM_LTH_POWER, 0).withIterations(16000)
                .withRestarts(3).withSeed(seed).withThreads(2)).train(x, y);
        assertThat(parallel.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_ATOL);
        assertThat(Math.abs(parallel.bestObjective() - closed.parallelValue()))
                .isLessThanOrEqualTo(TRAIN_RTOL * closed.parallelValue());
    }
}

package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appendix B with whitened data: exact per-singular-value solutions. */
class WhitenedWeightDecayTest {
    private static final double ATOL = 1e-10;
    private static final double RTOL = 1e-9;
    private static final int GRID = 20_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void scalarSolutionBeatsADenseGrid(int seed) {
        Random rng = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            double sigma = 0.1 + 5 * rng.nextDouble();
            double beta = 3 * rng.nextDouble();
            int depth = 2 + rng.nextInt(9);
            double s = WhitenedWeightDecay.optimalSingularValue(sigma, beta, depth);
            double best = WhitenedWeightDecay.scalarObjective(s, sigma, beta, depth);
            assertThat(s).isBetween(0.0, sigma);
            double gridBest = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= GRID; k++) {
                double t = 1.2 * sigma * k / GRID;
                gridBest = Math.min(gridBest, WhitenedWeightDecay.scalarObjective(t, sigma, beta, depth));
            }
            assertThat(best).isLessThanOrEqualTo(gridBest + ATOL);
            // A grid spacing of 6e-5 sigma gets within O(spacing^2) of a smooth minimum, or hits 0 exactly.
            assertThat(gridBest - best).isLessThanOrEqualTo(1e-6 * (1 + sigma * sigma));
        }
    }

    @Test
    void hardThresholdJumps() {
        // L = 4, sigma = 1: the optimum jumps from s > 0 to s = 0 at some beta; s never takes values in (0, s_jump).
        double previous = 1;
        double smallestPositive = 1;
        for (int k = 0; k <= 2000; k++) {
            double s = WhitenedWeightDecay.optimalSingularValue(1, k * 1e-3, 4);
            assertThat(s).isLessThanOrEqualTo(previous + ATOL);
            previous = s;
            if (s > 0) {
                smallestPositive = Math.min(smallestPositive, s);
            }
        }
        assertThat(previous).isZero();
        assertThat(smallestPositive).isGreaterThan(0.3);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void weightsAttainTheObjectiveAndRankFallsWithBeta(int seed) {
        Random rng = new Random(seed);
        int n = 8;
        int d = 5;
        int c = 4;
        int depth = 2 + rng.nextInt(5);
        DMatrixRMaj x = orthonormalColumns(n, d, rng);
        DMatrixRMaj y = Matrices.gaussian(n, c, 1, rng);
        int previousRank = Integer.MAX_VALUE;
        for (int k = 0; k <= 40; k++) {
            double beta = 0.1 * k;
            WhitenedWeightDecay w = WhitenedWeightDecay.solve(x, y, depth, beta);
            DeepLinearWeights weights = w.weights();
            double loss = 0.5 * Math.pow(Matrices.distance(weights.predict(x), y), 2);
            double reg = 0;
            for (DMatrixRMaj layer : weights.layers()) {
                reg += Matrices.frobeniusSquared(layer);
            }
            assertClose(loss + 0.5 * beta * reg, w.objective());
            assertThat(Matrices.distance(weights.product(), w.endToEnd())).isLessThanOrEqualTo(1e-9);
            assertThat(w.rank()).isLessThanOrEqualTo(previousRank);
            previousRank = w.rank();
            // Random perturbations of the optimal end-to-end matrix, through (31), never do better.
            for (int trial = 0; trial < 5; trial++) {
                DMatrixRMaj other = w.endToEnd();
                CommonOps_DDRM.addEquals(other, Matrices.gaussian(d, c, 0.05, rng));
                double[] sv = Linalg.get().singularValues(other);
                double value = 0.5 * Math.pow(Matrices.distance(CommonOps_DDRM.mult(x, other, null), y), 2)
                        + 0.5 * beta * depth * io.dualnet.reg.Schatten.powerSum(sv, 2.0 / depth);
                assertThat(value).isGreaterThanOrEqualTo(w.objective() - ATOL);
            }
        }
        assertThat(WhitenedWeightDecay.solve(x, y, depth, 0).rank()).isEqualTo(Math.min(d, c));
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 2}});
        assertThatThrownBy(() -> WhitenedWeightDecay.solve(x, CommonOps_DDRM.identity(2), 3, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("orthonormal columns");
        assertThatThrownBy(() -> WhitenedWeightDecay.solve(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2),
                3, -1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> WhitenedWeightDecay.solve(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2),
                1, 1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("depth L");
    }

    static DMatrixRMaj orthonormalColumns(int n, int d, Random rng) {
        return Matrices.leadingColumns(Linalg.get().svd(Matrices.gaussian(n, d, 1, rng)).u(), d);
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}

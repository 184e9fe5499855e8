package io.dualnet.closedform;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appendix B of paper 002, eq. (31): weight decay on a depth-L linear network equals the Schatten-2/L quasi-norm
 * problem over the end-to-end matrix (an inequality for every factorization, equality for the balanced one), and on
 * whitened data the per-singular-value solution is optimal for (31).
 */
class SchattenQuasiNormProblemPropertyTest {
    private static final double ATOL = 1e-10;
    private static final double RTOL = 1e-10;
    private static final int TRIALS = 25;

    @ParameterizedTest(name = "seed {0}, L = {1}")
    @CsvSource({"1, 2", "2, 3", "3, 4", "4, 5"})
    void everyFactorizationIsAboveItsQuasiNormValueAndTheBalancedOneAttainsIt(long seed, int depth) {
        Random rng = new Random(seed);
        DMatrixRMaj x = Matrices.gaussian(9, 4, 1, rng);
        DMatrixRMaj y = Matrices.gaussian(9, 3, 1, rng);
        SchattenQuasiNormProblem problem = new SchattenQuasiNormProblem(x, y, depth, 0.3);
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, 5);
        for (int t = 0; t < TRIALS; t++) {
            List<DMatrixRMaj> layers = new ArrayList<>();
            int previous = 4;
            for (int l = 0; l < depth; l++) {
                int next = l == depth - 1 ? 3 : 5;
                layers.add(Matrices.gaussian(previous, next, 0.2 + rng.nextDouble(), rng));
                previous = next;
            }
            DeepLinearWeights w = new DeepLinearWeights(layers);
            DMatrixRMaj product = w.product();
            double quasi = problem.value(product);
            assertThat(problem.networkObjective(w)).isGreaterThanOrEqualTo(quasi - ATOL - RTOL * quasi);
            DeepLinearWeights balanced = problem.balancedFactorization(product, hidden);
            assertThat(Matrices.distance(balanced.product(), product)).isLessThanOrEqualTo(1e-10);
            assertThat(Math.abs(problem.networkObjective(balanced) - quasi)).isLessThanOrEqualTo(ATOL + RTOL * quasi);
        }
    }

    @ParameterizedTest(name = "seed {0}, L = {1}, beta = {2}")
    @CsvSource({"5, 2, 0.5", "6, 3, 0.5", "7, 3, 2.0", "8, 4, 1.0"})
    void whitenedSolutionIsOptimalForTheQuasiNormProblem(long seed, int depth, double beta) {
        Random rng = new Random(seed);
        Svd q = Linalg.get().svd(Matrices.gaussian(10, 4, 1, rng));
        DMatrixRMaj x = q.u();
        DMatrixRMaj y = Matrices.gaussian(10, 3, 2, rng);
        SchattenQuasiNormProblem problem = new SchattenQuasiNormProblem(x, y, depth, beta);
        WhitenedWeightDecay exact = WhitenedWeightDecay.solve(x, y, depth, beta);
        double optimum = problem.value(exact.endToEnd());
        assertThat(Math.abs(optimum - exact.objective())).isLessThanOrEqualTo(1e-9 + 1e-9 * optimum);
        DMatrixRMaj base = exact.endToEnd();
        for (int t = 0; t < TRIALS; t++) {
            DMatrixRMaj perturbed = base.copy();
            for (int i = 0; i < perturbed.getNumElements(); i++) {
                perturbed.data[i] += rng.nextGaussian() * (t < TRIALS / 2 ? 1e-3 : 0.5);
            }
            assertThat(problem.value(perturbed)).isGreaterThanOrEqualTo(optimum - ATOL);
            assertThat(problem.value(Matrices.gaussian(4, 3, 1, rng))).isGreaterThanOrEqualTo(optimum - ATOL);
        }
    }
}

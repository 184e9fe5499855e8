package io.dualnet.closedform;

import io.dualnet.convex.DeepLinearDual;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.DeepLinearDualSolver;
import io.dualnet.solve.Solution;
import io.dualnet.solve.Status;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of problem (4) and its dual (5) on seeded random instances: weak duality, the closed form beats random
 * weights, the iterative dual solver agrees with the closed form, and returned weights reproduce the optimal product.
 */
class DeepLinearPropertyTest {
    private static final double AGREE_RTOL = 1e-8;
    private static final double AGREE_ATOL = 1e-10;
    private static final double PRODUCT_ATOL = 1e-9;
    private static final int RANDOM_POINTS = 20;

    /** Random instances: shapes, depth, widths, and gamma both below and above sigma_min. */
    static Stream<Arguments> instances() {
        return IntStream.range(0, 24).mapToObj(seed -> {
            Random rng = new Random(1000 + seed);
            int n = 2 + rng.nextInt(9);
            int d0 = 1 + rng.nextInt(8);
            int dh = 1 + rng.nextInt(6);
            int depth = 2 + rng.nextInt(4);
            int[] widths = new int[depth - 1];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = 1 + rng.nextInt(6);
            }
            DMatrixRMaj x = Matrices.gaussian(n, d0, 1, rng);
            if (seed % 4 == 0 && d0 > 1) {
                // rank-deficient X: duplicate a column
                for (int i = 0; i < n; i++) {
                    x.set(i, d0 - 1, x.get(i, 0));
                }
            }
            DMatrixRMaj y = Matrices.gaussian(n, dh, 1, rng);
            double gamma = seed % 3 == 0 ? 0 : 2.0 * rng.nextDouble();
            return Arguments.of(seed, new DeepLinearProblem(x, y, widths, gamma));
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("instances")
    void weakDualityForRandomWeightsAndFeasibleDuals(int seed, DeepLinearProblem problem) {
        Random rng = new Random(seed);
        DeepLinearDual dual = DeepLinearDual.of(problem);
        for (int trial = 0; trial < RANDOM_POINTS; trial++) {
            DeepLinearWeights w = randomWeights(problem, rng);
            DMatrixRMaj lambda = dual.scaleToFeasible(Matrices.gaussian(problem.samples(), problem.outputDim(),
                    rng.nextDouble() * 3, rng));
            assertThat(dual.infeasibility(lambda)).isLessThanOrEqualTo(1e-10);
            assertThat(dual.value(lambda)).isLessThanOrEqualTo(problem.objective(w) + 1e-10);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("instances")
    void closedFormBeatsRandomWeights(int seed, DeepLinearProblem problem) {
        Random rng = new Random(seed + 77);
        double optimum = problem.objective(DeepLinearClosedForm.solve(problem).primalPoint());
        for (int trial = 0; trial < RANDOM_POINTS; trial++) {
            assertThat(optimum).isLessThanOrEqualTo(problem.objective(randomWeights(problem, rng)) + 1e-10);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("instances")
    void closedFormCertificateIsRecomputable(int seed, DeepLinearProblem problem) {
        Solution<DeepLinearWeights, DMatrixRMaj> s = DeepLinearClosedForm.solve(problem);
        DeepLinearDual dual = DeepLinearDual.of(problem);
        double primal = problem.objective(s.primalPoint());
        double dualValue = dual.value(s.dualPoint());
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(dual.infeasibility(s.dualPoint())).isLessThanOrEqualTo(1e-10);
        assertThat(Math.abs(primal - dualValue)).isLessThanOrEqualTo(AGREE_ATOL + AGREE_RTOL * Math.abs(primal));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("instances")
    void dualSolverAgreesWithClosedForm(int seed, DeepLinearProblem problem) {
        Solution<DeepLinearWeights, DMatrixRMaj> closed = DeepLinearClosedForm.solve(problem);
        Solution<DeepLinearWeights, DMatrixRMaj> iterative =
                new DeepLinearDualSolver(DeepLinearDualSolver.Options.defaults()).solve(problem);
        assertThat(iterative.status()).isEqualTo(Status.OPTIMAL);
        double p = problem.objective(iterative.primalPoint());
        double d = DeepLinearDual.of(problem).value(iterative.dualPoint());
        double reference = closed.primal();
        assertThat(Math.abs(p - reference)).isLessThanOrEqualTo(AGREE_ATOL + AGREE_RTOL * Math.abs(reference));
        assertThat(Math.abs(d - reference)).isLessThanOrEqualTo(AGREE_ATOL + AGREE_RTOL * Math.abs(reference));
        assertThat(DeepLinearDual.of(problem).infeasibility(iterative.dualPoint())).isLessThanOrEqualTo(1e-10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("instances")
    void weightsReproduceTheOptimalProduct(int seed, DeepLinearProblem problem) {
        // Z* = sum_{i <= d_min} (sigma_i - gamma)_+ u_i v_i^T with Ytilde = P_X Y = U diag(sigma) V^T.
        DMatrixRMaj x = problem.x();
        DMatrixRMaj yTilde = PseudoInverse.of(x).project(problem.y());
        Svd svd = Linalg.get().svd(yTilde);
        int k = Math.min(problem.dMin(), svd.s().length);
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = Math.max(svd.s()[i] - problem.gamma(), 0);
        }
        DMatrixRMaj expected = Matrices.compose(svd.u(), t, svd.v(), k);
        DMatrixRMaj z = DeepLinearClosedForm.solve(problem).primalPoint().predict(x);
        assertThat(Matrices.distance(z, expected)).isLessThanOrEqualTo(PRODUCT_ATOL);
    }

    private static DeepLinearWeights randomWeights(DeepLinearProblem problem, Random rng) {
        int[] d = problem.widths();
        double scale = rng.nextDouble() * 2;
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l < d.length; l++) {
            layers.add(Matrices.gaussian(d[l - 1], d[l], scale, rng));
        }
        return new DeepLinearWeights(layers);
    }
}

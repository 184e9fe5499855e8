package io.dualnet.closedform;

import io.dualnet.convex.DeepLinearDual;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.Solution;
import io.dualnet.solve.Status;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed-form optimum of problem (4) on instances whose optimum is derived by hand. */
class DeepLinearClosedFormReferenceTest {
    private static final double ATOL = 1e-12;
    private static final double RTOL = 1e-12;

    static Stream<Arguments> instances() {
        DMatrixRMaj i3 = CommonOps_DDRM.identity(3);
        DMatrixRMaj diag321 = CommonOps_DDRM.diag(3, 2, 1);
        // X = e_1 in R^{3x2} padded: range(X) = span(e_1), so P_X y = (2, 0, 0), sigma = 2.
        DMatrixRMaj rankDeficientX = new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}, {0, 0}});
        DMatrixRMaj y3 = new DMatrixRMaj(new double[][] {{2}, {5}, {1}});
        return Stream.of(
                // sigma = 3,2,1, gamma = 0.5, d_min = 3: P = 7 - (2.5^2 + 1.5^2 + 0.5^2)/2
                Arguments.of("diag H=2", i3, diag321, new int[] {3}, 0.5, 7 - 0.5 * (6.25 + 2.25 + 0.25), 3),
                // d_min = 2 truncates the third singular value
                Arguments.of("diag H=3 truncated", i3, diag321, new int[] {2, 4}, 0.5, 7 - 0.5 * (6.25 + 2.25), 2),
                // gamma between singular values (beyond the paper's gamma < sigma_min): only 3 survives
                Arguments.of("diag H=4 gamma=2.5", i3, diag321, new int[] {3, 3, 3}, 2.5, 7 - 0.5 * 0.25, 1),
                // gamma above sigma_max: the zero network is optimal
                Arguments.of("diag gamma=4", i3, diag321, new int[] {3}, 4.0, 7.0, 0),
                // gamma = 0: best rank-2 approximation
                Arguments.of("diag gamma=0", i3, diag321, new int[] {2}, 0.0, 0.5, 2),
                // rank-deficient X: the unreachable part of y stays in the loss
                Arguments.of("rank-deficient X", rankDeficientX, y3, new int[] {1}, 0.5, 15 - 0.5 * 1.5 * 1.5, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void optimumMatchesHandDerivation(String name, DMatrixRMaj x, DMatrixRMaj y, int[] widths, double gamma,
                                      double expected, int expectedRank) {
        DeepLinearProblem problem = new DeepLinearProblem(x, y, widths, gamma);
        Solution<DeepLinearWeights, DMatrixRMaj> s = DeepLinearClosedForm.solve(problem);

        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        // Recompute both values from the returned points.
        double primal = problem.objective(s.primalPoint());
        double dual = DeepLinearDual.of(problem).value(s.dualPoint());
        assertClose(primal, expected);
        assertClose(dual, expected);
        assertClose(s.primal(), expected);
        assertThat(DeepLinearDual.of(problem).infeasibility(s.dualPoint())).isLessThanOrEqualTo(ATOL);

        DMatrixRMaj z = s.primalPoint().predict(x);
        int rank = io.dualnet.linalg.Linalg.get().svd(z).rank(1e-9);
        assertThat(rank).isEqualTo(expectedRank);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void weightsHaveTheProblemsShapes(String name, DMatrixRMaj x, DMatrixRMaj y, int[] widths, double gamma,
                                      double expected, int expectedRank) {
        DeepLinearProblem problem = new DeepLinearProblem(x, y, widths, gamma);
        DeepLinearWeights w = DeepLinearClosedForm.solve(problem).primalPoint();
        assertThat(w.widths()).containsExactly(problem.widths());
        // The paper's W_H is d_H x d_{H-1}; ours, its transpose, is d_{H-1} x d_H.
        assertThat(w.layer(w.depth()).numRows).isEqualTo(widths[widths.length - 1]);
        assertThat(w.layer(w.depth()).numCols).isEqualTo(y.numCols);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void predictionIsSoftThresholdedProjection(String name, DMatrixRMaj x, DMatrixRMaj y, int[] widths,
                                               double gamma, double expected, int expectedRank) {
        if (!Matrices.isIdentity(x)) {
            return;
        }
        DeepLinearProblem problem = new DeepLinearProblem(x, y, widths, gamma);
        DMatrixRMaj z = DeepLinearClosedForm.solve(problem).primalPoint().predict(x);
        int dmin = problem.dMin();
        for (int i = 0; i < 3; i++) {
            double sigma = y.get(i, i);
            double want = i < dmin ? Math.max(sigma - gamma, 0) : 0;
            assertThat(Math.abs(z.get(i, i) - want)).isLessThanOrEqualTo(1e-12);
        }
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}

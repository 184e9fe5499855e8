package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.convex.ReluNetworkMapping;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input to the convex ReLU layer throws {@link InvalidInputException} subclasses naming the parameter. */
class ReluBadInputTest {

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2}, {3, -1}, {0, 1}});

    @Test
    void nonPositiveBetaIsRejected() {
        for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new TwoLayerReluProblem(X, new double[] {1, 2, 3}, Losses.SQUARED, beta, true))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("beta");
        }
        TwoLayerReluProblem ok = new TwoLayerReluProblem(X, new double[] {1, 2, 3}, Losses.SQUARED, 1, true);
        assertThatThrownBy(() -> ok.withBeta(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("beta");
    }

    @Test
    void classificationLabelsMustBePlusOrMinusOne() {
        assertThatThrownBy(() -> new TwoLayerReluProblem(X, new double[] {1, 0, -1}, Losses.LOGISTIC, 1, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("y[1]");
        assertThatThrownBy(() -> new TwoLayerReluProblem(X, new double[] {1, 2, -1}, Losses.HINGE, 1, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("y[1]");
    }

    @Test
    void shapesMustFit() {
        assertThatThrownBy(() -> new TwoLayerReluProblem(X, new double[] {1, 2}, Losses.SQUARED, 1, true))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("y");
        TwoLayerReluProblem problem = ReluInstances.problem(10, 2, Losses.SQUARED, 0.1, true, 1L);
        ActivationPatterns patterns = PatternSampler.gaussian(problem.featuresView(), 5, 1L);
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, false);
        assertThatThrownBy(() -> new ConeReluSolver(ConeReluSolver.Options.defaults())
                .solve(convex, ConvexReluWeights.zeros(3, 4, false)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("weights");
        TwoLayerReluNetwork wrong = new TwoLayerReluNetwork(new DMatrixRMaj(4, 2), new double[2], true);
        assertThatThrownBy(() -> ReluNetworkMapping.fromNetwork(convex, wrong))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("network");
        assertThatThrownBy(() -> ConvexReluWeights.cone(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 3)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("w");
    }

    @Test
    void anEmptyPatternSetIsRejected() {
        TwoLayerReluProblem problem = ReluInstances.problem(10, 2, Losses.SQUARED, 0.1, true, 1L);
        ActivationPatterns none = ActivationPatterns.of(10, List.of(new long[1]));
        assertThat(none.count()).isZero();
        assertThatThrownBy(() -> new ReluConvexProblem(problem, none, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("patterns");
    }
}

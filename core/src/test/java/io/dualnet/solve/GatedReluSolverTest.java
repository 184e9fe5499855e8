package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FISTA route of {@link GatedReluSolver} (interior-point routes disabled) against the interior point. */
class GatedReluSolverTest {

    /** Requested relative gap of FISTA for smooth losses. */
    private static final double SMOOTH_RTOL = 1e-6;
    /** Requested relative gap of FISTA with hinge smoothing and continuation. */
    private static final double HINGE_RTOL = 3e-2;
    /** Requested relative gap of the interior-point reference (smooth losses, hinge). */
    private static final double REFERENCE_RTOL = 1e-8;
    private static final double HINGE_REFERENCE_RTOL = 1e-4;

    static Stream<Arguments> losses() {
        return Stream.of(Arguments.of(Losses.SQUARED, SMOOTH_RTOL), Arguments.of(Losses.LOGISTIC, SMOOTH_RTOL),
                Arguments.of(Losses.HINGE, HINGE_RTOL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void fistaReachesTheInteriorPointOptimum(Loss loss, double rtol) {
        TwoLayerReluProblem problem = ReluInstances.problem(40, 3, loss, 0.2, true, 3L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 40, 2L), true);
        Solution<ConvexReluWeights, double[]> fista = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(rtol).withInteriorPointWork(0).withNewtonSampleLimit(0)).solve(convex);
        assertThat(fista.method()).isEqualTo("gated-fista");
        assertThat(fista.status()).isEqualTo(Status.OPTIMAL);
        assertThat(fista.relativeGap()).isLessThanOrEqualTo(rtol);
        Solution<ConvexReluWeights, double[]> reference = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(loss == Losses.HINGE ? HINGE_REFERENCE_RTOL : REFERENCE_RTOL)).solve(convex);
        assertThat(reference.method()).isEqualTo("interior-point");
        assertThat(fista.dual()).isLessThanOrEqualTo(reference.primal());
        assertThat(reference.dual()).isLessThanOrEqualTo(fista.primal());
    }

    @Test
    void optionsAndProblemKindAreValidatedByName() {
        GatedReluSolver.Options d = GatedReluSolver.Options.defaults();
        assertThatThrownBy(() -> d.withMaxIterations(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> new GatedReluSolver.Options(1, 1e-6, 1, 0.1, 0.1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stallIterations");
        assertThatThrownBy(() -> new GatedReluSolver.Options(1, Double.NaN, 1, 0.1, 0.1, 1, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("relativeTolerance");
        assertThatThrownBy(() -> d.withNewtonSampleLimit(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("newtonSampleLimit");
        TwoLayerReluProblem problem = ReluInstances.problem(10, 2, Losses.SQUARED, 0.2, true, 3L);
        ReluConvexProblem cone = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 5, 2L), false);
        assertThatThrownBy(() -> new GatedReluSolver(d).solve(cone))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("convex");
    }
}

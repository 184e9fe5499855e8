package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Convex weights map to networks with the same predictions and objective, and back without increasing it. */
class ReluNetworkMappingPropertyTest {

    /** Predictions of the network against the convex model. */
    private static final double PREDICTION_ATOL = 1e-10;
    /** Objectives, relative. */
    private static final double OBJECTIVE_RTOL = 1e-12;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Losses.SQUARED, true, false, 1L), Arguments.of(Losses.SQUARED, false, false, 2L),
                Arguments.of(Losses.LOGISTIC, true, false, 3L), Arguments.of(Losses.HINGE, true, false, 4L),
                Arguments.of(Losses.SQUARED, true, true, 5L), Arguments.of(Losses.LOGISTIC, false, true, 6L));
    }

    @ParameterizedTest(name = "{0} bias={1} gated={2} seed={3}")
    @MethodSource("cases")
    void networksReproduceTheConvexModel(Loss loss, boolean bias, boolean gated, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(8, 2, loss, 0.2, bias, seed);
        ActivationPatterns patterns = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, gated);
        Random rng = new Random(seed);
        for (int trial = 0; trial < 5; trial++) {
            ConvexReluWeights w = ReluInstances.randomFeasible(convex, rng);
            TwoLayerReluNetwork net = ReluNetworkMapping.toNetwork(convex, w);
            assertThat(net.neurons()).isEqualTo(w.nonzeroBlocks());
            assertThat(net.gated()).isEqualTo(gated);
            double[] convexPrediction = convex.predict(w);
            assertThat(ReluInstances.maxAbsDifference(net.predict(problem.x()), convexPrediction))
                    .isLessThanOrEqualTo(PREDICTION_ATOL);
            double objective = convex.objective(w);
            assertThat(Math.abs(problem.objective(net) - objective)).isLessThanOrEqualTo(
                    OBJECTIVE_RTOL * Math.abs(objective));
            ConvexReluWeights back = ReluNetworkMapping.fromNetwork(convex, net);
            assertThat(convex.objective(back)).isLessThanOrEqualTo(objective * (1 + OBJECTIVE_RTOL));
            assertThat(convex.constraintViolation(back)).isLessThanOrEqualTo(PREDICTION_ATOL);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void anyReluNetworkMapsToAFeasiblePointWithNoLargerObjective(long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(10, 3, Losses.SQUARED, 0.1, true, seed);
        Random rng = new Random(seed);
        DMatrixRMaj u = new DMatrixRMaj(4, 6);
        double[] alpha = new double[6];
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] = rng.nextGaussian();
        }
        for (int j = 0; j < alpha.length; j++) {
            alpha[j] = rng.nextGaussian();
        }
        TwoLayerReluNetwork net = new TwoLayerReluNetwork(u, alpha, true);
        ReluConvexProblem convex = new ReluConvexProblem(problem, ReluNetworkMapping.patternsOf(problem, net), false);
        ConvexReluWeights w = ReluNetworkMapping.fromNetwork(convex, net);
        assertThat(convex.constraintViolation(w)).isLessThanOrEqualTo(PREDICTION_ATOL);
        assertThat(ReluInstances.maxAbsDifference(convex.predict(w), net.predict(problem.x())))
                .isLessThanOrEqualTo(PREDICTION_ATOL);
        assertThat(convex.objective(w)).isLessThanOrEqualTo(problem.objective(net) * (1 + OBJECTIVE_RTOL));
        ReluConvexProblem gated = new ReluConvexProblem(problem, convex.patterns(), true);
        TwoLayerReluNetwork gatedNet = new TwoLayerReluNetwork(u, alpha, true, u);
        assertThatThrownBy(() -> ReluNetworkMapping.fromNetwork(convex, gatedNet))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("network");
        assertThat(gated.objective(ReluNetworkMapping.fromNetwork(gated, gatedNet)))
                .isLessThanOrEqualTo(problem.objective(gatedNet) * (1 + OBJECTIVE_RTOL));
    }

    static Stream<Long> seeds() {
        return Stream.of(11L, 12L, 13L);
    }
}

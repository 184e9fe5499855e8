package io.dualnet.solve;

import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.train.ReluAdamTrainer;
import io.dualnet.train.TrainingResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Orderings that must hold on seeded instances: gated below cone, convex below every trained network. */
class ReluSolversPropertyTest {

    /** Requested relative gap. */
    private static final double SOLVER_RTOL = 1e-9;
    /** Slack of the orderings, relative (the certified gaps are below it). */
    private static final double ORDER_RTOL = 1e-8;
    /** Gradient descent: neurons, restarts, steps and step size. */
    private static final int NEURONS = 8;
    private static final int RESTARTS = 8;
    private static final int STEPS = 3000;
    private static final double STEP = 0.01;

    static Stream<Arguments> orderings() {
        return Stream.of(Arguments.of(Losses.SQUARED, true, 1L), Arguments.of(Losses.SQUARED, false, 2L),
                Arguments.of(Losses.LOGISTIC, true, 3L), Arguments.of(Losses.SQUARED, true, 4L));
    }

    private static Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex) {
        return convex.gated()
                ? new GatedReluSolver(GatedReluSolver.Options.defaults().withRelativeTolerance(SOLVER_RTOL))
                .solve(convex)
                : new ConeReluSolver(ConeReluSolver.Options.defaults().withRelativeTolerance(SOLVER_RTOL))
                .solve(convex);
    }

    @ParameterizedTest(name = "{0} bias={1} seed={2}")
    @MethodSource("orderings")
    void gatedOptimumIsNeverAboveTheConeOptimum(Loss loss, boolean bias, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(9, 2, loss, 0.1, bias, seed);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        Solution<ConvexReluWeights, double[]> gated = solve(new ReluConvexProblem(problem, all, true));
        Solution<ConvexReluWeights, double[]> cone = solve(new ReluConvexProblem(problem, all, false));
        assertThat(gated.status()).isEqualTo(Status.OPTIMAL);
        assertThat(cone.status()).isEqualTo(Status.OPTIMAL);
        // gated dual <= gated optimum <= cone optimum <= cone primal, and the gaps are closed.
        assertThat(gated.dual()).isLessThanOrEqualTo(cone.primal());
        assertThat(gated.primal()).isLessThanOrEqualTo(cone.primal() + ORDER_RTOL * Math.abs(cone.primal()));
    }

    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of(true, 5L), Arguments.of(false, 6L), Arguments.of(true, 7L));
    }

    @ParameterizedTest(name = "bias={0} seed={1}")
    @MethodSource("networks")
    void convexOptimumIsNeverAboveTheBestGradientDescentRestart(boolean bias, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(8, 2, Losses.SQUARED, 0.1, bias, seed);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        ReluConvexProblem convex = new ReluConvexProblem(problem, all, false);
        Solution<ConvexReluWeights, double[]> cone = solve(convex);
        TwoLayerReluNetwork trained = NonconvexGradientDescent.best(problem, NEURONS, RESTARTS, STEPS, STEP, seed);
        double best = problem.objective(trained);
        assertThat(cone.status()).isEqualTo(Status.OPTIMAL);
        // The dual bound is below every network; the convex optimum (with every pattern) is the network optimum.
        assertThat(cone.dual()).isLessThanOrEqualTo(best);
        assertThat(cone.primal()).isLessThanOrEqualTo(best * (1 + ORDER_RTOL));
    }

    static Stream<Arguments> otherLosses() {
        return Stream.of(Arguments.of(Losses.HINGE, 1L), Arguments.of(Losses.HINGE, 5L),
                Arguments.of(Losses.LOGISTIC, 6L));
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("otherLosses")
    void convexOptimumIsNeverAboveTheBestAdamRestart(Loss loss, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(8, 2, loss, 0.1, true, seed);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        Solution<ConvexReluWeights, double[]> cone = solve(new ReluConvexProblem(problem, all, false));
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> adam =
                new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(NEURONS)
                .withRestarts(RESTARTS).withIterations(STEPS).withLearningRate(STEP).withSeed(seed)).train(problem);
        // The certified interval [dual, primal] lies below the best restart (up to the certified gap).
        assertThat(cone.dual()).isLessThanOrEqualTo(adam.objective());
        assertThat(cone.primal()).isLessThanOrEqualTo(adam.objective() * (1 + ORDER_RTOL));
        assertThat(cone.primal() - cone.dual()).isLessThanOrEqualTo(ORDER_RTOL * Math.abs(cone.primal()));
    }
}

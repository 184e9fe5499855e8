package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GatedPrimalDual} against the primal barrier method on the same gated programs: both certificates, recomputed
 * here from the returned points, close; the optimal values agree; the primal-dual method needs fewer factorizations;
 * where rounding stops it first, the barrier method continues from its point.
 */
class GatedPrimalDualTest {
    /** Agreement of the two routes' optimal values, relative. */
    private static final double VALUE_RTOL = 1e-6;

    @ParameterizedTest(name = "n {0}, beta {1}")
    @CsvSource({"200, 0.2, 1e-8", "200, 1e-2, 1e-7", "200, 1e-4, 1e-5", "60, 1e-3, 1e-6"})
    void certifiesWithFewerFactorizationsThanTheBarrier(int n, double beta, double rtol) {
        TwoLayerReluProblem problem = ReluInstances.problem(n, 6, Losses.SQUARED, beta, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 60, 7L), true);
        java.util.List<double[]> reports = new java.util.ArrayList<>();
        ReluInteriorPoint.Result pd = GatedPrimalDual.solve(convex, rtol, 100,
                (method, iteration, primal, dual) -> reports.add(new double[] {primal, dual}));
        ReluInteriorPoint.Result barrier = GatedInteriorPoint.solve(convex, rtol, 200, SolveListener.NONE);

        ReluCertificate recomputed = ReluCertificate.evaluate(convex, pd.weights(), pd.lambda(), null,
                new ReluCertificate.Options(0));
        double primal = recomputed.certificate().primal();
        assertThat(recomputed.certificate().dual()).isLessThanOrEqualTo(primal);
        assertThat(recomputed.certificate().relativeGap()).isLessThanOrEqualTo(rtol);
        double other = barrier.certificate().certificate().primal();
        assertThat(Math.abs(primal - other)).isLessThanOrEqualTo(VALUE_RTOL * Math.abs(other));
        // Weak duality across routes, and on every progress report.
        assertThat(barrier.certificate().certificate().dual()).isLessThanOrEqualTo(primal);
        assertThat(recomputed.certificate().dual()).isLessThanOrEqualTo(other);
        for (double[] r : reports) {
            assertThat(r[1]).isLessThanOrEqualTo(other);
            assertThat(r[0]).isGreaterThanOrEqualTo(barrier.certificate().certificate().dual());
        }
        assertThat(pd.newtonSteps()).isLessThan(barrier.newtonSteps() / 2);
    }

    @Test
    void theBarrierContinuesWhereRoundingStopsThePrimalDualSteps() {
        // beta = 1e-6 on this teacher: the primal-dual steps stall near 4e-5, a cold barrier near 2e-4.
        TwoLayerReluProblem problem = ReluInstances.problem(200, 6, Losses.SQUARED, 1e-6, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 60, 7L), true);
        double rtol = 1e-5;
        Solution<ConvexReluWeights, double[]> s = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(rtol).withInteriorPointWork(0)).solve(convex);
        ReluInteriorPoint.Result alone = GatedPrimalDual.solve(convex, rtol, 100, SolveListener.NONE);

        assertThat(alone.certificate().certificate().relativeGap()).isGreaterThan(rtol);
        assertThat(s.method()).isEqualTo("gated-primal-dual+barrier");
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        ReluCertificate recomputed = ReluCertificate.evaluate(convex, s.primalPoint(), s.dualPoint(), null,
                new ReluCertificate.Options(0));
        assertThat(recomputed.certificate().dual()).isLessThanOrEqualTo(recomputed.certificate().primal());
        assertThat(recomputed.certificate().relativeGap()).isLessThanOrEqualTo(rtol);
    }
}

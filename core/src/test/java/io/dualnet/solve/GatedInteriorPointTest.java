package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schur-complement routes of {@link GatedReluSolver} ({@link GatedInteriorPoint} for smooth losses,
 * {@link GatedPrimalDual} for the squared loss): the certificate, recomputed here from the returned point, closes to
 * {@code 1e-8}, the routes agree with the structured interior point and with FISTA, and they stay accurate under the
 * weak regularization where FISTA crawls.
 */
class GatedInteriorPointTest {
    /** Requested relative gap. */
    private static final double RTOL = 1e-8;
    /**
     * Requested relative gap under weak regularization, where double-precision rounding stops the barrier method
     * near {@code 1e-7} (the optimum is tiny and nearly interpolating).
     */
    private static final double WEAK_RTOL = 1e-6;
    /** Agreement of optimal values between independent routes, relative. */
    private static final double VALUE_RTOL = 1e-6;
    /** Root finder accuracy, relative. */
    private static final double ROOT_RTOL = 1e-12;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Losses.SQUARED, 0.2, RTOL), Arguments.of(Losses.LOGISTIC, 0.2, RTOL),
                Arguments.of(Losses.SQUARED, 1e-4, WEAK_RTOL), Arguments.of(Losses.LOGISTIC, 1e-3, WEAK_RTOL));
    }

    @ParameterizedTest(name = "{0}, beta {1}")
    @MethodSource("cases")
    void certifiesToTheToleranceAndMatchesTheOtherRoutes(Loss loss, double beta, double rtol) {
        TwoLayerReluProblem problem = ReluInstances.problem(60, 4, loss, beta, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 30, 7L), true);
        Solution<ConvexReluWeights, double[]> newton = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(rtol).withInteriorPointWork(0)).solve(convex);
        // The squared loss takes the primal-dual route (continued by the barrier where rounding stops it first;
        // GatedPrimalDualTest), the others the barrier.
        assertThat(newton.method()).startsWith(loss == Losses.SQUARED ? "gated-primal-dual" : "gated-interior-point");
        assertThat(newton.status()).isEqualTo(Status.OPTIMAL);
        ReluCertificate recomputed = ReluCertificate.evaluate(convex, newton.primalPoint(), newton.dualPoint(), null,
                new ReluCertificate.Options(0));
        double primal = recomputed.certificate().primal();
        double dual = recomputed.certificate().dual();
        assertThat(dual).isLessThanOrEqualTo(primal);
        assertThat(primal - dual).isLessThanOrEqualTo(rtol * Math.abs(primal));
        Solution<ConvexReluWeights, double[]> structured = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(rtol).withInteriorPointWork(1e12).withNewtonSampleLimit(0)).solve(convex);
        assertThat(structured.method()).isEqualTo("interior-point");
        assertThat(Math.abs(structured.primal() - primal)).isLessThanOrEqualTo(VALUE_RTOL * Math.abs(primal));
        // Weak duality across routes: each dual bound is below the other's primal value.
        assertThat(structured.dual()).isLessThanOrEqualTo(primal);
        assertThat(dual).isLessThanOrEqualTo(structured.primal());
    }

    @ParameterizedTest(name = "beta {0}")
    @ValueSource(doubles = {0.2, 1e-4})
    void theBarrierAloneCertifiesTheSquaredLoss(double beta) {
        TwoLayerReluProblem problem = ReluInstances.problem(60, 4, Losses.SQUARED, beta, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 30, 7L), true);
        double rtol = beta < 1e-3 ? WEAK_RTOL : RTOL;
        ReluInteriorPoint.Result r = GatedInteriorPoint.solve(convex, rtol, 200, SolveListener.NONE);
        ReluCertificate recomputed = ReluCertificate.evaluate(convex, r.weights(), r.lambda(), null,
                new ReluCertificate.Options(0));
        assertThat(recomputed.certificate().dual()).isLessThanOrEqualTo(recomputed.certificate().primal());
        assertThat(recomputed.certificate().relativeGap()).isLessThanOrEqualTo(rtol);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void firstPositiveRootIsTheBoundaryOfTheCone(long seed) {
        Random random = new Random(seed);
        double qa = random.nextGaussian();
        double qb = random.nextGaussian();
        double c = 0.1 + random.nextDouble();
        double root = GatedInteriorPoint.firstPositiveRoot(qa, qb, c);
        if (Double.isInfinite(root)) {
            for (int i = 1; i <= 1000; i++) {
                double x = i * 0.01;
                assertThat(qa * x * x + qb * x + c).isGreaterThan(0);
            }
            return;
        }
        assertThat(root).isPositive();
        assertThat(Math.abs(qa * root * root + qb * root + c)).isLessThanOrEqualTo(ROOT_RTOL * (1 + Math.abs(qb) * root
                + Math.abs(qa) * root * root + c));
        double before = 0.999 * root;
        assertThat(qa * before * before + qb * before + c).isPositive();
    }

    @ParameterizedTest(name = "newton sample limit {0}")
    @ValueSource(ints = {0, 1000})
    void reportsProgressWithValidBoundsOnBothRoutes(int newtonSampleLimit) {
        TwoLayerReluProblem problem = ReluInstances.problem(60, 4, Losses.SQUARED, 0.2, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 30, 7L), true);
        java.util.List<double[]> reports = new java.util.ArrayList<>();
        java.util.Set<String> methods = new java.util.HashSet<>();
        Solution<ConvexReluWeights, double[]> s = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(1e-6).withInteriorPointWork(0).withNewtonSampleLimit(newtonSampleLimit))
                .solve(convex, null, (method, iteration, primal, dual) -> {
                    methods.add(method);
                    reports.add(new double[] {iteration, primal, dual});
                });
        assertThat(methods).containsExactly(newtonSampleLimit > 0 ? "gated-primal-dual" : "gated-fista");
        assertThat(reports).isNotEmpty();
        for (double[] r : reports) {
            // Every reported dual bound is below the optimum, every primal value above it.
            assertThat(r[2]).isLessThanOrEqualTo(s.primal() + RTOL * Math.abs(s.primal()));
            assertThat(r[1]).isGreaterThanOrEqualTo(s.dual() - RTOL * Math.abs(s.dual()));
        }
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConeNnls;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The working-set ADMM route ({@link ConeWorkingSet}) against the cone primal-dual interior point on the same patterns
 * (every arrangement cell: the exact optimum; and sampled patterns), with both certificates recomputed here from the
 * returned points: the primal through the mapped ReLU network, the dual from {@code lambda} and the returned
 * multipliers, both by this test's own constraint check (a weaker but valid bound) and by {@link ReluCertificate}.
 */
class ConeWorkingSetTest {
    /** Target relative gap of the ADMM route. */
    private static final double ADMM_RTOL = 1e-4;
    /** Target relative gap of the interior-point reference. */
    private static final double REFERENCE_RTOL = 1e-8;
    /** Largest cone-constraint violation of returned weights. */
    private static final double FEASIBILITY = 1e-9;
    /** Relative agreement of the network objective with the convex one. */
    private static final double MAPPING_RTOL = 1e-9;
    private static final int BUDGET = 20_000;
    /** Relative gap of the solve whose point warm-starts another. */
    private static final double WARM_SOURCE_RTOL = 1e-6;
    /**
     * A warm start at a returned optimum needs at most this fraction of the cold start's iterations (its certificate is
     * recomputed from its own residual, not the iterate's that certified it, so it need not close at once).
     */
    private static final int RESTART_ADVANTAGE = 10;
    /** Iterations to the target with the extrapolated candidates, at most this share of those without. */
    private static final double EXTRAPOLATION_SAVING = 0.8;
    /** A warm start's recomputed gap in the cold start's first round, at most this share of the cold start's. */
    private static final double EARLY_ADVANTAGE = 0.2;
    /** Iterations within the cold start's first round on the cutting-plane instance. */
    private static final int EARLY_ITERATIONS = 200;

    @Test
    void reachesTheExactOptimumOverEveryArrangementCell() {
        TwoLayerReluProblem problem = ReluInstances.problem(12, 2, Losses.SQUARED, 0.05, true, 3L);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(),
                ArrangementEnumerator.DEFAULT_LIMIT);
        agreesWithTheInteriorPoint(new ReluConvexProblem(problem, all, false));
    }

    @Test
    void reachesTheInteriorPointOptimumOnSampledPatterns() {
        agreesWithTheInteriorPoint(sampledInstance());
    }

    @Test
    void everyRecomputedDualBoundIsBelowTheOptimum() {
        // Weak duality whatever the iterate: after 1..200 iterations the recomputed dual is below the optimum and the
        // (repaired) primal above it.
        for (long seed = 1; seed <= 4; seed++) {
            TwoLayerReluProblem problem = ReluInstances.problem(20, 3, Losses.SQUARED, 0.2 * seed, false, seed);
            ReluConvexProblem convex = new ReluConvexProblem(problem,
                    PatternSampler.gaussian(problem.featuresView(), 25, seed), false);
            double optimum = ConePrimalDual.solve(convex, REFERENCE_RTOL, 100, SolveListener.NONE)
                    .certificate().certificate().primal();
            for (int budget : new int[]{1, 7, 50, 200}) {
                ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, null, 1e-12, budget,
                        ReluCertificate.Options.defaults(), SolveListener.NONE);
                assertThat(ownDual(convex, r.lambda(), r.multipliers()))
                        .isLessThanOrEqualTo(optimum * (1 + REFERENCE_RTOL) + 1e-12);
                assertThat(convex.constraintViolation(r.weights())).isLessThanOrEqualTo(FEASIBILITY);
                assertThat(convex.objective(r.weights())).isGreaterThanOrEqualTo(optimum * (1 - REFERENCE_RTOL));
            }
        }
    }

    @Test
    void provesTheZeroNetworkOptimalBelowTheGatedBetaMaxWithoutIterating() {
        // The cone program's own beta_max (the largest cone bound at lambda = y) lies below the gated one
        // (max_i ||X^T D_i y||): between them the zero network is optimal for the ReLU network's program although the
        // gated bound says otherwise, and the route proves it from the zero network's certificate alone.
        TwoLayerReluProblem unit = ReluInstances.problem(30, 3, Losses.SQUARED, 1, true, 5L);
        ActivationPatterns patterns = PatternSampler.gaussian(unit.featuresView(), 40, 5L);
        ReluConvexProblem probe = new ReluConvexProblem(unit, patterns, false);
        double gatedMax = 0;
        for (double b : ConvexReluWeights.blockNorms(probe.operator().adjoint(unit.yView()))) {
            gatedMax = Math.max(gatedMax, b);
        }
        double coneMax = ReluCertificate.dualBound(probe, unit.yView(), null, new ReluCertificate.Options(2000))
                .maxBound();
        assertThat(coneMax).isLessThan(0.9 * gatedMax);
        double beta = 0.5 * (coneMax + gatedMax);
        TwoLayerReluProblem problem = ReluInstances.problem(30, 3, Losses.SQUARED, beta, true, 5L);
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, false);
        ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(r.newtonSteps()).isZero();
        assertThat(r.weights().nonzeroBlocks()).isZero();
        ReluCertificate again = ReluCertificate.evaluate(convex, r.weights(), r.lambda(), r.multipliers(),
                new ReluCertificate.Options(0));
        assertThat(again.certificate().closes(0, ADMM_RTOL)).isTrue();
        assertThat(ownDual(convex, r.lambda(), r.multipliers()))
                .isGreaterThanOrEqualTo(again.certificate().primal() * (1 - ADMM_RTOL));
    }

    @Test
    void theConeSolverRoutesInstancesWithoutAnInteriorPointToIt() {
        ReluConvexProblem convex = sampledInstance();
        // An interior-point limit below this instance's work: only the working-set route is second order.
        ConeReluSolver.Options options = ConeReluSolver.Options.defaults().withRelativeTolerance(ADMM_RTOL)
                .withInteriorPointWork(1);
        Solution<ConvexReluWeights, double[]> s = new ConeReluSolver(options).solve(convex);
        assertThat(s.method()).isEqualTo("cone-admm");
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        Solution<ConvexReluWeights, double[]> off = new ConeReluSolver(options.withAdmmSampleLimit(0)
                .withMaxIterations(5)).solve(convex);
        assertThat(off.method()).isEqualTo("cone-augmented-lagrangian");
    }

    @Test
    void aWarmStartFromACuttingPlaneRoundReachesTheOptimumAndIsAheadEarly() {
        // As a cutting-plane round: the optimum on the first 20 patterns, extended by zero blocks to all 40, starts
        // the solve on 40. The warm point is certified first and the ADMM starts from it: it reaches the same optimum,
        // and while the cold start is in its first round (which ends at a tenth of the zero network's gap of 0.79,
        // about 300 iterations here) its recomputed gap is far below the cold start's. Afterwards the cold start's
        // rounds find the working set as fast (about 3e-2 for both at 1000 iterations), so the advantage is early only.
        TwoLayerReluProblem problem = ReluInstances.problem(30, 3, Losses.SQUARED, 0.1, true, 1L);
        ActivationPatterns patterns = PatternSampler.gaussian(problem.featuresView(), 40, 1L);
        int[] first = new int[20];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        ReluConvexProblem small = new ReluConvexProblem(problem, patterns.subset(first), false);
        ReluInteriorPoint.Result round = ConeWorkingSet.solve(small, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, false);
        ConvexReluWeights warm = round.weights().extendedTo(patterns.count());
        agreesWithTheInteriorPoint(convex, warm);
        double coldGap = gapAfter(convex, null, EARLY_ITERATIONS);
        double warmGap = gapAfter(convex, warm, EARLY_ITERATIONS);
        assertThat(warmGap).isLessThan(EARLY_ADVANTAGE * coldGap);
    }

    @Test
    void aWarmStartAtTheOptimumNeedsAFractionOfTheColdIterations() {
        TwoLayerReluProblem problem = ReluInstances.problem(12, 2, Losses.SQUARED, 0.05, true, 3L);
        ReluConvexProblem convex = new ReluConvexProblem(problem, ArrangementEnumerator.enumerate(
                problem.featuresView(), ArrangementEnumerator.DEFAULT_LIMIT), false);
        ReluInteriorPoint.Result cold = agreesWithTheInteriorPoint(convex, null);
        ReluInteriorPoint.Result again = agreesWithTheInteriorPoint(convex, cold.weights());
        assertThat(again.newtonSteps()).isLessThanOrEqualTo(cold.newtonSteps() / RESTART_ADVANTAGE);
    }

    @Test
    void aWarmStartAtTheOptimumIsProvenWithoutIteratingAboveTheActiveSetLimit() {
        // Above ConeNnls.ACTIVE_SET_LIMIT no exact polish: the warm point's screened certificate (a few NNLS
        // iterations) leaves a gap here, and the route refines it fully because few blocks stay above beta (without
        // that refinement the same start took 100 iterations). Certificate recomputed from the returned point.
        TwoLayerReluProblem problem = ReluInstances.problem(250, 100, Losses.SQUARED, 2, false, 3L);
        assertThat((long) problem.samples() * problem.featureCount()).isGreaterThan(ConeNnls.ACTIVE_SET_LIMIT);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 20, 3L), false);
        ReluInteriorPoint.Result source = ConeWorkingSet.solve(convex, null, WARM_SOURCE_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        ReluInteriorPoint.Result warm = ConeWorkingSet.solve(convex, source.weights(), ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(warm.newtonSteps()).isZero();
        ReluCertificate again = ReluCertificate.evaluate(convex, warm.weights(), warm.lambda(), warm.multipliers(),
                new ReluCertificate.Options(0));
        assertThat(again.certificate().closes(0, ADMM_RTOL)).isTrue();
        assertThat(convex.constraintViolation(warm.weights())).isLessThanOrEqualTo(FEASIBILITY);
    }

    @Test
    void aRoundEndsAtAShareOfTheLastFullGapWhilePatternsOutsideAreViolated() {
        // Far from the full optimum (full gap 0.6) the restricted program is solved only to a tenth of that gap; near it
        // (full gap 2e-4) to a fraction of the target; settled, to the target.
        assertThat(ConeWorkingSet.roundTarget(false, ADMM_RTOL, 0.6)).isEqualTo(ConeWorkingSet.ROUND_REDUCTION * 0.6);
        assertThat(ConeWorkingSet.roundTarget(false, ADMM_RTOL, 2e-4))
                .isEqualTo(ConeWorkingSet.INNER_FRACTION * ADMM_RTOL);
        assertThat(ConeWorkingSet.roundTarget(true, ADMM_RTOL, 0.6)).isEqualTo(ADMM_RTOL);
    }

    @Test
    void theWorkingSetNeverOutgrowsTheHeap() {
        // The largest working set whose arrays and multiplier tables fit in the heap share: one more pattern does not.
        int n = 12_000;
        int d = 784;
        int p = 1016;
        double heap = 4.0 * (1L << 30);
        int room = ConeWorkingSet.patternRoom(n, d, p, heap);
        double budget = ConeWorkingSet.MEMORY_FRACTION * heap - 2 * 8.0 * n * 2 * p;
        assertThat(room).isPositive().isLessThan(p);
        assertThat(ConeAdmm.bytes(n, d, room)).isLessThanOrEqualTo(budget);
        assertThat(ConeAdmm.bytes(n, d, room + 1)).isGreaterThan(budget);
        assertThat(ConeWorkingSet.patternRoom(n, d, p, 4 * heap)).isEqualTo(p);
        assertThat(ConeWorkingSet.patternRoom(n, d, p, heap / 4)).isZero();
    }

    @Test
    void atItsMemoryLimitTheWorkingSetStopsGrowingAndTheRouteReturnsAnOpenValidCertificate() {
        // Room for the 16 initial patterns only: the optimum needs more, so the certificate cannot close. The route
        // solves the restricted program, sees patterns still violated outside and returns before the budget, with a
        // primal feasible point on at most 16 patterns and a dual bound below the interior point's optimum.
        ReluConvexProblem convex = sampledInstance();
        double optimum = ConePrimalDual.solve(convex, REFERENCE_RTOL, 100, SolveListener.NONE)
                .certificate().certificate().primal();
        ReluInteriorPoint.Result free = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(nonzeroPatterns(free.weights())).isGreaterThan(ConeWorkingSet.INITIAL);
        ReluInteriorPoint.Result capped = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE, true, ConeWorkingSet.INITIAL);
        assertThat(capped.newtonSteps()).isLessThan(BUDGET);
        assertThat(nonzeroPatterns(capped.weights())).isLessThanOrEqualTo(ConeWorkingSet.INITIAL);
        assertThat(convex.constraintViolation(capped.weights())).isLessThanOrEqualTo(FEASIBILITY);
        ReluCertificate again = ReluCertificate.evaluate(convex, capped.weights(), capped.lambda(),
                capped.multipliers(), ReluCertificate.Options.defaults());
        assertThat(again.certificate().closes(0, ADMM_RTOL)).isFalse();
        assertThat(again.certificate().dual()).isLessThanOrEqualTo(optimum * (1 + REFERENCE_RTOL));
        assertThat(again.certificate().primal()).isGreaterThanOrEqualTo(optimum * (1 - REFERENCE_RTOL));
    }

    @Test
    void aSolveIsRepeatable() {
        // The penalty updates count operations, not time: two solves return the same point and certificate.
        ReluConvexProblem convex = sampledInstance();
        ReluInteriorPoint.Result a = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        ReluInteriorPoint.Result b = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(b.newtonSteps()).isEqualTo(a.newtonSteps());
        assertThat(b.weights().blocksView().data).containsExactly(a.weights().blocksView().data);
        assertThat(b.lambda()).containsExactly(a.lambda());
    }

    @Test
    void restrictedCertificatesAreComputedOnlyAsTheResidualFalls() {
        // A certificate (repair, NNLS refinement) is computed when the ADMM residual has halved since the last one, a
        // round ends or the gap is near the target, not at every check point: fewer than half the check points report one, and the solve still
        // closes (against the interior point, as above).
        ReluConvexProblem convex = sampledInstance();
        int[] restricted = {0};
        ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), (method, iteration, primal, dual) -> {
                    if (method.equals("cone-admm") && iteration > 0) {
                        restricted[0]++;
                    }
                });
        assertThat(r.certificate().certificate().closes(0, ADMM_RTOL)).isTrue();
        int checkPoints = r.newtonSteps() / ConeWorkingSet.CHECK_EVERY;
        assertThat(restricted[0]).isPositive().isLessThan(checkPoints / 2);
    }

    @Test
    void extrapolatedCandidatesReachTheTargetInFewerIterations() {
        // The same ADMM path, certified with and without the extrapolated iterate and residual: with them the target
        // is reached in at most EXTRAPOLATION_SAVING of the iterations, and the returned point still closes against
        // the interior point, its certificate recomputed from the returned weights, lambda and multipliers.
        ReluConvexProblem convex = sampledInstance();
        ReluInteriorPoint.Result plain = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE, false, convex.patterns().count());
        ReluInteriorPoint.Result extrapolated = agreesWithTheInteriorPoint(convex, null);
        assertThat(plain.certificate().certificate().closes(0, ADMM_RTOL)).isTrue();
        assertThat((double) extrapolated.newtonSteps()).isLessThanOrEqualTo(
                EXTRAPOLATION_SAVING * plain.newtonSteps());
    }

    @Test
    void withSinglePrecisionProductsTheReturnedPointIsCertifiedToTheTolerance() {
        // n * d at the float copy's threshold: at 1e-4 the iteration's products with X are in single precision, at
        // 1e-6 in double. The certificate is recomputed here, in double, from the returned point.
        int n = 2048;
        int d = 512;
        assertThat(ConeAdmm.singlePrecision(ADMM_RTOL, n, d)).isTrue();
        assertThat(ConeAdmm.singlePrecision(1e-6, n, d)).isFalse();
        TwoLayerReluProblem problem = ReluInstances.problem(n, d, Losses.SQUARED, 1, false, 5L);
        ReluConvexProblem probe = new ReluConvexProblem(problem, PatternSampler.gaussian(problem.featuresView(), 6,
                5L), false);
        // beta at a third of the largest block gradient at zero, so that some blocks are active.
        double[] gradient = ConvexReluWeights.blockNorms(probe.operator().adjoint(problem.yView()));
        double betaMax = java.util.Arrays.stream(gradient).max().orElseThrow();
        ReluConvexProblem convex = probe.withProblem(problem.withBeta(betaMax / 3));
        ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, null, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(nonzeroPatterns(r.weights())).isPositive();
        assertThat(convex.constraintViolation(r.weights())).isLessThanOrEqualTo(FEASIBILITY);
        double primal = problem.withBeta(convex.beta()).objective(ReluNetworkMapping.toNetwork(convex, r.weights()));
        double dual = ReluCertificate.evaluate(convex, r.weights(), r.lambda(), r.multipliers(),
                ReluCertificate.Options.defaults()).certificate().dual();
        assertThat((primal - dual) / primal).isBetween(0.0, ADMM_RTOL);
        assertThat(ownDual(convex, r.lambda(), r.multipliers())).isLessThanOrEqualTo(primal);
    }

    @Test
    void aFactorizationIsWorthAboutFortyIterationsAtTheIssueSize() {
        // The operation-count model against the clock's ratio measured at n = 12000, d = 784, 16 patterns (K = 32).
        assertThat(ConeAdmm.factorizationIterations(12_000, 784, 32)).isBetween(30.0, 50.0);
        assertThat(ConeAdmm.factorizationIterations(30, 3, 80)).isLessThan(1.0);
    }

    @Test
    void aWarmStartOfTheWrongShapeIsNamed() {
        TwoLayerReluProblem problem = ReluInstances.problem(12, 2, Losses.SQUARED, 0.05, true, 3L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), 6, 3L), false);
        ConeAdmm admm = new ConeAdmm(convex, 1, 1, ConeWorkingSet.ALPHA, false);
        assertThat(admm.workOn(new int[]{0, 2})).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admm.startFrom(new DMatrixRMaj(3, 2), null))
                .isInstanceOf(io.dualnet.linalg.MatrixDimensionException.class).hasMessageContaining("blocks")
                .hasMessageContaining("3x2").hasMessageContaining("3x4");
    }

    /** The relative gap recomputed from the returned point after {@code budget} iterations. */
    @Test
    void theReturnedPrimalIsNeverWorseThanTheWarmStart() {
        // The best primal and the best dual are kept apart (SeparateBounds): a later iterate whose dual bound narrows
        // the gap must not replace a better primal point, least of all the warm start.
        ReluConvexProblem convex = sampledInstance();
        ConvexReluWeights warm = ConeWorkingSet.solve(convex, null, 1e-12, 300, ReluCertificate.Options.defaults(),
                SolveListener.NONE).weights();
        double start = convex.objective(convex.repair(warm));
        for (int budget : new int[] {50, 100, 200, 400}) {
            ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, warm, 1e-12, budget,
                    ReluCertificate.Options.defaults(), SolveListener.NONE);
            ReluCertificate recomputed = ReluCertificate.evaluate(convex, r.weights(), r.lambda(), r.multipliers(),
                    ReluCertificate.Options.defaults());
            assertThat(recomputed.certificate().primal()).isLessThanOrEqualTo(start);
            assertThat(recomputed.constraintViolation()).isLessThanOrEqualTo(FEASIBILITY);
            assertThat(recomputed.certificate().primal())
                    .isCloseTo(r.certificate().certificate().primal(), within(MAPPING_RTOL * start));
            assertThat(recomputed.certificate().dual()).isLessThanOrEqualTo(recomputed.certificate().primal());
        }
    }

    private static double gapAfter(ReluConvexProblem convex, ConvexReluWeights warm, int budget) {
        ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, warm, 1e-12, budget,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        return ReluCertificate.evaluate(convex, r.weights(), r.lambda(), r.multipliers(),
                ReluCertificate.Options.defaults()).certificate().relativeGap();
    }

    /** Patterns whose {@code v} or {@code w} block is nonzero. */
    private static int nonzeroPatterns(ConvexReluWeights weights) {
        double[] norms = ConvexReluWeights.blockNorms(weights.blocksView());
        int p = norms.length / 2;
        int count = 0;
        for (int i = 0; i < p; i++) {
            count += norms[i] > 0 || norms[p + i] > 0 ? 1 : 0;
        }
        return count;
    }

    /** The 30-sample, 3-feature instance with 40 sampled patterns. */
    private static ReluConvexProblem sampledInstance() {
        TwoLayerReluProblem problem = ReluInstances.problem(30, 3, Losses.SQUARED, 0.1, true, 1L);
        return new ReluConvexProblem(problem, PatternSampler.gaussian(problem.featuresView(), 40, 1L), false);
    }

    private static void agreesWithTheInteriorPoint(ReluConvexProblem convex) {
        agreesWithTheInteriorPoint(convex, null);
    }

    private static ReluInteriorPoint.Result agreesWithTheInteriorPoint(ReluConvexProblem convex,
                                                                       ConvexReluWeights warm) {
        ReluInteriorPoint.Result reference = ConePrimalDual.solve(convex, REFERENCE_RTOL, 100, SolveListener.NONE);
        double optimum = reference.certificate().certificate().primal();
        assertThat(reference.certificate().certificate().relativeGap()).isLessThanOrEqualTo(REFERENCE_RTOL);
        ReluInteriorPoint.Result r = ConeWorkingSet.solve(convex, warm, ADMM_RTOL, BUDGET,
                ReluCertificate.Options.defaults(), SolveListener.NONE);
        assertThat(convex.constraintViolation(r.weights())).isLessThanOrEqualTo(FEASIBILITY);
        TwoLayerReluProblem problem = convex.problem();
        double primal = problem.objective(ReluNetworkMapping.toNetwork(convex, r.weights()));
        assertThat(primal).isCloseTo(convex.objective(r.weights()),
                org.assertj.core.data.Offset.offset(MAPPING_RTOL * Math.abs(primal)));
        // This test's own check (the ADMM multipliers as they are, zero outside the working set) is a valid bound;
        // the library's recomputation from the same point refines the multipliers by NNLS and closes the gap.
        assertThat(ownDual(convex, r.lambda(), r.multipliers())).isLessThanOrEqualTo(optimum * (1 + REFERENCE_RTOL));
        double dual = ReluCertificate.evaluate(convex, r.weights(), r.lambda(), r.multipliers(),
                ReluCertificate.Options.defaults()).certificate().dual();
        assertThat(dual).isLessThanOrEqualTo(optimum * (1 + REFERENCE_RTOL));
        assertThat(primal).isGreaterThanOrEqualTo(optimum * (1 - REFERENCE_RTOL));
        assertThat((primal - dual) / primal).isLessThanOrEqualTo(ADMM_RTOL);
        assertThat(primal).isLessThanOrEqualTo(optimum * (1 + ADMM_RTOL));
        return r;
    }

    /**
     * The cone dual objective {@code -½||s lambda||² + s lambda^T y} at {@code lambda} scaled by
     * {@code s = min(1, beta / max_j ||X^T(+-D_j lambda + (2 D_j - I) mu_j)||)}, computed here without the library's
     * bounds.
     */
    private static double ownDual(ReluConvexProblem convex, double[] lambda, DMatrixRMaj mu) {
        DMatrixRMaj x = convex.problem().featuresView();
        double[] y = convex.problem().yView();
        int n = x.numRows;
        int d = x.numCols;
        int p = convex.patterns().count();
        double worst = 0;
        for (int j = 0; j < 2 * p; j++) {
            int i = j % p;
            double sign = j < p ? 1 : -1;
            double[] z = new double[d];
            for (int k = 0; k < n; k++) {
                boolean on = convex.patterns().active(i, k);
                double m = mu == null ? 0 : Math.max(0, mu.get(k, j));
                double t = (on ? sign * lambda[k] : 0) + (on ? m : -m);
                for (int c = 0; c < d; c++) {
                    z[c] += x.get(k, c) * t;
                }
            }
            double norm = 0;
            for (double v : z) {
                norm += v * v;
            }
            worst = Math.max(worst, Math.sqrt(norm));
        }
        double s = worst > convex.beta() ? convex.beta() / worst : 1;
        double ll = 0;
        double ly = 0;
        for (int k = 0; k < n; k++) {
            ll += lambda[k] * lambda[k];
            ly += lambda[k] * y[k];
        }
        return -0.5 * s * s * ll + s * ly;
    }
}

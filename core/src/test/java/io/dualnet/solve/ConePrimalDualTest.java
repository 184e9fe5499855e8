package io.dualnet.solve;

import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.duality.ReluDualBound;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cone program's primal-dual interior-point route ({@link ConePrimalDual}) against references: cvxopt's
 * {@code coneqp} optimum of the peers' exact 1-D instance, the barrier route ({@link ReluInteriorPoint}) and the
 * augmented Lagrangian on sampled patterns. Every certificate is recomputed from the returned points (objective,
 * constraint violation, dual bound of {@code lambda} and the multipliers), never read from the solver.
 */
class ConePrimalDualTest {
    /** Gap requested from the method. */
    private static final double SOLVER_RTOL = 1e-10;
    /** The target: relative gap of the recomputed certificate. */
    private static final double GAP_RTOL = 1e-8;
    /**
     * cvxopt {@code coneqp} (abstol = reltol = feastol = 1e-9) on the same data, patterns and beta, from
     * {@code /work/shared/peers/relu2_convex.py --dataset synth1d --n 50} (numpy seed 0; its {@code obj}).
     */
    private static final double CVXOPT_OPTIMUM = 1.124657278773725;
    /** cvxopt's own tolerance is 1e-9 (absolute and relative): our certified optimum lies within. */
    private static final double CVXOPT_RTOL = 2e-9;
    /** The peer's beta: 0.05 max_i ||(D_i X)^T y||. */
    private static final double SYNTH1D_BETA = 0.6801050898701874;
    /** Constraint violation of a returned point: exactly feasible up to rounding. */
    private static final double VIOLATION_ATOL = 1e-12;

    /** The peers' synth1d instance: x ~ U[-1, 1] sorted, a 5-neuron teacher plus noise (50 samples, one feature). */
    static TwoLayerReluProblem synth1d() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ConePrimalDualTest.class.getResourceAsStream("synth1d-n50.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                rows.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(rows.size(), 1);
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            x.data[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
        }
        return new TwoLayerReluProblem(x, y, Losses.SQUARED, SYNTH1D_BETA, true);
    }

    /** The certificate recomputed from the returned points alone: primal, violation, dual bound. */
    private static double[] recompute(ReluConvexProblem convex, ReluInteriorPoint.Result r) {
        ConvexReluWeights w = r.weights();
        double primal = convex.objective(w);
        double violation = convex.constraintViolation(w);
        ReluDualBound bound = ReluCertificate.dualBound(convex, r.lambda(), r.multipliers(),
                new ReluCertificate.Options(0));
        return new double[]{primal, bound.value(), violation};
    }

    @Test
    void certifiesTheExactOneDimensionalInstanceAtCvxoptsOptimum() throws IOException {
        TwoLayerReluProblem problem = synth1d();
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ArrangementEnumerator.enumerate(problem.featuresView(), ArrangementEnumerator.DEFAULT_LIMIT), false);
        assertThat(convex.patterns().count()).isEqualTo(99);
        ReluInteriorPoint.Result r = ConePrimalDual.solve(convex, SOLVER_RTOL, 100, SolveListener.NONE);
        double[] c = recompute(convex, r);
        assertThat(c[2]).isLessThanOrEqualTo(VIOLATION_ATOL);
        assertThat(c[0] - c[1]).isBetween(0.0, GAP_RTOL * c[0]);
        // Both bracket cvxopt's optimum (to its tolerance).
        assertThat(c[1]).isLessThanOrEqualTo(CVXOPT_OPTIMUM * (1 + CVXOPT_RTOL));
        assertThat(c[0]).isGreaterThanOrEqualTo(CVXOPT_OPTIMUM * (1 - CVXOPT_RTOL));
        assertThat(Math.abs(c[0] - CVXOPT_OPTIMUM)).isLessThanOrEqualTo(CVXOPT_RTOL * CVXOPT_OPTIMUM);
    }

    @Test
    void certifiesAFittedNetworksOwnPatternsWhoseGeneratorsLieNextToFaces() {
        // relu2 fit's network (planted teacher n = 200, d = 5, beta 0.05; 86 neurons): its neurons put kinks at data
        // points, so its own patterns' generators have margins of 1e-11. Started on them, the method's first step was
        // 7.6e-10 long and it stopped at gap 0.999; started on the centered directions it certifies.
        io.dualnet.data.LabeledData data = io.dualnet.data.PlantedRelu.generate(200, 5, 3, 0.1, false, 1);
        TwoLayerReluProblem problem = new TwoLayerReluProblem(data.x(), data.y(), Losses.SQUARED, 0.05, false);
        ConeReluSolver fitter = new ConeReluSolver(ConeReluSolver.Options.defaults().withRelativeTolerance(1e-6));
        ReluCuttingPlanes.Result fit = new ReluCuttingPlanes(ReluCuttingPlanes.Options.defaults().with(10, 1e-6, 1))
                .solve(problem, PatternSampler.gaussian(problem.featuresView(), 60, 1), false, null,
                        (cv, w) -> fitter.solve(cv, w));
        io.dualnet.net.TwoLayerReluNetwork network = io.dualnet.convex.ReluNetworkMapping.toNetwork(fit.convex(),
                fit.solution().primalPoint());
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                io.dualnet.convex.ReluNetworkMapping.patternsOf(problem, network)
                        .union(PatternSampler.gaussian(problem.featuresView(), 200, 1)), false);
        ReluInteriorPoint.Result r = ConePrimalDual.solve(convex, SOLVER_RTOL, 100, SolveListener.NONE);
        double[] c = recompute(convex, r);
        assertThat(c[2]).isLessThanOrEqualTo(VIOLATION_ATOL);
        assertThat(c[0] - c[1]).isBetween(0.0, GAP_RTOL * c[0]);
        assertThat(c[0]).isLessThanOrEqualTo(problem.objective(network));
    }

    @Test
    void theConeSolverRoutesSquaredExactInstancesHere() throws IOException {
        TwoLayerReluProblem problem = synth1d();
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ArrangementEnumerator.enumerate(problem.featuresView(), ArrangementEnumerator.DEFAULT_LIMIT), false);
        Solution<ConvexReluWeights, double[]> s = new ConeReluSolver(ConeReluSolver.Options.defaults()
                .withRelativeTolerance(GAP_RTOL)).solve(convex);
        assertThat(s.method()).isEqualTo("cone-primal-dual");
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        ReluCertificate c = ReluCertificate.evaluate(convex, s.primalPoint(), s.dualPoint(), null,
                ReluCertificate.Options.defaults());
        assertThat(c.constraintViolation()).isLessThanOrEqualTo(VIOLATION_ATOL);
        assertThat(c.certificate().relativeGap()).isLessThanOrEqualTo(GAP_RTOL);
        assertThat(Math.abs(c.certificate().primal() - CVXOPT_OPTIMUM)).isLessThanOrEqualTo(
                CVXOPT_RTOL * CVXOPT_OPTIMUM);
    }

    @ParameterizedTest(name = "n={0} d={1} P={2} seed={3}")
    @CsvSource({"12, 2, 20, 1", "20, 3, 40, 2", "30, 4, 60, 3", "16, 2, 12, 4"})
    void matchesTheBarrierAndTheAugmentedLagrangianOnSampledPatterns(int n, int d, int patterns, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(n, d, Losses.SQUARED, 0.05, true, seed);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                PatternSampler.gaussian(problem.featuresView(), patterns, seed), false);
        ReluInteriorPoint.Result r = ConePrimalDual.solve(convex, SOLVER_RTOL, 100, SolveListener.NONE);
        double[] c = recompute(convex, r);
        assertThat(c[2]).isLessThanOrEqualTo(VIOLATION_ATOL);
        assertThat(c[0] - c[1]).isBetween(0.0, GAP_RTOL * c[0]);
        // Each route's recomputed certificate brackets the other's primal value.
        ReluInteriorPoint.Result barrier = ReluInteriorPoint.barrier(convex, 1e-6);
        double[] b = recompute(convex, barrier);
        assertThat(b[1]).isLessThanOrEqualTo(c[0] * (1 + 1e-12));
        assertThat(c[1]).isLessThanOrEqualTo(b[0] * (1 + 1e-12));
        Solution<ConvexReluWeights, double[]> al = new ConeReluSolver(ConeReluSolver.Options.defaults()
                .withRelativeTolerance(1e-5).withInteriorPointWork(0)).solve(convex);
        ReluCertificate alc = ReluCertificate.evaluate(convex, al.primalPoint(), al.dualPoint(), null,
                ReluCertificate.Options.defaults());
        assertThat(alc.certificate().dual()).isLessThanOrEqualTo(c[0] * (1 + 1e-12));
        assertThat(c[1]).isLessThanOrEqualTo(alc.certificate().primal() * (1 + 1e-12));
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The augmented-Lagrangian route of {@link ConeReluSolver} (interior point disabled) against the interior point. */
class ConeReluSolverTest {

    /** Requested relative gap of the first-order route. */
    private static final double FIRST_ORDER_RTOL = 1e-4;
    /** Requested relative gap of the interior-point reference. */
    private static final double REFERENCE_RTOL = 1e-6;

    private static final TwoLayerReluProblem PROBLEM = ReluInstances.problem(30, 3, Losses.SQUARED, 0.1, true, 1L);
    private static final ReluConvexProblem CONVEX = new ReluConvexProblem(PROBLEM,
            PatternSampler.gaussian(PROBLEM.featuresView(), 40, 1L), false);

    private static ConeReluSolver.Options firstOrder() {
        return ConeReluSolver.Options.defaults().withRelativeTolerance(FIRST_ORDER_RTOL).withInteriorPointWork(0);
    }

    @Test
    void augmentedLagrangianReachesTheInteriorPointOptimum() {
        Solution<ConvexReluWeights, double[]> reference = new ConeReluSolver(
                ConeReluSolver.Options.defaults().withRelativeTolerance(REFERENCE_RTOL)).solve(CONVEX);
        assertThat(reference.method()).isEqualTo("cone-primal-dual");
        assertThat(reference.status()).isEqualTo(Status.OPTIMAL);
        Solution<ConvexReluWeights, double[]> al = new ConeReluSolver(firstOrder()).solve(CONVEX);
        assertThat(al.method()).isEqualTo("cone-augmented-lagrangian");
        assertThat(al.status()).isEqualTo(Status.OPTIMAL);
        assertThat(al.residuals().get("constraint_violation")).isLessThanOrEqualTo(1e-10);
        // Both certificates bracket the same optimum.
        assertThat(al.dual()).isLessThanOrEqualTo(reference.primal() * (1 + REFERENCE_RTOL));
        assertThat(reference.dual()).isLessThanOrEqualTo(al.primal());
        assertThat(al.primal()).isLessThanOrEqualTo(reference.primal() * (1 + 2 * FIRST_ORDER_RTOL));
        ReluCertificate c = ReluCertificate.evaluate(CONVEX, al.primalPoint(), al.dualPoint(), null,
                ReluCertificate.Options.defaults());
        assertThat(c.certificate().relativeGap()).isLessThanOrEqualTo(FIRST_ORDER_RTOL);
    }

    @Test
    void aWarmStartAtTheOptimumNeedsFewIterationsAndABudgetIsAStatus() {
        Solution<ConvexReluWeights, double[]> reference = new ConeReluSolver(
                ConeReluSolver.Options.defaults().withRelativeTolerance(REFERENCE_RTOL)).solve(CONVEX);
        Solution<ConvexReluWeights, double[]> warm = new ConeReluSolver(firstOrder())
                .solve(CONVEX, reference.primalPoint());
        assertThat(warm.status()).isEqualTo(Status.OPTIMAL);
        assertThat(warm.iterations()).isLessThanOrEqualTo(200);
        Solution<ConvexReluWeights, double[]> budget = new ConeReluSolver(firstOrder().withMaxIterations(5))
                .solve(CONVEX);
        assertThat(budget.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(budget.dual()).isLessThanOrEqualTo(budget.primal());
    }

    @Test
    void optionsAndProblemKindAreValidatedByName() {
        ConeReluSolver.Options d = ConeReluSolver.Options.defaults();
        assertThatThrownBy(() -> d.withMaxIterations(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> d.withRelativeTolerance(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("relativeTolerance");
        assertThatThrownBy(() -> d.withInteriorPointWork(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("interiorPointWork");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 0, 0.1, 0.1, 1, 1, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("powerIterations");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0, 0.1, 1, 1, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("initialSmoothing");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0.1, 1, 1, 1, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("smoothingDecrease");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0.1, 0.1, 0, 1, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("penalty");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0.1, 0.1, 1, 0.5, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("penaltyGrowth");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0.1, 0.1, 1, 1, 0, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stallIterations");
        assertThatThrownBy(() -> new ConeReluSolver.Options(1, 1e-6, 1, 0.1, 0.1, 1, 1, 1, -1, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refinementIterations");
        ReluConvexProblem gated = new ReluConvexProblem(PROBLEM, CONVEX.patterns(), true);
        assertThatThrownBy(() -> new ConeReluSolver(d).solve(gated))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("convex");
        assertThatThrownBy(() -> new ConeReluSolver(d).solve(CONVEX, gated.zeros()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("weights");
    }
}

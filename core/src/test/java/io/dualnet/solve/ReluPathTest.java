package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A decreasing beta path: every point certified, warm starts change nothing but the work, values monotone. */
class ReluPathTest {

    /** Requested relative gap. */
    private static final double SOLVER_RTOL = 1e-8;
    /** Agreement of warm- and cold-started optima, relative. */
    private static final double AGREEMENT_RTOL = 1e-7;
    private static final double[] BETAS = {1.0, 0.3, 0.1, 0.03};

    @Test
    void everyBetaIsSolvedWarmStartedAndTheOptimalValueGrowsWithBeta() {
        TwoLayerReluProblem problem = ReluInstances.problem(9, 2, Losses.SQUARED, 1, true, 6L);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        GatedReluSolver gated = new GatedReluSolver(GatedReluSolver.Options.defaults()
                .withRelativeTolerance(SOLVER_RTOL).withInteriorPointWork(0));
        List<Solution<ConvexReluWeights, double[]>> path = ReluPath.solve(problem, all, true, BETAS, gated::solve);
        assertThat(path).hasSize(BETAS.length);
        for (int i = 0; i < BETAS.length; i++) {
            Solution<ConvexReluWeights, double[]> s = path.get(i);
            assertThat(s.status()).isEqualTo(Status.OPTIMAL);
            Solution<ConvexReluWeights, double[]> cold = gated.solve(
                    new ReluConvexProblem(problem.withBeta(BETAS[i]), all, true));
            assertThat(Math.abs(s.primal() - cold.primal())).isLessThanOrEqualTo(
                    AGREEMENT_RTOL * Math.abs(cold.primal()));
            if (i > 0) {
                assertThat(s.primal()).isLessThan(path.get(i - 1).primal());
            }
        }
    }

    @Test
    void badBetasAreNamed() {
        TwoLayerReluProblem problem = ReluInstances.problem(5, 2, Losses.SQUARED, 1, true, 6L);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        GatedReluSolver gated = new GatedReluSolver(GatedReluSolver.Options.defaults());
        assertThatThrownBy(() -> ReluPath.solve(problem, all, true, new double[0], gated::solve))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("betas");
        assertThatThrownBy(() -> ReluPath.solve(problem, all, true, new double[] {1, -0.5}, gated::solve))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("betas[1]");
    }
}

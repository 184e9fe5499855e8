package io.dualnet.duality;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.Solution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The most violated dual constraints, exactly over an enumerated arrangement and by the randomized search. */
class ViolatedPatternSearchTest {

    /** Relative excess over beta that counts as violated. */
    private static final double VIOLATION_RTOL = 1e-9;

    @ParameterizedTest(name = "gated={0}")
    @ValueSource(booleans = {true, false})
    void bothSearchesFindTheConstraintsViolatedByASubsetSolution(boolean gated) {
        TwoLayerReluProblem problem = ReluInstances.problem(9, 2, Losses.SQUARED, 0.1, true, 4L);
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(), 1000);
        ReluConvexProblem convex = new ReluConvexProblem(problem, all.subset(new int[] {0}), gated);
        Solution<ConvexReluWeights, double[]> s = gated
                ? new GatedReluSolver(GatedReluSolver.Options.defaults()).solve(convex)
                : new ConeReluSolver(ConeReluSolver.Options.defaults()).solve(convex);
        double beta = problem.beta();
        ViolatedPatternSearch.Result exact = ViolatedPatternSearch.exact(problem.featuresView(), all, gated,
                s.dualPoint(), beta, problem.loss(), problem.yView(), VIOLATION_RTOL, 8,
                ReluCertificate.Options.defaults());
        assertThat(exact.exhaustive()).isTrue();
        assertThat(exact.searched()).isEqualTo(all.count());
        assertThat(exact.violated()).isTrue();
        for (int i = 1; i < exact.values().length; i++) {
            assertThat(exact.values()[i]).isLessThanOrEqualTo(exact.values()[i - 1]);
        }
        assertThat(exact.values()[0]).isEqualTo(exact.maxValue());
        ViolatedPatternSearch.Result found = ViolatedPatternSearch.randomized(problem.featuresView(), gated,
                s.dualPoint(), beta, VIOLATION_RTOL, 8, ViolatedPatternSearch.Options.defaults());
        assertThat(found.exhaustive()).isFalse();
        assertThat(found.violated()).isTrue();
        for (int i = 0; i < found.patterns().count(); i++) {
            assertThat(all.contains(found.patterns().mask(i))).isTrue();
            assertThat(found.values()[i]).isGreaterThan(beta).isLessThanOrEqualTo(exact.maxValue() * (1 + 1e-9));
            assertThat(ActivationPatterns.maskOf(problem.featuresView(), found.patterns().generator(i)))
                    .containsExactly(found.patterns().mask(i));
        }
        // At the optimum over all patterns nothing is violated.
        Solution<ConvexReluWeights, double[]> full = gated
                ? new GatedReluSolver(GatedReluSolver.Options.defaults()).solve(convex.withPatterns(all))
                : new ConeReluSolver(ConeReluSolver.Options.defaults()).solve(convex.withPatterns(all));
        assertThat(ViolatedPatternSearch.exact(problem.featuresView(), all, gated, full.dualPoint(), beta,
                problem.loss(), problem.yView(), VIOLATION_RTOL, 8, ReluCertificate.Options.defaults()).violated())
                .isFalse();
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.duality.ViolatedPatternSearch;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cutting planes recover the optimum over all patterns from a deliberately bad starting set. */
class ReluCuttingPlanesTest {

    /** Requested relative gap of every solve. */
    private static final double SOLVER_RTOL = 1e-9;
    /** Agreement with the optimum over every pattern. */
    private static final double OPTIMUM_RTOL = 1e-7;
    /** Agreement when the search is randomized (it may stop at a pattern set missing a negligible cell). */
    private static final double SAMPLED_RTOL = 1e-3;

    private static final TwoLayerReluProblem PROBLEM = ReluInstances.problem(9, 2, Losses.SQUARED, 0.1, true, 4L);
    private static final ActivationPatterns ALL = ArrangementEnumerator.enumerate(PROBLEM.featuresView(), 1000);

    private static ReluCuttingPlanes.ConvexSolver solver(boolean gated) {
        return gated
                ? new GatedReluSolver(GatedReluSolver.Options.defaults().withRelativeTolerance(SOLVER_RTOL))::solve
                : new ConeReluSolver(ConeReluSolver.Options.defaults().withRelativeTolerance(SOLVER_RTOL))::solve;
    }

    private static double optimum(boolean gated) {
        return solver(gated).solve(new ReluConvexProblem(PROBLEM, ALL, gated), null).primal();
    }

    @ParameterizedTest(name = "gated={0}")
    @ValueSource(booleans = {true, false})
    void exactSearchAddsTheMissingPatternsAndCertifiesOverAllOfThem(boolean gated) {
        ActivationPatterns bad = ALL.subset(new int[] {0});
        ReluCuttingPlanes.Result r = new ReluCuttingPlanes(ReluCuttingPlanes.Options.defaults())
                .solve(PROBLEM, bad, gated, null, solver(gated));
        assertThat(r.exact()).isTrue();
        assertThat(r.scope()).isEqualTo("exact");
        assertThat(r.patternsAdded()).isPositive();
        assertThat(r.solution().status()).isEqualTo(Status.OPTIMAL);
        double best = optimum(gated);
        assertThat(Math.abs(r.solution().primal() - best)).isLessThanOrEqualTo(OPTIMUM_RTOL * best);
        // The final dual point is feasible for every pattern of the arrangement.
        double bound = ReluCertificate.dualBound(PROBLEM.featuresView(), ALL, gated, r.solution().dualPoint(),
                PROBLEM.beta(), PROBLEM.loss(), PROBLEM.yView(), null, ReluCertificate.Options.defaults()).value();
        assertThat(bound).isLessThanOrEqualTo(best);
        assertThat(r.solution().relativeGap()).isLessThanOrEqualTo(OPTIMUM_RTOL);
    }

    @Test
    void randomizedSearchFindsViolatedPatternsWithoutEnumeration() {
        ActivationPatterns bad = ALL.subset(new int[] {0});
        ReluCuttingPlanes.Options o = new ReluCuttingPlanes.Options(30, 8, 0, 1e-9, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults());
        ReluCuttingPlanes.Result r = new ReluCuttingPlanes(o).solve(PROBLEM, bad, false, null, solver(false));
        assertThat(r.exact()).isFalse();
        assertThat(r.scope()).isEqualTo("sampled");
        assertThat(r.patternsAdded()).isPositive();
        double best = optimum(false);
        assertThat(r.solution().primal()).isGreaterThanOrEqualTo(best * (1 - OPTIMUM_RTOL));
        assertThat(r.solution().primal()).isLessThanOrEqualTo(best * (1 + SAMPLED_RTOL));
    }

    @Test
    void optionsAreValidatedByName() {
        assertThatThrownBy(() -> new ReluCuttingPlanes.Options(-1, 1, 0, 0, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxRounds");
        assertThatThrownBy(() -> new ReluCuttingPlanes.Options(1, 0, 0, 0, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("patternsPerRound");
        assertThatThrownBy(() -> new ReluCuttingPlanes.Options(1, 1, -1, 0, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("enumerationLimit");
        assertThatThrownBy(() -> new ReluCuttingPlanes.Options(1, 1, 0, -1, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("violationTolerance");
        assertThatThrownBy(() -> new ViolatedPatternSearch.Options(-1, 1, 1L, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("starts");
    }
}

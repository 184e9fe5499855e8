package io.dualnet.duality;

import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weak duality of the recomputed certificate on random feasible primal and arbitrary dual points. */
class ReluCertificatePropertyTest {

    /** Rounding slack of weak duality, relative to the primal value. */
    private static final double WEAK_DUALITY_RTOL = 1e-12;
    /** How far a scaled dual point may exceed its constraint level, relative. */
    private static final double FEASIBILITY_RTOL = 1e-9;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Losses.SQUARED, true, false, 1L), Arguments.of(Losses.SQUARED, false, true, 2L),
                Arguments.of(Losses.LOGISTIC, true, false, 3L), Arguments.of(Losses.LOGISTIC, true, true, 4L),
                Arguments.of(Losses.HINGE, true, false, 5L), Arguments.of(Losses.HINGE, false, true, 6L));
    }

    @ParameterizedTest(name = "{0} bias={1} gated={2} seed={3}")
    @MethodSource("cases")
    void everyFeasiblePrimalPointIsAboveEveryScaledDualPoint(Loss loss, boolean bias, boolean gated, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(9, 2, loss, 0.25, bias, seed);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ArrangementEnumerator.enumerate(problem.featuresView(), 1000), gated);
        Random rng = new Random(seed);
        for (int trial = 0; trial < 8; trial++) {
            ConvexReluWeights w = ReluInstances.randomFeasible(convex, rng);
            double[] lambda = new double[problem.samples()];
            for (int k = 0; k < lambda.length; k++) {
                lambda[k] = (trial % 2 == 0 ? 3 : 0.3) * rng.nextGaussian();
            }
            ReluCertificate c = ReluCertificate.evaluate(convex, w, lambda, null, ReluCertificate.Options.defaults());
            assertThat(c.constraintViolation()).isLessThanOrEqualTo(1e-12);
            assertThat(c.certificate().dual()).isLessThanOrEqualTo(
                    c.certificate().primal() + WEAK_DUALITY_RTOL * Math.abs(c.certificate().primal()));
            assertThat(CertificateCheck.violatesWeakDuality(c.certificate())).isFalse();
            // The scaled point is feasible: its own bounds are at most beta.
            ReluDualBound again = ReluCertificate.dualBound(convex, c.dual().feasibleLambda(), null,
                    ReluCertificate.Options.defaults());
            assertThat(again.maxBound()).isLessThanOrEqualTo(problem.beta() * (1 + FEASIBILITY_RTOL));
            assertThat(again.scaling()).isGreaterThanOrEqualTo(1 - FEASIBILITY_RTOL);
        }
    }

    @Test
    void badDualPointsAndMultipliersNameTheParameter() {
        TwoLayerReluProblem problem = ReluInstances.problem(6, 2, Losses.SQUARED, 0.25, true, 1L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ArrangementEnumerator.enumerate(problem.featuresView(), 1000), false);
        ReluCertificate.Options o = ReluCertificate.Options.defaults();
        assertThatThrownBy(() -> ReluCertificate.dualBound(convex, new double[5], null, o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda");
        double[] nan = new double[6];
        nan[2] = Double.NaN;
        assertThatThrownBy(() -> ReluCertificate.dualBound(convex, nan, null, o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda[2]");
        assertThatThrownBy(() -> ReluCertificate.dualBound(convex, new double[6], new DMatrixRMaj(6, 1), o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("multipliers");
        assertThatThrownBy(() -> ReluCertificate.dualBound(problem.featuresView(), convex.patterns(), false,
                new double[6], 0, Losses.SQUARED, problem.yView(), null, o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new ReluCertificate.Options(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refinementIterations");
    }
}

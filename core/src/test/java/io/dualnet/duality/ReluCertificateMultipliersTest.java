package io.dualnet.duality;

import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConeMultipliers;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipliers kept across certificates ({@link ConeMultipliers#updating}): the refinement's multipliers are written
 * back, a certificate that only evaluates them reproduces the refined bound, and plain views are never written.
 */
class ReluCertificateMultipliersTest {

    /** Rounding slack between a refined bound and the same bound re-evaluated from the kept multipliers. */
    private static final double REEVALUATION_RTOL = 1e-9;
    private static final int REFINEMENT = 30;

    @Test
    void keptMultipliersCarryTheRefinementToTheNextCertificate() {
        TwoLayerReluProblem problem = ReluInstances.problem(9, 2, Losses.SQUARED, 0.25, true, 7L);
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ArrangementEnumerator.enumerate(problem.featuresView(), 1000), false);
        Random rng = new Random(7);
        ConvexReluWeights w = ReluInstances.randomFeasible(convex, rng);
        double[] lambda = new double[problem.samples()];
        for (int k = 0; k < lambda.length; k++) {
            lambda[k] = 3 * rng.nextGaussian();
        }
        int columns = 2 * convex.patterns().count();
        DMatrixRMaj kept = new DMatrixRMaj(problem.samples(), columns);
        ReluCertificate refined = ReluCertificate.evaluateWith(convex, w, lambda, ConeMultipliers.updating(kept),
                new ReluCertificate.Options(REFINEMENT));
        double written = 0;
        for (double m : kept.data) {
            assertThat(m).isGreaterThanOrEqualTo(0);
            written += m;
        }
        assertThat(written).as("the refinement found nonzero multipliers").isGreaterThan(0);

        DMatrixRMaj copy = kept.copy();
        ReluCertificate reevaluated = ReluCertificate.evaluateWith(convex, w, lambda, ConeMultipliers.view(copy),
                new ReluCertificate.Options(0));
        assertThat(reevaluated.dual().maxBound()).isLessThanOrEqualTo(
                refined.dual().maxBound() * (1 + REEVALUATION_RTOL));
        assertThat(reevaluated.certificate().dual()).isGreaterThanOrEqualTo(
                refined.certificate().dual() - REEVALUATION_RTOL * Math.abs(refined.certificate().dual()));
        assertThat(copy.data).as("a plain view is only read").containsExactly(kept.data);

        ReluCertificate fromZero = ReluCertificate.evaluateWith(convex, w, lambda,
                ConeMultipliers.view(new DMatrixRMaj(problem.samples(), columns)), new ReluCertificate.Options(0));
        assertThat(reevaluated.dual().maxBound()).isLessThanOrEqualTo(fromZero.dual().maxBound());
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.CertificateCheck;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HingePolishTest {
    /** The Done-when accuracy of the two-layer issue: primal and dual meet to this, relative. */
    private static final double EXACT_RTOL = 1e-8;
    /** Cone constraints of the polished point, absolute (features are O(1)). */
    private static final double FEASIBILITY_ATOL = 1e-12;

    private static ReluConvexProblem instance(boolean gated, long seed) {
        TwoLayerReluProblem problem = ReluInstances.problem(8, 2, Losses.HINGE, 0.1, true, seed);
        return new ReluConvexProblem(problem, ArrangementEnumerator.enumerate(problem.featuresView(), 5000), gated);
    }

    @ParameterizedTest(name = "gated={0} seed={1}")
    @CsvSource({"true,2", "true,4", "true,5", "false,3", "false,5", "false,6"})
    void thePolishClosesWhatTheBarrierLeavesOpen(boolean gated, long seed) {
        ReluConvexProblem convex = instance(gated, seed);
        ReluInteriorPoint.Result barrier = ReluInteriorPoint.barrier(convex, 0);
        ReluInteriorPoint.Result polished = HingePolish.improve(convex, barrier, 0);

        assertThat(barrier.certificate().certificate().relativeGap()).as("barrier alone").isGreaterThan(EXACT_RTOL);
        // Recomputed from the returned point alone: no multipliers, the certificate's own refinement.
        ReluCertificate c = ReluCertificate.evaluate(convex, polished.weights(), polished.lambda(), null,
                ReluCertificate.Options.defaults());
        assertThat(c.constraintViolation()).isLessThanOrEqualTo(FEASIBILITY_ATOL);
        assertThat(CertificateCheck.violatesWeakDuality(c.certificate())).isFalse();
        assertThat(c.certificate().relativeGap()).isLessThanOrEqualTo(EXACT_RTOL);
        assertThat(c.certificate().primal()).isLessThanOrEqualTo(barrier.certificate().certificate().primal());
    }

    @ParameterizedTest(name = "gated={0} seed={1}")
    @CsvSource({"false,2", "false,7", "true,9"})
    void thePolishNeverReturnsAWorseCertificate(boolean gated, long seed) {
        ReluConvexProblem convex = instance(gated, seed);
        ReluInteriorPoint.Result barrier = ReluInteriorPoint.barrier(convex, 0);
        ReluInteriorPoint.Result polished = HingePolish.improve(convex, barrier, 0);

        assertThat(polished.gap()).isLessThanOrEqualTo(barrier.gap());
        assertThat(polished.certificate().constraintViolation()).isLessThanOrEqualTo(FEASIBILITY_ATOL);
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConeAdmm}'s penalty changes: a change of either penalty, or of both apart (the kernel formed again), keeps the
 * ADMM's fixed point, and an ADMM balanced per constraint reaches the interior point's optimum, its certificate
 * recomputed from the returned point.
 */
class ConeAdmmTest {
    /** Iterations that bring the unit instance's ADMM to its fixed point (to rounding). */
    private static final int CONVERGE = 20_000;
    /** Largest relative move of a converged iterate over one iteration, with or without a penalty change. */
    private static final double FIXED_POINT = 1e-9;
    /** Target relative gap of the restricted certificate. */
    private static final double ADMM_RTOL = 1e-4;
    /** Target relative gap of the interior-point reference. */
    private static final double REFERENCE_RTOL = 1e-8;
    private static final int BUDGET = 20_000;

    @Test
    void aPenaltyChangeKeepsTheFixedPoint() {
        // At a converged iterate one more iteration moves nothing; after moving the penalties (both together: C is
        // refactored; apart, either way: the kernel X B^-1 X^T is formed again) the scaled duals are rescaled so that
        // the multipliers, and the fixed point, are unchanged: the next iterate stays where it was.
        for (double[] tau : new double[][] {{4, 4}, {0.25, 0.25}, {4, 0.25}, {0.5, 8}, {1, 2}}) {
            ConeAdmm admm = converged(unit());
            double[] before = admm.weights().blocksView().data;
            double[] penalties = admm.penalties();
            assertThat(admm.rescale(tau[0], tau[1])).isTrue();
            assertThat(admm.penalties()).containsExactly(penalties[0] * tau[0], penalties[1] * tau[1]);
            admm.iterate();
            assertThat(relativeMove(before, admm.weights().blocksView().data)).isLessThan(FIXED_POINT);
        }
    }

    @Test
    void aConvergedIterateIsAFixedPointWithoutAPenaltyChange() {
        // The reference for the test above: without a change one more iteration also moves nothing.
        ConeAdmm admm = converged(unit());
        double[] before = admm.weights().blocksView().data;
        assertThat(admm.rescale(1, 1)).isFalse();
        admm.iterate();
        assertThat(relativeMove(before, admm.weights().blocksView().data)).isLessThan(FIXED_POINT);
    }

    @Test
    void aPenaltyChangeAwayFromTheFixedPointMovesTheIterate() {
        // The fixed-point check above can fail: far from convergence a change of one penalty moves the next iterate.
        ReluConvexProblem convex = unit();
        ConeAdmm plain = started(convex);
        ConeAdmm changed = started(convex);
        for (int it = 0; it < 20; it++) {
            plain.iterate();
            changed.iterate();
        }
        changed.rescale(8, 1);
        plain.iterate();
        changed.iterate();
        assertThat(relativeMove(plain.weights().blocksView().data, changed.weights().blocksView().data))
                .isGreaterThan(1e3 * FIXED_POINT);
    }

    @Test
    void balancedPerConstraintTheAdmmReachesTheInteriorPointOptimum() {
        ReluConvexProblem convex = unit();
        double optimum = ConePrimalDual.solve(convex, REFERENCE_RTOL, 100, SolveListener.NONE)
                .certificate().certificate().primal();
        ConeAdmm admm = started(convex);
        admm.balanceSeparately(true);
        ReluCertificate certificate = null;
        for (int it = 1; it <= BUDGET; it++) {
            admm.iterate();
            if (it % ConeWorkingSet.CHECK_EVERY != 0) {
                continue;
            }
            admm.balance(ConeWorkingSet.BALANCE_RATIO, ConeWorkingSet.BALANCE_FACTOR);
            ConvexReluWeights w = convex.repair(admm.weights(), ConeWorkingSet.REPAIR_ITERATIONS);
            double[] prediction = convex.predict(admm.weights());
            double[] lambda = convex.problem().yView().clone();
            for (int k = 0; k < lambda.length; k++) {
                lambda[k] -= prediction[k];
            }
            certificate = ReluCertificate.evaluate(convex, w, lambda, admm.multipliers(),
                    ReluCertificate.Options.defaults());
            if (certificate.certificate().closes(0, ADMM_RTOL)) {
                break;
            }
        }
        assertThat(certificate).isNotNull();
        assertThat(certificate.certificate().closes(0, ADMM_RTOL)).isTrue();
        assertThat(certificate.certificate().dual()).isLessThanOrEqualTo(optimum * (1 + REFERENCE_RTOL));
        assertThat(certificate.certificate().primal()).isGreaterThanOrEqualTo(optimum * (1 - REFERENCE_RTOL));
        assertThat(certificate.constraintViolation()).isLessThanOrEqualTo(1e-9);
    }

    /** The 30-sample instance of {@code ConeWorkingSetTest}, on 12 sampled patterns (all in the working set). */
    private static ReluConvexProblem unit() {
        TwoLayerReluProblem problem = ReluInstances.problem(30, 3, Losses.SQUARED, 0.1, true, 1L);
        return new ReluConvexProblem(problem, PatternSampler.gaussian(problem.featuresView(), 12, 1L), false);
    }

    /** An ADMM on all of {@code convex}'s patterns with the working-set route's penalties, before any iteration. */
    private static ConeAdmm started(ReluConvexProblem convex) {
        ConeAdmm admm = new ConeAdmm(convex, ConeWorkingSet.copyPenalty(convex.problem().featuresView()),
                ConeWorkingSet.RHO_CONSTRAINT, ConeWorkingSet.ALPHA, false);
        int[] all = new int[convex.patterns().count()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertThat(admm.workOn(all)).isTrue();
        return admm;
    }

    /** {@link #started} run for {@link #CONVERGE} iterations, balanced together every 50. */
    private static ConeAdmm converged(ReluConvexProblem convex) {
        ConeAdmm admm = started(convex);
        for (int it = 1; it <= CONVERGE; it++) {
            admm.iterate();
            if (it % ConeWorkingSet.CHECK_EVERY == 0) {
                admm.balance(ConeWorkingSet.BALANCE_RATIO, ConeWorkingSet.BALANCE_FACTOR);
            }
        }
        return admm;
    }

    /** {@code ||b - a|| / max(||a||, tiny)}. */
    private static double relativeMove(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (b[i] - a[i]) * (b[i] - a[i]);
            norm += a[i] * a[i];
        }
        return Math.sqrt(diff / Math.max(norm, Double.MIN_NORMAL));
    }
}

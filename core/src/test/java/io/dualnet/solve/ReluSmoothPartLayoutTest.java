package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean memory layout of {@link ReluSmoothPart} (one product buffer, recomputed extrapolation products, float
 * multipliers) against the standard one on a small cone instance, forced by a zero layout threshold.
 */
class ReluSmoothPartLayoutTest {

    /**
     * Largest difference of the two layouts' iterates (and values), relative to the largest entry: float multipliers
     * (relative 6e-8) and one GEMM instead of a combination of two differ only by rounding (observed: 1e-8).
     */
    private static final double LAYOUT_RTOL = 1e-6;
    /**
     * Largest relative difference of the dual constraint bound (the gradient's largest block norm), a difference of
     * the data and multiplier terms that nearly cancel, so the multipliers' rounding weighs more (observed: 3e-6).
     */
    private static final double BOUND_RTOL = 1e-4;
    /** Requested relative gap of the solver comparison. */
    private static final double FIRST_ORDER_RTOL = 1e-4;
    /**
     * FISTA steps compared one by one. Later on this instance FISTA enters a non-monotone phase (the step grows by
     * 1/0.9 an iteration between backtracks) that amplifies any rounding difference, as it would a change of BLAS
     * kernels, so the paths are compared before it.
     */
    private static final int STEPS = 200;
    /** Steps between multiplier updates (each followed by a restart, as in the solver). */
    private static final int UPDATE_EVERY = 25;

    private static final TwoLayerReluProblem PROBLEM = ReluInstances.problem(30, 3, Losses.SQUARED, 0.1, true, 1L);
    private static final ReluConvexProblem CONVEX = new ReluConvexProblem(PROBLEM,
            PatternSampler.gaussian(PROBLEM.featuresView(), 40, 1L), false);

    @Test
    void theLeanLayoutTakesTheSameStepsAsTheStandardOne() {
        Run standard = new Run(ReluSmoothPart.LEAN_ENTRIES);
        Run lean = new Run(0);
        assertThat(standard.part.lean()).isFalse();
        assertThat(standard.part.multipliers().single()).isFalse();
        assertThat(lean.part.lean()).isTrue();
        assertThat(lean.part.multipliers().single()).isTrue();
        double moved = 0;
        for (int it = 1; it <= STEPS; it++) {
            double fs = standard.step(it);
            double fl = lean.step(it);
            assertThat(Math.abs(fl - fs)).isLessThanOrEqualTo(LAYOUT_RTOL * Math.max(1, Math.abs(fs)));
            DMatrixRMaj a = standard.fista.iterate();
            DMatrixRMaj b = lean.fista.iterate();
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < a.data.length; i++) {
                scale = Math.max(scale, Math.abs(a.data[i]));
                diff = Math.max(diff, Math.abs(a.data[i] - b.data[i]));
            }
            assertThat(diff).isLessThanOrEqualTo(LAYOUT_RTOL * scale);
            assertThat(Math.abs(lean.part.primal() - standard.part.primal()))
                    .isLessThanOrEqualTo(LAYOUT_RTOL * Math.abs(standard.part.primal()));
            assertThat(Math.abs(lean.part.maxBound() - standard.part.maxBound()))
                    .isLessThanOrEqualTo(BOUND_RTOL * standard.part.maxBound());
            moved = Math.max(moved, scale);
        }
        // The comparison is not vacuous: the iterates left zero and the multipliers were updated.
        assertThat(moved).isGreaterThan(0);
        double[] row = new double[CONVEX.blockCount()];
        double total = 0;
        for (int k = 0; k < PROBLEM.samples(); k++) {
            standard.part.multipliers().readRow(k, row);
            for (double v : row) {
                total += v;
            }
        }
        assertThat(total).isGreaterThan(0);
    }

    @Test
    void theSolverCertifiesTheSameOptimumInBothLayouts() {
        ConeReluSolver.Options options = ConeReluSolver.Options.defaults().withRelativeTolerance(FIRST_ORDER_RTOL)
                .withInteriorPointWork(0);
        Solution<ConvexReluWeights, double[]> standard = new ConeReluSolver(options).solve(CONVEX);
        Solution<ConvexReluWeights, double[]> lean = new ConeReluSolver(options, 0).solve(CONVEX);
        assertThat(standard.status()).isEqualTo(Status.OPTIMAL);
        assertThat(lean.status()).isEqualTo(Status.OPTIMAL);
        assertThat(lean.method()).isEqualTo("cone-augmented-lagrangian");
        assertThat(lean.residuals().get("constraint_violation")).isLessThanOrEqualTo(1e-10);
        // Each certificate brackets the optimum within the tolerance, so each primal is above the other's dual.
        assertThat(lean.dual()).isLessThanOrEqualTo(standard.primal());
        assertThat(standard.dual()).isLessThanOrEqualTo(lean.primal());
        assertThat(Math.abs(lean.primal() - standard.primal()))
                .isLessThanOrEqualTo(2 * FIRST_ORDER_RTOL * Math.abs(standard.primal()));
    }

    /** One layout driven like the solver's loop: FISTA steps, periodic multiplier updates and restarts. */
    private static final class Run {
        final ReluSmoothPart part;
        final GroupFista fista;

        Run(long leanEntries) {
            SmoothLoss loss = new SmoothLoss(CONVEX.loss(), 0.1);
            part = new ReluSmoothPart(CONVEX, loss, leanEntries);
            part.setPenalty(10 * loss.lipschitz());
            double normA = 2 * CONVEX.operator().normSquaredEstimate(10, 11L);
            double normX = CONVEX.operator().featureNormSquaredEstimate(10, 11L);
            fista = new GroupFista(part, CONVEX.zeros().blocksView(), CONVEX.beta(),
                    loss.lipschitz() * normA + part.penalty() * normX);
        }

        double step(int it) {
            double f = fista.step(false);
            if (it % UPDATE_EVERY == 0) {
                part.updateMultipliers();
                fista.restart();
            }
            return f;
        }
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.ReluCertificate;

/**
 * Solves the gated-ReLU convex program (paper 002 Appendix A; spec §1.3; Mishkin, Sahiner and Pilanci 2022)
 *
 * <pre>
 *   min_V  l( sum_i D_i X v_i, y ) + beta sum_i ||v_i||_2
 * </pre>
 *
 * over a fixed pattern set by FISTA with gradient-based adaptive restarts and group soft-thresholding, step
 * {@code 1/L} with {@code L = l'' ||A||^2} estimated by power iteration. Each iteration costs two GEMMs
 * ({@code X V}, {@code X^T G}) and {@code O(nP)} masked passes through one {@code n x P} buffer (memory
 * {@code O(nP + P d')}). The hinge loss is replaced by its Huber smoothing with continuation (decreasing {@code mu}
 * whenever the smoothed gap is below a tenth of the true gap); certificates always use the true loss.
 *
 * <p>The dual is {@code max -l*(-lambda) s.t. ||X^T D_i lambda|| <= beta}; every iteration evaluates it at
 * {@code lambda = -grad l(prediction)} scaled to feasibility, and the returned certificate is recomputed by
 * {@link ReluCertificate} from the returned weights and dual point. Non-convergence is a status, never an exception.
 * Nothing passed in is modified.
 */
public final class GatedReluSolver implements ConvexReluSolver {
    /** Default {@link Options#interiorPointWork()}: about a tenth of a second per Newton step at most. */
    public static final double DEFAULT_INTERIOR_POINT_WORK = 2e6;

    /** Default {@link Options#newtonSampleLimit()}: two {@code n x n} systems of 2.1 GB each at most. */
    public static final int DEFAULT_NEWTON_SAMPLE_LIMIT = 16_384;

    /**
     * Solver options.
     *
     * @param maxIterations iteration budget, {@code >= 1}
     * @param relativeTolerance target relative gap, {@code > 0}
     * @param powerIterations power iterations estimating {@code ||A||^2}, {@code >= 1}
     * @param initialSmoothing hinge smoothing {@code mu_0 > 0} (ignored for smooth losses)
     * @param smoothingDecrease continuation factor, in {@code (0, 1)}
     * @param stallIterations iterations without a 1% smaller recomputed gap after which the solver stops as
     *                        stalled, {@code >= 1}
     * @param interiorPointWork instances whose Newton step costs at most this many multiply-adds
     *                          ({@code K n (d'+1)^2}) are solved by the structured interior-point method first (exact
     *                          to the tolerance, also for the hinge loss); {@code 0} disables it; {@code >= 0}
     * @param newtonSampleLimit smooth losses: instances with at most this many samples (and whose {@code n x n}
     *                          Newton systems fit in the heap) are solved by a Schur-complement interior-point
     *                          method first (primal-dual for the squared loss, barrier for the logistic loss),
     *                          which needs {@code O(n^2 P + n^3)} per iteration but few iterations, whatever the
     *                          conditioning; {@code 0} disables it; {@code >= 0}
     */
    public record Options(int maxIterations, double relativeTolerance, int powerIterations, double initialSmoothing,
                          double smoothingDecrease, int stallIterations, double interiorPointWork,
                          int newtonSampleLimit) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
            InvalidInputException.requirePositive("relativeTolerance", relativeTolerance);
            InvalidInputException.requireAtLeast("powerIterations", powerIterations, 1);
            InvalidInputException.requirePositive("initialSmoothing", initialSmoothing);
            if (!(smoothingDecrease > 0 && smoothingDecrease < 1)) {
                throw new InvalidInputException("smoothingDecrease", smoothingDecrease, "a number in (0, 1)");
            }
            InvalidInputException.requireAtLeast("stallIterations", stallIterations, 1);
            InvalidInputException.requireNonNegative("interiorPointWork", interiorPointWork);
            InvalidInputException.requireAtLeast("newtonSampleLimit", newtonSampleLimit, 0);
        }

        /**
         * 10000 iterations, relative gap {@code 1e-6}, 10 power iterations, hinge {@code mu_0 = 0.1} decreased
         * tenfold, stalled after 3000 iterations without progress, interior point up to {@code 2e6} work, the
         * Schur-complement interior-point methods up to {@value #DEFAULT_NEWTON_SAMPLE_LIMIT} samples.
         */
        public static Options defaults() {
            return new Options(10_000, 1e-6, 10, 0.1, 0.1, 3_000, DEFAULT_INTERIOR_POINT_WORK,
                    DEFAULT_NEWTON_SAMPLE_LIMIT);
        }

        /** These options with another tolerance. */
        public Options withRelativeTolerance(double value) {
            return new Options(maxIterations, value, powerIterations, initialSmoothing, smoothingDecrease,
                    stallIterations, interiorPointWork, newtonSampleLimit);
        }

        /** These options with another iteration budget. */
        public Options withMaxIterations(int value) {
            return new Options(value, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease,
                    stallIterations, interiorPointWork, newtonSampleLimit);
        }

        /** These options with another interior-point limit ({@code 0}: first-order method only). */
        public Options withInteriorPointWork(double value) {
            return new Options(maxIterations, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease,
                    stallIterations, value, newtonSampleLimit);
        }

        /** These options with another sample limit of the Schur-complement method ({@code 0}: never). */
        public Options withNewtonSampleLimit(int value) {
            return new Options(maxIterations, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease,
                    stallIterations, interiorPointWork, value);
        }
    }

    private final Options options;

    /** A solver with the given options. */
    public GatedReluSolver(Options options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** {@inheritDoc} */
    @Override
    public Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm,
                                                       SolveListener listener) {
        ReluSolveLoop.Settings s = new ReluSolveLoop.Settings(options.maxIterations(), options.relativeTolerance(),
                options.powerIterations(), options.initialSmoothing(), options.smoothingDecrease(), 0, 1,
                options.stallIterations(), new ReluCertificate.Options(0), options.interiorPointWork(),
                options.newtonSampleLimit(), listener);
        return ReluSolveLoop.solve(convex, warm, s, true, "gated-fista", ReluSmoothPart.LEAN_ENTRIES);
    }
}

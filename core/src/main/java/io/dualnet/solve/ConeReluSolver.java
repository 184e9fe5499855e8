package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.ReluCertificate;

/**
 * Solves the cone-constrained convex program equivalent to a two-layer ReLU network (paper 002 Appendix A; spec
 * §1.3; Pilanci and Ergen 2020)
 *
 * <pre>
 *   min  l( sum_i D_i X (v_i - w_i), y ) + beta sum_i ( ||v_i|| + ||w_i|| )
 *   s.t. (2 D_i - I) X v_i >= 0,  (2 D_i - I) X w_i >= 0
 * </pre>
 *
 * by an augmented Lagrangian method: multipliers {@code m} ({@code n x 2P}) for the cone constraints, inner FISTA with
 * restarts and the group prox on {@code [V, W]}, multiplier update {@code m <- (m - rho (2D - I) X b)_+} when the
 * subproblem is solved to a decreasing accuracy, penalty growth when the violation stalls. No {@code (Pd) x (Pd)}
 * system is formed: each iteration is about two GEMMs and {@code O(nP)} passes; memory is {@code O(nP + P d')}: up
 * to {@code 2^26} entries {@code n 2P} three {@code n x 2P} double arrays (products of the last two iterates, so the
 * extrapolated point needs no GEMM, and the multipliers), above that one double buffer plus float multipliers and one
 * more GEMM an iteration (12 instead of 24 bytes an entry: 2.9 GB at {@code n = 60000}, {@code P = 2000}; see
 * {@code ReluSmoothPart}). The certificate reads the multipliers in column chunks.
 *
 * <p>Dual: {@code max -l*(-lambda)} such that for all {@code i} some {@code mu_i, mu'_i >= 0} give
 * {@code ||X^T(D_i lambda + (2D_i - I) mu_i)|| <= beta} and {@code ||X^T(-D_i lambda + (2D_i - I) mu'_i)|| <= beta}.
 * The AL multipliers are such {@code mu}'s (tight at the optimum); the certificate refines them by NNLS and scales
 * {@code lambda} to feasibility. The returned weights are repaired into the cone (moved along the patterns'
 * generators), so the primal value is a true upper bound. Non-convergence is a status, never an exception. Nothing
 * passed in is modified.
 */
public final class ConeReluSolver implements ConvexReluSolver {

    /**
     * Solver options.
     *
     * @param maxIterations iteration budget (inner iterations in total), {@code >= 1}
     * @param relativeTolerance target relative gap, {@code > 0}
     * @param powerIterations power iterations estimating {@code ||A||^2} and {@code ||X||^2}, {@code >= 1}
     * @param initialSmoothing hinge smoothing {@code mu_0 > 0} (ignored for smooth losses)
     * @param smoothingDecrease continuation factor, in {@code (0, 1)}
     * @param penalty initial AL penalty relative to {@code l'' max(1, ||A||^2 / ||X||^2)}, {@code > 0}
     * @param penaltyGrowth factor applied to the penalty when the violation does not shrink fourfold, {@code >= 1}
     * @param stallIterations iterations without a 1% smaller recomputed gap after which the solver stops as
     *                        stalled, {@code >= 1}
     * @param refinementIterations NNLS iterations refining the certificate's cone bounds, {@code >= 0}
     * @param interiorPointWork instances whose Newton step costs at most this many multiply-adds
     *                          ({@code K n (d'+1)^2}) are solved by the structured interior-point method first (exact
     *                          to the tolerance, also at degenerate optima); {@code 0} disables it and the working-set
     *                          route; {@code >= 0}
     * @param admmSampleLimit squared loss: instances with at most this many samples (whose {@code n x n} systems fit
     *                        in the heap) are solved by the working-set ADMM with a cached factorization
     *                        ({@code ConeWorkingSet}) before the augmented Lagrangian; {@code 0} disables it;
     *                        {@code >= 0}
     */
    public record Options(int maxIterations, double relativeTolerance, int powerIterations, double initialSmoothing,
                          double smoothingDecrease, double penalty, double penaltyGrowth, int stallIterations,
                          int refinementIterations, double interiorPointWork, int admmSampleLimit) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
            InvalidInputException.requirePositive("relativeTolerance", relativeTolerance);
            InvalidInputException.requireAtLeast("powerIterations", powerIterations, 1);
            InvalidInputException.requirePositive("initialSmoothing", initialSmoothing);
            if (!(smoothingDecrease > 0 && smoothingDecrease < 1)) {
                throw new InvalidInputException("smoothingDecrease", smoothingDecrease, "a number in (0, 1)");
            }
            InvalidInputException.requirePositive("penalty", penalty);
            if (!(penaltyGrowth >= 1) || Double.isInfinite(penaltyGrowth)) {
                throw new InvalidInputException("penaltyGrowth", penaltyGrowth, "a finite number >= 1");
            }
            InvalidInputException.requireAtLeast("stallIterations", stallIterations, 1);
            InvalidInputException.requireAtLeast("refinementIterations", refinementIterations, 0);
            InvalidInputException.requireNonNegative("interiorPointWork", interiorPointWork);
            InvalidInputException.requireAtLeast("admmSampleLimit", admmSampleLimit, 0);
        }

        /**
         * 20000 iterations, relative gap {@code 1e-6}, 10 power iterations, hinge {@code mu_0 = 0.1} decreased
         * tenfold, penalty 10 (fixed: growth 1), stalled after 5000 iterations without progress, 200 NNLS
         * iterations (exact active-set polish on small instances), interior point up to {@code 2e6} work, the
         * working-set ADMM up to {@value GatedReluSolver#DEFAULT_NEWTON_SAMPLE_LIMIT} samples.
         */
        public static Options defaults() {
            return new Options(20_000, 1e-6, 10, 0.1, 0.1, 10, 1, 5_000, 200,
                    GatedReluSolver.DEFAULT_INTERIOR_POINT_WORK, GatedReluSolver.DEFAULT_NEWTON_SAMPLE_LIMIT);
        }

        /** These options with another tolerance. */
        public Options withRelativeTolerance(double value) {
            return new Options(maxIterations, value, powerIterations, initialSmoothing, smoothingDecrease, penalty,
                    penaltyGrowth, stallIterations, refinementIterations, interiorPointWork, admmSampleLimit);
        }

        /** These options with another iteration budget. */
        public Options withMaxIterations(int value) {
            return new Options(value, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease, penalty,
                    penaltyGrowth, stallIterations, refinementIterations, interiorPointWork, admmSampleLimit);
        }

        /** These options with another sample limit of the working-set ADMM ({@code 0}: never). */
        public Options withAdmmSampleLimit(int value) {
            return new Options(maxIterations, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease,
                    penalty, penaltyGrowth, stallIterations, refinementIterations, interiorPointWork, value);
        }

        /** These options with another interior-point limit ({@code 0}: augmented Lagrangian only). */
        public Options withInteriorPointWork(double value) {
            return new Options(maxIterations, relativeTolerance, powerIterations, initialSmoothing, smoothingDecrease,
                    penalty, penaltyGrowth, stallIterations, refinementIterations, value, admmSampleLimit);
        }
    }

    private final Options options;
    private final long leanEntries;

    /** A solver with the given options. */
    public ConeReluSolver(Options options) {
        this(options, ReluSmoothPart.LEAN_ENTRIES);
    }

    /**
     * A solver whose augmented Lagrangian uses the lean memory layout above {@code leanEntries} entries {@code n 2P}
     * ({@code 0}: always; for tests comparing the layouts).
     */
    ConeReluSolver(Options options, long leanEntries) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.leanEntries = leanEntries;
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** {@inheritDoc} Multipliers start at zero. */
    @Override
    public Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm,
                                                       SolveListener listener) {
        ReluSolveLoop.Settings s = new ReluSolveLoop.Settings(options.maxIterations(), options.relativeTolerance(),
                options.powerIterations(), options.initialSmoothing(), options.smoothingDecrease(), options.penalty(),
                options.penaltyGrowth(), options.stallIterations(),
                new ReluCertificate.Options(options.refinementIterations()), options.interiorPointWork(),
                options.interiorPointWork() == 0 ? 0 : options.admmSampleLimit(), listener);
        return ReluSolveLoop.solve(convex, warm, s, false, "cone-augmented-lagrangian", leanEntries);
    }
}

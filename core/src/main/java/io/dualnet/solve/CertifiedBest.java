package io.dualnet.solve;

/**
 * The best certified point seen by an iterative second-order route ({@link ReluInteriorPoint},
 * {@link GatedInteriorPoint}, {@link GatedPrimalDual}), ranked by the recomputed gap, and the rule that stops such a
 * route when double-precision rounding has taken over: a certificate no better than the best, {@code maxWorse} times
 * in a row, once the best has closed to {@code roundingRegime} (relative); and the driver loop of the primal-dual
 * routes ({@link #drive}). Mutable; not thread-safe.
 */
final class CertifiedBest {
    private final double roundingRegime;
    private final int maxWorse;
    private ReluInteriorPoint.Result best;
    private int worse;

    /**
     * @param roundingRegime relative gap below which a certificate that does not improve counts as rounding
     *                       ({@code +inf}: every one counts)
     * @param maxWorse how many such certificates in a row stop the route, {@code >= 1}
     */
    CertifiedBest(double roundingRegime, int maxWorse) {
        this.roundingRegime = roundingRegime;
        this.maxWorse = maxWorse;
    }

    /** Offers a certified point; true when it is the new best (ties keep the old one). */
    boolean offer(ReluInteriorPoint.Result candidate) {
        if (best == null || candidate.gap() < best.gap()) {
            best = candidate;
            worse = 0;
            return true;
        }
        if (roundingRegime == Double.POSITIVE_INFINITY || closes(roundingRegime)) {
            worse++;
        }
        return false;
    }

    /** Whether rounding has stalled the route (see the class description). */
    boolean stalled() {
        return worse >= maxWorse;
    }

    /** Whether the best certificate closes to the relative gap {@code rtol} (false before any offer). */
    boolean closes(double rtol) {
        return best != null && best.certificate().certificate().closes(0, rtol);
    }

    /** The best point offered, or {@code null}. */
    ReluInteriorPoint.Result best() {
        return best;
    }

    /** One iteration of a route: the step length taken ({@code NaN} when its system did not factor). */
    @FunctionalInterface
    interface Step {
        double take();
    }

    /** The certificate of a route's current point after {@code iteration} iterations. */
    @FunctionalInterface
    interface Certify {
        ReluInteriorPoint.Result at(int iteration);
    }

    /**
     * The driver loop shared by {@link GatedPrimalDual} and {@link ConePrimalDual}: step, certify (unless the step
     * failed), report an improved certificate to {@code listener} as {@code method}; stop when the best certificate
     * closes to {@code gapTarget}, rounding stalls it ({@link #stalled}), a step is shorter than {@code minStep} (or
     * failed), {@code maxShort} steps in a row are shorter than {@code shortStep}, or after {@code maxIterations}.
     * Returns the best certified point (the current one, certified at iteration 0, when none was).
     */
    static ReluInteriorPoint.Result drive(Step step, Certify certify, String method, double roundingRegime,
                                          int maxWorse, double minStep, double shortStep, int maxShort,
                                          double gapTarget, int maxIterations, SolveListener listener) {
        CertifiedBest best = new CertifiedBest(roundingRegime, maxWorse);
        int shortSteps = 0;
        for (int it = 1; it <= maxIterations; it++) {
            double taken = step.take();
            ReluInteriorPoint.Result cert = Double.isNaN(taken) ? null : certify.at(it);
            if (cert != null && best.offer(cert)) {
                listener.progress(method, it, best.best().certificate().certificate().primal(),
                        best.best().certificate().certificate().dual());
            }
            shortSteps = taken >= shortStep ? 0 : shortSteps + 1;
            if (best.stalled() || best.closes(gapTarget) || !(taken >= minStep) || shortSteps >= maxShort) {
                break;
            }
        }
        return best.best() != null ? best.best() : certify.at(0);
    }
}

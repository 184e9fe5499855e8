package io.dualnet.solve;

/**
 * The best certified point seen by an iterative second-order route ({@link ReluInteriorPoint},
 * {@link GatedInteriorPoint}, {@link GatedPrimalDual}), ranked by the recomputed gap, and the rule that stops such a
 * route when double-precision rounding has taken over: a certificate no better than the best, {@code maxWorse} times
 * in a row, once the best has closed to {@code roundingRegime} (relative). Mutable; not thread-safe.
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
}

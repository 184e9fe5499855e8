package io.dualnet.solve;

import io.dualnet.duality.Certificate;

import java.util.Map;

/**
 * What every DualNet solver returns: the primal point, the dual point, the certificate recomputed from both, the
 * residuals that measure their quality, the iterations used and how the solver ended.
 *
 * @param primalPoint the returned primal point (e.g. network weights)
 * @param dualPoint the returned dual point (e.g. the dual matrix {@code Lambda})
 * @param certificate primal value, dual value and gap, recomputed from the returned points
 * @param residuals named quality measures (e.g. {@code "dual_infeasibility"}), insertion-ordered
 * @param iterations iterations used (0 for closed forms)
 * @param status how the solver ended
 * @param method the solver's name, for reports
 * @param seconds wall-clock time spent
 * @param <P> type of the primal point
 * @param <D> type of the dual point
 */
public record Solution<P, D>(P primalPoint, D dualPoint, Certificate certificate, Map<String, Double> residuals,
                             int iterations, Status status, String method, double seconds) {

    /** Makes the residual map unmodifiable. */
    public Solution {
        residuals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(residuals));
    }

    /** Primal objective value. */
    public double primal() {
        return certificate.primal();
    }

    /** Dual objective value. */
    public double dual() {
        return certificate.dual();
    }

    /** Duality gap {@code primal - dual}. */
    public double gap() {
        return certificate.gap();
    }

    /** Relative duality gap. */
    public double relativeGap() {
        return certificate.relativeGap();
    }
}

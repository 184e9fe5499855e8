package io.dualnet.duality;

import java.util.Locale;

/**
 * Assumption 1 of Zhang, Shao, Salakhutdinov on the data: {@code tau > y f(w; x)} for every sample and every
 * feasible {@code w}, which makes the tau-hinge loss linear and the problem separable. Since
 * {@code y f(w; x) = (1/I) sum_i y f_i(w_(i); x)} is at most the largest branch margin, it holds when {@code tau}
 * exceeds the certified per-branch bound and fails when some candidate reaches {@code tau}.
 *
 * @param tau the margin parameter
 * @param gridMaxMargin the largest {@code y f_i(w; x)} over the candidates: Assumption 1 fails when
 *     {@code tau <= gridMaxMargin}
 * @param certifiedMaxMargin a certified upper bound of {@code y f_i(w; x)} over the boxes (NaN when not certified)
 * @param status {@code HOLDS} (certified), {@code FAILS} (a witness) or {@code UNKNOWN}
 */
public record AssumptionCheck(double tau, double gridMaxMargin, double certifiedMaxMargin, Status status) {

    /** The outcome. */
    public enum Status {
        /** {@code tau} exceeds the certified bound. */
        HOLDS,
        /** Some candidate weight has {@code y f >= tau}. */
        FAILS,
        /** Neither: the bound is not certified or not tight enough. */
        UNKNOWN;

        /** Lower-case label for JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The check for {@code tau} given the margins. */
    public static AssumptionCheck of(double tau, double gridMaxMargin, double certifiedMaxMargin) {
        Status s = tau <= gridMaxMargin ? Status.FAILS
                : Double.isFinite(certifiedMaxMargin) && tau > certifiedMaxMargin ? Status.HOLDS : Status.UNKNOWN;
        return new AssumptionCheck(tau, gridMaxMargin, certifiedMaxMargin, s);
    }

    /**
     * The margin {@code tau - max y f}: positive (certified) when the assumption holds, negative (witnessed) when it
     * fails, NaN when unknown.
     */
    public double margin() {
        return switch (status) {
            case HOLDS -> tau - certifiedMaxMargin;
            case FAILS -> tau - gridMaxMargin;
            case UNKNOWN -> Double.NaN;
        };
    }

    /** One line for warnings and reports. */
    public String describe() {
        return switch (status) {
            case HOLDS -> String.format(Locale.ROOT, "Assumption 1 holds: y f(w; x) <= %.6g < tau = %s (certified "
                    + "margin %.4g)", certifiedMaxMargin, tau, margin());
            case FAILS -> String.format(Locale.ROOT, "Assumption 1 fails: some weights reach y f(w; x) = %.6g >= tau = %s"
                    + " (margin %.4g); the separable problem is the linearized objective E[1 - y f/tau], not the "
                    + "tau-hinge problem", gridMaxMargin, tau, margin());
            case UNKNOWN -> String.format(Locale.ROOT, "Assumption 1 not decided: the candidates reach y f = %.6g < "
                    + "tau = %s, but no certified bound below tau (certified bound %.6g)", gridMaxMargin, tau,
                    certifiedMaxMargin);
        };
    }
}

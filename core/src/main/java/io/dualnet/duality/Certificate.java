package io.dualnet.duality;

/**
 * A duality certificate: a primal objective value (an upper bound on the optimum, achieved by a returned point), a
 * dual objective value (a lower bound, achieved by a returned feasible dual point) and their gap.
 *
 * @param primal objective value of the primal point
 * @param dual dual objective value of the dual point (after any scaling to feasibility)
 */
public record Certificate(double primal, double dual) {

    /** {@code primal - dual}; non-negative up to rounding by weak duality. */
    public double gap() {
        return primal - dual;
    }

    /** {@code gap / max(|primal|, |dual|)} (zero when both are zero). */
    public double relativeGap() {
        double scale = Math.max(Math.abs(primal), Math.abs(dual));
        return scale == 0 ? 0 : gap() / scale;
    }

    /** True when {@code |gap| <= atol + rtol * max(|primal|, |dual|)}. */
    public boolean closes(double atol, double rtol) {
        return Math.abs(gap()) <= atol + rtol * Math.max(Math.abs(primal), Math.abs(dual));
    }
}

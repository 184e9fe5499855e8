package io.dualnet.duality;

/**
 * A lower bound on the convex ReLU problem from one dual point (paper 002 (2) and Appendix A; spec §1.3): the dual
 * objective {@code -l*(-lambda)} at {@code lambda} projected into the loss's conjugate domain and scaled by
 * {@code min(1, beta / max_i bound_i)}, where {@code bound_i} is an upper bound on the dual constraint function of block
 * {@code i} ({@code ||X^T D_i lambda||} for the gated problem; {@code ||X^T(+-D_i lambda + (2 D_i - I) mu_i)||} with
 * {@code mu_i >= 0} for the cone problem). After the scaling every constraint holds, so by weak duality {@link #value}
 * is a lower bound on the convex optimum over the patterns the bounds were computed on.
 *
 * @param value the dual objective at {@link #feasibleLambda}: the certified lower bound
 * @param scaling the factor {@code min(1, beta / maxBound)} applied to the projected {@code lambda}
 * @param feasibleLambda the feasible dual point ({@code n} entries)
 * @param bounds the per-block constraint bounds before scaling ({@code K} entries: {@code P} gated, {@code 2P} cone,
 *               {@code v}-blocks first)
 * @param maxBound the largest of {@link #bounds}
 */
public record ReluDualBound(double value, double scaling, double[] feasibleLambda, double[] bounds, double maxBound) {

    /** How far the dual point was from feasible before scaling: {@code max(0, maxBound / beta - 1)}. */
    public double infeasibility(double beta) {
        return Math.max(0, maxBound / beta - 1);
    }

    /** Indices of the blocks whose bound exceeds {@code beta (1 + rtol)} (the violated dual constraints). */
    public int[] violated(double beta, double rtol) {
        int c = 0;
        for (double b : bounds) {
            c += b > beta * (1 + rtol) ? 1 : 0;
        }
        int[] out = new int[c];
        c = 0;
        for (int j = 0; j < bounds.length; j++) {
            if (bounds[j] > beta * (1 + rtol)) {
                out[c++] = j;
            }
        }
        return out;
    }
}

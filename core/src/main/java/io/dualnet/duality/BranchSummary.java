package io.dualnet.duality;

/**
 * What the per-branch global minimization found for one branch type, with the non-convexity constants of Theorem 1
 * (Zhang, Shao, Salakhutdinov).
 *
 * @param spec the architecture, e.g. {@code 1-1-1-1:tanh}
 * @param parameters {@code p_i}
 * @param method the global search ({@code lattice} or {@code multistart-adam})
 * @param resolution its resolution, in words
 * @param fallback why the exhaustive lattice was not used ({@code null} when it was)
 * @param certified whether a certified lower bound of the continuous value function was computed
 * @param evaluated candidate weights evaluated
 * @param paretoPoints points of the value function {@code phi_i} (lower-left boundary of {@code {(h, g)}})
 * @param hullVertices vertices of its convex envelope {@code phi_i**}
 * @param rho {@code rho_i = sup_c (phi_i(c) - phi_i**(c))}, the non-convexity of the value function (exact on the
 *     candidates)
 * @param rhoBudget the budget {@code c} (in units of {@code h}) at whose left limit {@code rho_i} is attained
 * @param delta the paper's {@code Delta_i = sup_w (f^_i(w) - f~_i(w))} on the candidates' convex hull (an attained
 *     lower estimate; NaN when not computed)
 * @param deltaUpper an upper estimate of {@code Delta_i} (equal to {@code delta} up to the envelope tolerance)
 * @param deltaBudget the budget (in units of {@code h}) at whose left limit {@code delta} is attained
 * @param gMin {@code min g_i}
 * @param gAtZero {@code g_i(0)}
 * @param gMax {@code max g_i} over the candidates
 * @param gridMaxMargin {@code max y f_i(w; x)} over the candidates and samples
 * @param certifiedMaxMargin certified upper bound of {@code y f_i(w; x)} over the box (NaN when not certified)
 * @param seconds wall time of the search and of {@code Delta_i}
 */
public record BranchSummary(String spec, int parameters, String method, String resolution, String fallback,
                            boolean certified, long evaluated, int paretoPoints, int hullVertices, double rho,
                            double rhoBudget, double delta, double deltaUpper, double deltaBudget, double gMin,
                            double gAtZero, double gMax, double gridMaxMargin, double certifiedMaxMargin,
                            double seconds) {
}

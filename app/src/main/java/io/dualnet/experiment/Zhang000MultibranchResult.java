package io.dualnet.experiment;

import java.util.List;

/**
 * The measurements of one {@link Zhang000MultibranchCell}.
 *
 * @param name the case
 * @param tau the margin parameter
 * @param budget the budget of the main curve
 * @param assumption Assumption 1: {@code holds}, {@code fails} or {@code unknown}
 * @param margin {@code tau - max y f} (certified when it holds, witnessed when it fails)
 * @param branches per branch type: search and non-convexity constants
 * @param deltaWorst {@code max Delta_i}
 * @param rows the exact gap for each {@code I}
 * @param hinge bounds on the tau-hinge problem's gap for each {@code I} (empty unless requested and Assumption 1 fails)
 * @param hingeRelaxation {@code P_inf}, the convex relaxation of the tau-hinge problem (NaN when not computed)
 * @param curves sampled value functions of the first branch type (null unless requested)
 * @param seconds wall time
 */
public record Zhang000MultibranchResult(String name, double tau, double budget, String assumption, double margin,
                                        List<Branch> branches, double deltaWorst, List<Row> rows,
                                        List<HingeRow> hinge, double hingeRelaxation, Curves curves,
                                        double seconds) {

    /**
     * One branch type.
     *
     * @param spec architecture
     * @param parameters {@code p}
     * @param method global search
     * @param paretoPoints value-function points
     * @param hullVertices convex-envelope vertices
     * @param rho {@code sup (phi - phi**)}
     * @param delta the paper's {@code Delta_i}
     * @param range {@code g(0) - min g}
     * @param seconds search time
     */
    public record Branch(String spec, int parameters, String method, int paretoPoints, int hullVertices, double rho,
                         double delta, double range, double seconds) {
    }

    /**
     * The gap for one {@code I}.
     *
     * @param branches {@code I}
     * @param primal {@code inf(P)}
     * @param dual {@code sup(D)}
     * @param gap {@code inf(P) - sup(D)}
     * @param normalized {@code gap / Delta_worst}
     * @param rhoBound {@code max rho / I}
     * @param exact whether the allocation is proven optimal
     * @param method allocation method
     * @param continuousLower certified lower bound of the continuous problem's gap
     * @param continuousUpper certified upper bound of the continuous problem's gap
     * @param worstNormalized largest normalized gap over the budget grid
     * @param worstBudget the budget attaining it
     * @param worstRatio largest {@code gap / (max rho / I)} over the budget grid
     * @param allExact whether every allocation of the sweep was proven optimal
     */
    public record Row(int branches, double primal, double dual, double gap, double normalized, double rhoBound,
                      boolean exact, String method, double continuousLower, double continuousUpper,
                      double worstNormalized, double worstBudget, double worstRatio, boolean allExact) {
    }

    /**
     * Bounds on the tau-hinge problem's gap.
     *
     * @param branches {@code I}
     * @param upper upper bound on {@code inf(P)}
     * @param lower lower bound on {@code sup(D)}
     * @param gapUpper upper bound on the gap (exact for {@code I = 1})
     * @param exact whether {@code gapUpper} is the exact gap
     */
    public record HingeRow(int branches, double upper, double lower, double gapUpper, boolean exact) {
    }

    /**
     * Value functions sampled at budgets {@code c}.
     *
     * @param c budgets (units of {@code h})
     * @param phi {@code phi} on the lattice (achieved by weights)
     * @param hull its convex envelope {@code phi**} (what the dual sees)
     * @param lower the certified lower bound of the continuous {@code phi}
     * @param psi the paper's restricted envelope {@code min {f~(w) : h(w) <= c}}
     */
    public record Curves(double[] c, double[] phi, double[] hull, double[] lower, double[] psi) {
    }
}

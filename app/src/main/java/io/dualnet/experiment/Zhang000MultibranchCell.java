package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.util.List;
import java.util.Locale;

/**
 * One cell of the multi-branch duality-gap experiment (Zhang, Shao, Salakhutdinov, Theorem 1): a network of
 * branches cycling through {@code branches} on the {@code threshold1d} data, its exact gap for every number of
 * branches in {@code branchCounts}, and the largest normalized gap over a grid of budgets.
 *
 * @param name case name (filename-safe), e.g. {@code a-identical-tau4}
 * @param branches branch specifications, e.g. {@code 1-1-1-1:tanh}
 * @param tau the margin parameter
 * @param budget the budget {@code K} of the main curve
 * @param box {@code R}: weights in {@code [-R, R]}
 * @param samples {@code n} of {@code threshold1d}
 * @param resolution lattice points per half axis
 * @param branchCounts the values of {@code I}
 * @param budgetGrid number of budgets of the worst-case sweep (0 for none)
 * @param hinge whether to bound the gap of the tau-hinge problem itself (when Assumption 1 fails)
 * @param curves whether to sample the value functions for plotting
 * @param threads threads of the per-branch search
 */
public record Zhang000MultibranchCell(String name, List<String> branches, double tau, double budget, double box,
                                      int samples, int resolution, int[] branchCounts, int budgetGrid,
                                      boolean hinge, boolean curves, int threads) implements GridCell {
    private static final long serialVersionUID = 1L;

    /** Validates every field. */
    public Zhang000MultibranchCell {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new InvalidInputException("name", name, "a lower-case filename-safe name");
        }
        branches = List.copyOf(branches);
        InvalidInputException.requirePositive("tau", tau);
        InvalidInputException.requireNonNegative("budget", budget);
        InvalidInputException.requirePositive("box", box);
        InvalidInputException.requireAtLeast("samples", samples, 2);
        InvalidInputException.requireAtLeast("resolution", resolution, 1);
        branchCounts = branchCounts.clone();
        InvalidInputException.requireAtLeast("budgetGrid", budgetGrid, 0);
        InvalidInputException.requireAtLeast("threads", threads, 1);
    }

    /** A stable, filename-safe key encoding every parameter that changes the result. */
    public String key() {
        return String.format(Locale.ROOT, "%s-%s-t%s-k%s-r%s-n%d-m%d-i%08x-g%d%s%s", name,
                String.join("_", branches).replace(':', '_'), num(tau), num(budget), num(box), samples, resolution,
                java.util.Arrays.hashCode(branchCounts), budgetGrid, hinge ? "-h" : "", curves ? "-c" : "");
    }

    private static String num(double v) {
        return Double.toString(v).replace('.', 'p').replace('-', 'm');
    }
}

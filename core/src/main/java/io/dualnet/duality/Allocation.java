package io.dualnet.duality;

import java.util.List;

/**
 * An allocation of the budget across {@code I} branches: how many copies of each branch type sit at each point of
 * its value function, with the primal value it achieves and the bounds that certify it.
 *
 * @param counts copies per type ({@code n_t}), {@code I = sum}
 * @param slots the occupied points: type, staircase index, copies
 * @param primal {@code (1/I) sum_i phi(c_i)} achieved by the allocation (an upper bound on {@code inf(P)})
 * @param lowerBound a certified lower bound on the optimal allocation ({@code = primal} when {@code exact})
 * @param dual {@code sup(D)}, the convexified optimum (3)
 * @param dualCheck the dual objective recomputed from {@code lambda} alone (equals {@code dual} up to rounding)
 * @param lambda the optimal multiplier {@code lambda*} of (3), per unit of {@code h}
 * @param unitsUsed budget used by the allocation, in units
 * @param budgetUnits the budget {@code I K / unit}
 * @param unit the budget unit ({@code h = units * unit})
 * @param exact whether {@code primal} is proven optimal ({@code primal == lowerBound})
 * @param method how the integer allocation was solved (see {@link BudgetAllocation})
 */
public record Allocation(int[] counts, List<Slot> slots, double primal, double lowerBound, double dual,
                         double dualCheck, double lambda, long unitsUsed, double budgetUnits, double unit, boolean exact,
                         String method) {

    /** Copies the arrays. */
    public Allocation {
        counts = counts.clone();
        slots = List.copyOf(slots);
    }

    /**
     * Copies of one type at one staircase point.
     *
     * @param type branch type index
     * @param point staircase index in the type's value function
     * @param copies number of branches
     * @param units the point's budget, in units
     * @param value the point's value {@code g}
     */
    public record Slot(int type, int point, long copies, long units, double value) {
    }

    /** Number of branches {@code I}. */
    public int branches() {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    /** {@code inf(P) - sup(D)} (exact when {@link #exact()}). */
    public double gap() {
        return primal - dual;
    }

    /** Number of distinct budget levels used by branches of type {@code t}. */
    public int levels(int t) {
        return (int) slots.stream().filter(s -> s.type() == t).count();
    }

    /** The duality certificate {@code (primal, dual)}. */
    public Certificate certificate() {
        return new Certificate(primal, dual);
    }
}

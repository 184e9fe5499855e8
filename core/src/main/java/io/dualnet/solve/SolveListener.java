package io.dualnet.solve;

/**
 * Receives the progress of a long solve (for progress bars and logs): the best primal value and the best dual bound
 * found so far, both relative to the solver's current pattern set. Implementations must be cheap (solvers call them
 * up to once per iteration) and must not throw; values are estimates until the returned {@link Solution}'s recomputed
 * certificate.
 */
@FunctionalInterface
public interface SolveListener {
    /** A listener that ignores everything. */
    SolveListener NONE = (method, iteration, primal, dual) -> { };

    /**
     * One progress report.
     *
     * @param method the route at work (e.g. {@code gated-interior-point}, {@code gated-fista})
     * @param iteration iterations or Newton steps of that route so far
     * @param primal best primal value so far
     * @param dual best dual bound so far
     */
    void progress(String method, int iteration, double primal, double dual);
}

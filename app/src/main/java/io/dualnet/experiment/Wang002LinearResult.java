package io.dualnet.experiment;

/**
 * The measurements of one {@link Wang002LinearCell}: closed forms of the instance and the best trained value.
 *
 * @param instance the data
 * @param depth {@code L}
 * @param network architecture and objective
 * @param branches branches {@code m}
 * @param rank {@code rank(X^+Y)}
 * @param singularValues the non-zero singular values of {@code X^+Y}
 * @param closedPrimal standard optimum {@code P = (L/2) sum sigma_i^{2/L}}
 * @param closedDual standard dual {@code D = (L/2) ||X^+Y||_*^{2/L}}
 * @param parallelValue {@code ||X^+Y||_*}, the optimum of (14) and of its dual (16)
 * @param expected the closed-form optimum of this cell's network ({@code P}, {@code ||X^+Y||_*} or {@code P})
 * @param trainedBest the best restart's regularizer value (feasible restarts first)
 * @param residual {@code ||f(X) - Y||_F} of the best restart
 * @param feasibleRestarts restarts with residual within the trainer's feasibility tolerance
 * @param restarts restarts run
 * @param totalIterations Adam updates over all restarts
 * @param seconds wall-clock seconds of the training
 */
public record Wang002LinearResult(Wang002Instance instance, int depth, Wang002Network network, int branches, int rank,
                                  double[] singularValues, double closedPrimal, double closedDual,
                                  double parallelValue, double expected, double trainedBest, double residual,
                                  int feasibleRestarts, int restarts, long totalIterations, double seconds) {

    /** Copies the singular values. */
    public Wang002LinearResult {
        singularValues = singularValues.clone();
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** {@code (trainedBest - expected) / expected}: negative would contradict the closed form. */
    public double relativeExcess() {
        return (trainedBest - expected) / Math.max(1e-300, Math.abs(expected));
    }

    /** Whether the best restart interpolates the data. */
    public boolean feasible() {
        return feasibleRestarts > 0;
    }
}

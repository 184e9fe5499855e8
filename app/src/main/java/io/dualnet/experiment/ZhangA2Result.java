package io.dualnet.experiment;

/**
 * The measurements of one {@link ZhangA2Cell}.
 *
 * @param dmin hidden width
 * @param certifiedPrimal objective (4) at the closed-form weights
 * @param certifiedDual dual (5) at the closed-form dual point
 * @param iterativePrimal objective (4) at the weights recovered by the iterative dual solver
 * @param iterativeDual dual (5) at the iterative solver's dual point ({@code D*} of Figure 6)
 * @param dualIterations iterations of the iterative dual solver
 * @param gradientBest best objective (4) found by Adam over the restarts ({@code P*} of Figure 6, as in the paper)
 * @param gradientSeconds wall time of the gradient route
 * @param certifiedDistance Table 3 for the certified route: {@code ||X W_1..W_H - svd_dmin(Ytilde - Lambda*)||_F}
 * @param gradientDistance the same distance for the gradient route's best weights
 * @param certifiedSeconds wall time of the closed form
 */
public record ZhangA2Result(int dmin, double certifiedPrimal, double certifiedDual, double iterativePrimal,
                            double iterativeDual, int dualIterations, double gradientBest, double gradientSeconds,
                            double certifiedDistance, double gradientDistance, double certifiedSeconds) {

    /** Relative gap of the certified route. */
    public double certifiedRelativeGap() {
        return (certifiedPrimal - certifiedDual) / Math.max(1e-300, Math.abs(certifiedPrimal));
    }

    /** How far above the certified optimum the gradient route stopped, relative. */
    public double gradientRelativeExcess() {
        return (gradientBest - certifiedPrimal) / Math.max(1e-300, Math.abs(certifiedPrimal));
    }
}

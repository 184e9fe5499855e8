package io.dualnet.deeprelu;

import io.dualnet.net.DeepReluNetwork;

/**
 * A deep ReLU network built in closed form on whitened data ({@link WhitenedClosedForm}) with its certificate,
 * every number recomputed from the returned weights.
 *
 * @param network the bias-free network {@code d - m - ... - m - K}
 * @param variant which construction
 * @param depth {@code L}
 * @param beta weight decay; 0 = the minimum-norm interpolation problem
 * @param objective the primal value of the returned network: for {@code beta = 0}
 *     {@code (1/2) sum_l ||W_l||_F^2} (the network interpolates when the assumptions hold, see
 *     {@code residual}); for {@code beta > 0} {@code (1/2)||f(X) - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2}
 * @param loss {@code (1/2)||f(X) - Y||_F^2}
 * @param penalty {@code (1/2) sum_l ||W_l||_F^2} (not multiplied by {@code beta})
 * @param lowerBound a lower bound on the optimal value of the standard network's problem (the nuclear-norm
 *     relaxation, see {@link WhitenedClosedForm}); valid for any data
 * @param gap {@code objective - lowerBound}
 * @param residual {@code ||f(X) - Y||_F}
 * @param paths number of label paths (non-zero parts {@code (y_j)_+}, {@code (-y_j)_+})
 * @param pathNorms the norms {@code a_r = ||(+-y_j)_+||} of the paths, in path order
 * @param pathGains the end-to-end gain {@code rho_r} of each path (the network maps path {@code r}'s unit vector to
 *     {@code rho_r} times it)
 * @param rescaledPrimal for {@link WhitenedClosedForm.Variant#PAPER} with {@code beta > 0}: the rescaled problem's
 *     objective {@code (1/2)||f - Y||_F^2 + beta sum_r |w_{L,r}|} (hidden paths at unit norm, group lasso on the last
 *     layer), recomputed from the weights; otherwise {@code NaN}
 * @param rescaledDual for the same case: the value of the paper's dual (52), {@code sum_r (a_r^2/2 if a_r <= beta,
 *     else beta a_r - beta^2/2)}; otherwise {@code NaN}
 * @param whiteningDeviation the measured whitening deviation: {@code ||X X^T - I_n||_F} when {@code whiteningCheck}
 *     is {@code exact}, the randomized upper bound of {@code ||X X^T - I_n||_2} when it is {@code randomized}
 *     (see {@code WhiteningCheck})
 * @param whiteningCheck {@code exact} ({@code n^2 d <= 2^27}) or {@code randomized} (Gaussian probes)
 * @param whiteningFailureProbability 0 for {@code exact}; for {@code randomized}, the largest chance that
 *     {@code whiteningDeviation < ||X X^T - I||_2} (then the lower bound, which uses it, may fail)
 * @param columnDeviation {@code ||X^T X - I_d||_F = sqrt(||X X^T - I_n||_F^2 + d - n)} (estimated by the probes on
 *     the randomized route)
 * @param orthogonalityDeviation the largest {@code |cos|} between two non-zero columns of {@code Y}
 * @param status {@code certified}: gap within tolerance (the network is optimal); {@code bounded}: the network and a
 *     valid lower bound, not proven optimal; {@code forced}: the assumptions do not hold (built with force), no
 *     optimality claim
 */
public record WhitenedSolution(
        DeepReluNetwork network,
        WhitenedClosedForm.Variant variant,
        int depth,
        double beta,
        double objective,
        double loss,
        double penalty,
        double lowerBound,
        double gap,
        double residual,
        int paths,
        double[] pathNorms,
        double[] pathGains,
        double rescaledPrimal,
        double rescaledDual,
        double whiteningDeviation,
        String whiteningCheck,
        double whiteningFailureProbability,
        double columnDeviation,
        double orthogonalityDeviation,
        String status) {
}

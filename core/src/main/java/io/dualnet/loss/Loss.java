package io.dualnet.loss;

/**
 * A separable loss {@code l(yhat, y) = sum_k phi(yhat_k, y_k)} of a scalar-output model over {@code n} samples,
 * with what both sides of a duality certificate need.
 *
 * <p><b>Dual convention.</b> For a primal {@code min_z l(z, y) + R(z)} the dual function is
 * {@code -l*(-lambda) - R*(lambda)}; {@link #dualValue} returns {@code -l*(-lambda)} (the part that depends on the
 * loss only) and {@link #dualPoint} the point {@code lambda = -grad l(yhat)} that is dual-optimal when {@code yhat} is
 * primal-optimal. For the squared loss {@code -l*(-lambda) = 1/2 ||y||^2 - 1/2 ||lambda - y||^2} (paper 002, (2)).
 *
 * <p>Implementations are immutable and stateless; array arguments are never modified except the named output.
 */
public interface Loss {

    /** Short stable name, as used on the command line and in JSON ({@code squared}, {@code logistic}, {@code hinge}). */
    String name();

    /** Whether labels must be in {@code {-1, +1}} (classification losses). */
    boolean classification();

    /**
     * Throws {@link io.dualnet.data.InvalidInputException} naming {@code parameter} unless every label is valid for this
     * loss (finite; in {@code {-1, +1}} for classification losses).
     */
    void validateLabels(String parameter, double[] y);

    /** {@code l(yhat, y)}, summed over samples. */
    double value(double[] yhat, double[] y);

    /**
     * Writes a (sub)gradient of {@code l} at {@code yhat} into {@code out} (same length; may alias neither input).
     * For the hinge loss the subgradient at the kink is 0.
     */
    void gradient(double[] yhat, double[] y, double[] out);

    /**
     * Writes the second derivative {@code phi''(yhat_k, y_k)} of each sample's loss into {@code out} (same length): 1
     * for the squared loss, {@code s (1 - s)} with {@code s = sigmoid(-y_k yhat_k)} for the logistic loss, 0 for the
     * hinge loss (almost everywhere; use {@link #smoothness()} to detect it). For second-order methods.
     */
    void secondDerivative(double[] yhat, double[] y, double[] out);

    /**
     * Lipschitz constant of the gradient per sample ({@code 1} squared, {@code 1/4} logistic), or
     * {@code Double.POSITIVE_INFINITY} for a non-smooth loss (hinge).
     */
    double smoothness();

    /** {@code -l*(-lambda)}; {@code Double.NEGATIVE_INFINITY} when {@code lambda} is outside the conjugate's domain. */
    double dualValue(double[] lambda, double[] y);

    /**
     * A dual point {@code lambda = -grad l(yhat)}, written into {@code out}, inside the domain of {@code l*(-.)}
     * (for the hinge loss {@code y_k lambda_k} in {@code [0, 1]} chosen from the subdifferential).
     */
    void dualPoint(double[] yhat, double[] y, double[] out);

    /**
     * Projects {@code lambda} (in place) onto the domain of {@code l*(-.)}, so that {@link #dualValue} is finite; the
     * squared loss has no constraint. Used after scaling a dual point to feasibility.
     */
    void projectDual(double[] lambda, double[] y);

    /** The loss with the given stable name. */
    static Loss named(String name) {
        return Losses.named(name);
    }
}

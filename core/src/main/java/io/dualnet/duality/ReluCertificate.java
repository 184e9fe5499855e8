package io.dualnet.duality;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConeMultipliers;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * Recomputes a certificate for the convex ReLU problem (paper 002 Appendix A; spec §1.3) from a returned primal point
 * (convex weights) and dual point ({@code lambda}), trusting nothing a solver reported: the primal value is the convex
 * objective at the weights (an upper bound when they satisfy the cone constraints, whose violation is reported), the
 * dual value is {@code -l*(-lambda)} at {@code lambda} projected into the loss's domain and scaled into the dual
 * feasible set (see {@link ReluDualBound}), a lower bound over the patterns the dual was checked on.
 *
 * @param certificate primal and dual values
 * @param dual the dual bound (scaling, feasible point, per-block bounds)
 * @param constraintViolation largest cone-constraint violation of the weights (0 gated)
 */
public record ReluCertificate(Certificate certificate, ReluDualBound dual, double constraintViolation) {

    /**
     * Options of the dual bound.
     *
     * @param refinementIterations NNLS iterations per chunk refining the cone bounds of blocks above {@code beta},
     *                             {@code >= 0}
     */
    public record Options(int refinementIterations) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("refinementIterations", refinementIterations, 0);
        }

        /** 500 refinement iterations (exact active-set polish on small instances regardless). */
        public static Options defaults() {
            return new Options(500);
        }
    }

    /**
     * Evaluates the certificate of {@code weights} and {@code lambda} on {@code convex}; no argument is modified.
     *
     * @param convex the convex problem (its patterns are the ones the dual is checked on)
     * @param weights a primal point of the problem's shape
     * @param lambda a dual point, {@code n} entries
     * @param multipliers cone only: starting multipliers {@code n x 2P} ({@code mu >= 0}), or {@code null} for zero
     * @param options refinement options
     */
    public static ReluCertificate evaluate(ReluConvexProblem convex, ConvexReluWeights weights, double[] lambda,
                                           DMatrixRMaj multipliers, Options options) {
        return evaluateWith(convex, weights, lambda, ConeMultipliers.view(multipliers), options);
    }

    /**
     * {@link #evaluate} with the multipliers in a {@link ConeMultipliers} table (double or float), read one column
     * chunk at a time, so that no {@code n x 2P} double copy is made; no argument is modified.
     */
    public static ReluCertificate evaluateWith(ReluConvexProblem convex, ConvexReluWeights weights, double[] lambda,
                                               ConeMultipliers multipliers, Options options) {
        double primal = convex.objective(weights);
        double violation = convex.constraintViolation(weights);
        ReluDualBound dual = dualBoundOn(convex.operator(), convex.gated(), lambda, convex.beta(), convex.loss(),
                convex.problem().yView(), multipliers, options);
        return new ReluCertificate(new Certificate(primal, dual.value()), dual, violation);
    }

    /** The dual bound of {@code lambda} on {@code convex}'s patterns, its features, loss, targets and {@code beta}. */
    public static ReluDualBound dualBound(ReluConvexProblem convex, double[] lambda, DMatrixRMaj multipliers,
                                          Options options) {
        return dualBoundOn(convex.operator(), convex.gated(), lambda, convex.beta(), convex.loss(),
                convex.problem().yView(), ConeMultipliers.view(multipliers), options);
    }

    /**
     * The dual lower bound of {@code lambda} over {@code patterns}: project {@code lambda} into the domain of
     * {@code l*(-.)}, bound every block's constraint (refining the cone bounds from {@code multipliers}), scale by
     * {@code min(1, beta / max bound)} and evaluate {@code -l*(-lambda)}. No argument is modified.
     *
     * @param features {@code X}, {@code n x d'}
     * @param patterns the patterns to check (at least one)
     * @param gated the gated relaxation's constraints (else the cone problem's)
     * @param lambda dual point, {@code n} finite entries
     * @param beta weight decay {@code > 0}
     * @param loss the loss
     * @param y targets
     * @param multipliers cone only: {@code n x 2P} starting multipliers, or {@code null}
     * @param options refinement options
     */
    public static ReluDualBound dualBound(DMatrixRMaj features, ActivationPatterns patterns, boolean gated,
                                          double[] lambda, double beta, Loss loss, double[] y,
                                          DMatrixRMaj multipliers, Options options) {
        return dualBoundWith(features, patterns, gated, lambda, beta, loss, y, ConeMultipliers.view(multipliers),
                options);
    }

    /**
     * {@link #dualBound(DMatrixRMaj, ActivationPatterns, boolean, double[], double, Loss, double[], DMatrixRMaj,
     * Options)} with the multipliers in a {@link ConeMultipliers} table (double or float), read one column chunk at a
     * time. No argument is modified.
     */
    public static ReluDualBound dualBoundWith(DMatrixRMaj features, ActivationPatterns patterns, boolean gated,
                                              double[] lambda, double beta, Loss loss, double[] y,
                                              ConeMultipliers multipliers, Options options) {
        validate(features, patterns, gated, lambda, beta, y, multipliers, options);
        return bound(new PatternOperator(features, patterns), gated, lambda, beta, loss, y, multipliers, options);
    }

    /**
     * The bound of {@link #dualBoundWith} on a problem's own operator, made once with its copies of {@code X} (a new
     * operator per certificate copied {@code X} into native memory and into floats, 0.1-0.2 s a certificate at
     * n = 12000, d' = 784). No argument is modified.
     */
    private static ReluDualBound dualBoundOn(PatternOperator op, boolean gated, double[] lambda, double beta,
                                             Loss loss, double[] y, ConeMultipliers multipliers, Options options) {
        validate(op.x(), op.patterns(), gated, lambda, beta, y, multipliers, options);
        return bound(op, gated, lambda, beta, loss, y, multipliers, options);
    }

    private static void validate(DMatrixRMaj features, ActivationPatterns patterns, boolean gated, double[] lambda,
                                 double beta, double[] y, ConeMultipliers multipliers, Options options) {
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(options, "options");
        InvalidInputException.requirePositive("beta", beta);
        if (lambda.length != features.numRows || y.length != features.numRows) {
            throw new MatrixDimensionException("lambda", lambda.length + " entries",
                    features.numRows + " entries (one per sample)");
        }
        for (int k = 0; k < lambda.length; k++) {
            InvalidInputException.requireFinite("lambda[" + k + "]", lambda[k]);
        }
        if (patterns.count() < 1) {
            throw new InvalidInputException("patterns", "P = 0", "at least one activation pattern");
        }
        if (multipliers != null && (gated || multipliers.rows() != features.numRows
                || multipliers.columns() != 2 * patterns.count())) {
            throw new MatrixDimensionException("multipliers", multipliers.rows() + "x" + multipliers.columns(),
                    gated ? "null for the gated problem" : features.numRows + "x" + 2 * patterns.count());
        }
    }

    /** Projects, bounds every block's constraint on {@code op}, scales and evaluates (arguments validated). */
    private static ReluDualBound bound(PatternOperator op, boolean gated, double[] lambda, double beta, Loss loss,
                                       double[] y, ConeMultipliers multipliers, Options options) {
        double[] projected = lambda.clone();
        loss.projectDual(projected, y);
        double[] bounds = DualConstraintBounds.compute(op, projected, gated, multipliers, beta,
                options.refinementIterations());
        double max = 0;
        for (double b : bounds) {
            max = Math.max(max, b);
        }
        double scaling = max > beta ? beta / max : 1;
        for (int k = 0; k < projected.length; k++) {
            projected[k] *= scaling;
        }
        return new ReluDualBound(loss.dualValue(projected, y), scaling, projected, bounds, max);
    }
}

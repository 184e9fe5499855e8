package io.dualnet.duality;

import io.dualnet.convex.DeepLinearDual;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

/**
 * Recomputes a certificate for problem (4) of Zhang et al. from a returned primal point (weights) and dual point
 * ({@code Lambda}), trusting nothing a solver reported: the primal value is the objective (4) at the weights, the dual
 * value is (5) at {@code Lambda} after projecting it into range(X) and scaling it into the spectral-norm ball, which
 * makes it feasible, so by weak duality it is a valid lower bound on the optimum.
 *
 * @param certificate primal and dual values
 * @param dualInfeasibility how far the given {@code Lambda} was from feasible before scaling
 * @param feasibleLambda the feasible dual point the dual value was computed at
 */
public record DeepLinearCertificate(Certificate certificate, double dualInfeasibility, DMatrixRMaj feasibleLambda) {

    /**
     * Evaluates the certificate; no argument is modified.
     *
     * @param problem problem (4)
     * @param dual its dual (5)
     * @param weights a primal point of the problem's shapes
     * @param lambda a dual point, {@code n x d_H}
     */
    public static DeepLinearCertificate evaluate(DeepLinearProblem problem, DeepLinearDual dual,
                                                 DeepLinearWeights weights, DMatrixRMaj lambda) {
        double primal = problem.objective(weights);
        double infeasibility = dual.infeasibility(lambda);
        DMatrixRMaj feasible = dual.scaleToFeasible(lambda);
        return new DeepLinearCertificate(new Certificate(primal, dual.value(feasible)), infeasibility, feasible);
    }
}

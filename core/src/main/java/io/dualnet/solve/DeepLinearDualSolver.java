package io.dualnet.solve;

import io.dualnet.convex.DeepLinearDual;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.CertificateCheck;
import io.dualnet.duality.DeepLinearCertificate;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearFactorization;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Solves the convex dual (5) of problem (4) (Zhang et al., Theorem 2) iteratively, without using the closed form,
 * by accelerated projected supergradient ascent (FISTA with function-value adaptive restart):
 *
 * <pre>
 *   Lambda_{t+1} = Proj( Y_t + eta [Ytilde - Y_t]_{d_min} ),   Proj = clip singular values of P_X(.) at gamma,
 * </pre>
 *
 * where {@code [A]_k} (the best rank-{@code k} approximation) is the gradient of {@code 1/2||A||_(k)^2}. Each
 * iterate yields a primal point by Theorem 2's recovery {@code Z = [Ytilde - Lambda]_{d_min}}, so every iteration
 * has a primal value {@code 1/2||Y - Z||^2 + gamma ||Z||_*} and a dual value; the solver stops when their relative gap
 * is below the tolerance. The returned certificate is then recomputed from the returned weights and dual point by
 * {@link DeepLinearCertificate}.
 */
public final class DeepLinearDualSolver {

    /**
     * Solver options.
     *
     * @param maxIterations iteration budget, {@code >= 1}
     * @param relativeTolerance target relative gap, {@code > 0}
     * @param stepSize ascent step {@code eta > 0}; {@code 1} is the inverse Lipschitz constant of the gradient
     */
    public record Options(int maxIterations, double relativeTolerance, double stepSize) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
            InvalidInputException.requirePositive("relativeTolerance", relativeTolerance);
            InvalidInputException.requirePositive("stepSize", stepSize);
        }

        /** 500 iterations, relative gap {@code 1e-10}, unit step. */
        public static Options defaults() {
            return new Options(500, 1e-10, 1.0);
        }
    }

    private final Options options;

    /** A solver with the given options. */
    public DeepLinearDualSolver(Options options) {
        this.options = options;
    }

    /** Solves the dual of {@code problem} from {@code Lambda = 0}. */
    public Solution<DeepLinearWeights, DMatrixRMaj> solve(DeepLinearProblem problem) {
        long start = System.nanoTime();
        PseudoInverse pinv = PseudoInverse.of(problem.x());
        DeepLinearDual dual = DeepLinearDual.of(problem, pinv);
        DMatrixRMaj x = new DMatrixRMaj(problem.samples(), problem.outputDim());
        DMatrixRMaj yPoint = x.copy();
        double t = 1;
        DeepLinearDual.Evaluation atX = dual.evaluate(x);
        double previousValue = atX.value();
        DMatrixRMaj bestLambda = x.copy();
        double bestDual = atX.value();
        DeepLinearDual.Evaluation bestPrimalEval = atX;
        double bestPrimal = primalValue(dual, atX);
        int iterations = 0;
        Status status = Status.MAX_ITERATIONS;
        DeepLinearDual.Evaluation atY = atX;
        while (iterations < options.maxIterations()) {
            if (gapCloses(bestPrimal, bestDual)) {
                status = Status.OPTIMAL;
                break;
            }
            iterations++;
            DMatrixRMaj step = atY.truncated();
            DMatrixRMaj candidate = yPoint.copy();
            for (int i = 0; i < candidate.getNumElements(); i++) {
                candidate.data[i] += options.stepSize() * step.data[i];
            }
            DMatrixRMaj next = dual.project(candidate);
            DeepLinearDual.Evaluation atNext = dual.evaluate(next);
            if (atNext.value() > bestDual) {
                bestDual = atNext.value();
                bestLambda = next;
            }
            double primal = primalValue(dual, atNext);
            if (primal < bestPrimal) {
                bestPrimal = primal;
                bestPrimalEval = atNext;
            }
            if (atNext.value() < previousValue) {
                // Adaptive restart: the momentum overshot, continue plainly from the new point.
                t = 1;
                yPoint = next;
                atY = atNext;
            } else {
                double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                double beta = (t - 1) / tNext;
                yPoint = next.copy();
                for (int i = 0; i < yPoint.getNumElements(); i++) {
                    yPoint.data[i] += beta * (next.data[i] - x.data[i]);
                }
                t = tNext;
                atY = beta == 0 ? atNext : dual.evaluate(yPoint);
            }
            previousValue = atNext.value();
            x = next;
        }
        if (status != Status.OPTIMAL && gapCloses(bestPrimal, bestDual)) {
            status = Status.OPTIMAL;
        }

        Svd z = bestPrimalEval.svd();
        int order = bestPrimalEval.order();
        int rank = 0;
        while (rank < order && z.s()[rank] > 0) {
            rank++;
        }
        DeepLinearWeights weights = DeepLinearFactorization.balanced(problem, pinv,
                Matrices.leadingColumns(z.u(), rank), java.util.Arrays.copyOf(z.s(), rank),
                Matrices.leadingColumns(z.v(), rank));
        DeepLinearCertificate check = DeepLinearCertificate.evaluate(problem, dual, weights, bestLambda);
        Map<String, Double> residuals = new LinkedHashMap<>();
        residuals.put("dual_infeasibility", check.dualInfeasibility());
        residuals.put("iterate_primal", bestPrimal);
        residuals.put("iterate_dual", bestDual);
        Status finalStatus = status == Status.OPTIMAL
                ? CertificateCheck.status(check.certificate(), Math.max(options.relativeTolerance(), 1e-12),
                        Status.STALLED)
                : CertificateCheck.violatesWeakDuality(check.certificate()) ? Status.CERTIFICATE_FAILED : status;
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Solution<>(weights, check.feasibleLambda(), check.certificate(), residuals, iterations,
                finalStatus, "dual-apg", seconds);
    }

    private boolean gapCloses(double primal, double dual) {
        double scale = Math.max(Math.abs(primal), Math.abs(dual));
        return primal - dual <= CertificateCheck.ROUNDING_ATOL + options.relativeTolerance() * scale;
    }

    private static double primalValue(DeepLinearDual dual, DeepLinearDual.Evaluation eval) {
        return dual.convexPrimalValue(eval.truncated(), eval.truncatedNuclearNorm());
    }
}

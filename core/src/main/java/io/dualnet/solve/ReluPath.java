package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.net.TwoLayerReluProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A regularization path of the convex ReLU problem (spec §1.3): solves the same patterns for a list of weight decays
 * {@code beta_1, beta_2, ...} in the given order, each solve warm-started from the previous solution (a decreasing list
 * is the usual choice: solutions grow denser as {@code beta} shrinks). Every solution carries its own recomputed
 * certificate. Nothing passed in is modified.
 */
public final class ReluPath {
    private ReluPath() {
    }

    /**
     * Solves the path.
     *
     * @param problem the two-layer problem (its own {@code beta} is ignored)
     * @param patterns the patterns (at least one)
     * @param gated the gated relaxation or the cone problem
     * @param betas at least one weight decay, each finite and {@code > 0}
     * @param solver the convex solver matching {@code gated}
     * @return one solution per {@code beta}, in order
     * @throws InvalidInputException naming {@code betas} or {@code betas[i]} on bad input
     */
    public static List<Solution<ConvexReluWeights, double[]>> solve(TwoLayerReluProblem problem,
                                                                  ActivationPatterns patterns, boolean gated,
                                                                  double[] betas,
                                                                  ReluCuttingPlanes.ConvexSolver solver) {
        Objects.requireNonNull(betas, "betas");
        if (betas.length == 0) {
            throw new InvalidInputException("betas", "an empty list", "at least one weight decay");
        }
        for (int i = 0; i < betas.length; i++) {
            InvalidInputException.requirePositive("betas[" + i + "]", betas[i]);
        }
        List<Solution<ConvexReluWeights, double[]>> out = new ArrayList<>(betas.length);
        ConvexReluWeights warm = null;
        for (double beta : betas) {
            ReluConvexProblem convex = new ReluConvexProblem(problem.withBeta(beta), patterns, gated);
            Solution<ConvexReluWeights, double[]> sol = solver.solve(convex, warm);
            out.add(sol);
            warm = sol.primalPoint();
        }
        return out;
    }
}

package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;

/**
 * A solver of one kind of the convex two-layer ReLU program (paper 002 Appendix A; spec §1.3): the gated relaxation
 * ({@link GatedReluSolver}) or the cone program ({@link ConeReluSolver}). Implementations solve from a warm start with
 * a progress listener; the shorter forms start from zero and report nothing. A solve never modifies its arguments;
 * non-convergence is a status, bad input an exception.
 */
public interface ConvexReluSolver {

    /**
     * Solves {@code convex} from {@code warm} (or zero when {@code null}), reporting progress to {@code listener}.
     *
     * @throws io.dualnet.data.InvalidInputException naming {@code convex} when it is the other kind of program,
     *                                               {@code weights} when the warm start does not fit
     */
    Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm,
                                                SolveListener listener);

    /** {@link #solve(ReluConvexProblem, ConvexReluWeights, SolveListener)} without progress reports. */
    default Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm) {
        return solve(convex, warm, SolveListener.NONE);
    }

    /** {@link #solve(ReluConvexProblem, ConvexReluWeights)} from zero. */
    default Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex) {
        return solve(convex, null);
    }
}

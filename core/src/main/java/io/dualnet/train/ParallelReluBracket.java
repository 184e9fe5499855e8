package io.dualnet.train;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Bounds on the optimal value of the parallel deep ReLU problem (23) of Wang, Ergen and Pilanci (= its dual (24) by
 * Theorem 6), from {@link ParallelReluColumns}.
 *
 * @param upper the value {@code sum_j |w_(L,j)|} of the returned parallel network, which interpolates {@code y}: an
 *     upper bound on {@code P = D} ({@code +Inf} if the sampled branches cannot fit {@code y})
 * @param lowerCertified {@code lambda^T y / M} with a proven bound {@code M >= sup_(v in A_L) |lambda^T v|}
 *     ({@code M = ||X||_2 max(||lambda_+||, ||lambda_-||)}: every {@code v} is nonnegative with {@code ||v|| <= ||X||_2}):
 *     a certified lower bound, usually loose
 * @param lowerEstimate {@code lambda^T y / max(1, M^)} with {@code M^} the largest {@code |lambda^T v|} the extreme-point
 *     search found: a lower bound if the search found the global maximum (not certified)
 * @param oracleMax {@code M^}
 * @param fitResidual {@code ||sum_j v_j w_(L,j) - y|| / max(||y||, 1)} recomputed from the returned branches
 * @param lambda the dual point of the last restricted problem ({@code n x K}, row-major; {@code n} entries for
 *     {@code K = 1})
 * @param branches the branches with non-zero last-layer weight, each {@code W_1 .. W_(L-1)} with unit Frobenius norms
 * @param lastLayer their last-layer weights {@code w_(L,j)} ({@code m x K}, row-major: one output row per branch)
 * @param rounds the column-generation rounds, in order
 * @param converged whether the search found no branch with {@code |lambda^T v| > 1 + tolerance} in the last round
 *     ({@code ||Lambda^T v||_2} for {@code K > 1})
 * @param outputs {@code K}, the number of output columns (002 Section 4.2 with {@code Y in R^(n x K)}: (23) is
 *     {@code min sum_j ||w_(L,j)||_2} and the bounds use {@code ||Lambda^T v||_2})
 */
public record ParallelReluBracket(double upper, double lowerCertified, double lowerEstimate, double oracleMax,
                                  double fitResidual, double[] lambda, List<List<DMatrixRMaj>> branches,
                                  double[] lastLayer, List<Round> rounds, boolean converged, int outputs) {

    /**
     * One round.
     *
     * @param columns branches in the dictionary
     * @param upper the restricted problem's value (an upper bound)
     * @param lowerEstimate {@code lambda^T y / max(1, M^)} at this round
     * @param oracleMax {@code M^} at this round
     */
    public record Round(int columns, double upper, double lowerEstimate, double oracleMax) {
    }

    /** Copies. */
    public ParallelReluBracket {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        lambda = lambda.clone();
        branches = branches.stream().map(b -> b.stream().map(DMatrixRMaj::copy).toList()).toList();
        lastLayer = lastLayer.clone();
        rounds = List.copyOf(rounds);
    }

    /** Number of branches with non-zero last-layer weight (Theorem 6's {@code m}). */
    public int activeBranches() {
        return lastLayer.length / outputs;
    }

    /** The last layer as an {@code m x K} matrix. */
    public DMatrixRMaj lastLayerMatrix() {
        return new DMatrixRMaj(activeBranches(), outputs, true, lastLayer);
    }

    /** The dual point as an {@code n x K} matrix. */
    public DMatrixRMaj lambdaMatrix() {
        return new DMatrixRMaj(lambda.length / outputs, outputs, true, lambda);
    }
}

package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * The weights of a parallel deep linear network, paper 002 (4)/(12): {@code m} branches, branch {@code j} a chain
 * {@code W_{1,j}} ({@code d x m_1}), ..., {@code W_{L-1,j}} ({@code m_{L-2} x 1}), {@code W_{L,j}} ({@code 1 x c}),
 * and the network computes {@code sum_j X W_{1,j} ... W_{L,j}} (rows are samples).
 *
 * <p>An immutable value: each branch is a {@link DeepLinearWeights}; all branches have the same widths and the last
 * hidden width is 1.
 */
public final class ParallelLinearWeights {
    private final List<DeepLinearWeights> branches;

    /**
     * @param branches at least one branch, all with equal widths {@code d, m_1, ..., m_{L-2}, 1, c}
     */
    public ParallelLinearWeights(List<DeepLinearWeights> branches) {
        if (branches == null || branches.isEmpty()) {
            throw new InvalidInputException("branches", branches == null ? null : 0, "at least one branch");
        }
        int[] widths = branches.get(0).widths();
        if (widths[widths.length - 2] != 1) {
            throw new InvalidInputException("branches[0]", Arrays.toString(widths),
                    "widths whose last hidden width m_{L-1} is 1");
        }
        for (int j = 1; j < branches.size(); j++) {
            int[] wj = branches.get(j).widths();
            if (!Arrays.equals(widths, wj)) {
                throw new MatrixDimensionException("branches[" + j + "]", Arrays.toString(wj),
                        "the widths of branch 0, " + Arrays.toString(widths));
            }
        }
        this.branches = List.copyOf(branches);
    }

    /** Number of branches {@code m}. */
    public int branchCount() {
        return branches.size();
    }

    /** Depth {@code L} of every branch. */
    public int depth() {
        return branches.get(0).depth();
    }

    /** Branch {@code j}, {@code 0 <= j < m} (immutable). */
    public DeepLinearWeights branch(int j) {
        return branches.get(j);
    }

    /** All branches (immutable). */
    public List<DeepLinearWeights> branches() {
        return branches;
    }

    /** Widths {@code d, m_1, ..., m_{L-2}, 1, c} of every branch. */
    public int[] widths() {
        return branches.get(0).widths();
    }

    /** The end-to-end matrix {@code sum_j W_{1,j} ... W_{L,j}} ({@code d x c}). */
    public DMatrixRMaj product() {
        DMatrixRMaj sum = null;
        for (DeepLinearWeights b : branches) {
            DMatrixRMaj p = b.product();
            sum = sum == null ? p : addInto(sum, p);
        }
        return sum;
    }

    /** Predictions {@code sum_j X W_{1,j} ... W_{L,j}} for samples {@code x} ({@code n x d}). */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        if (x.numCols != widths()[0]) {
            throw new MatrixDimensionException("x", Matrices.shape(x), widths()[0] + " columns");
        }
        return Linalg.get().mult(x, product());
    }

    private static DMatrixRMaj addInto(DMatrixRMaj a, DMatrixRMaj b) {
        for (int i = 0; i < a.getNumElements(); i++) {
            a.data[i] += b.data[i];
        }
        return a;
    }
}

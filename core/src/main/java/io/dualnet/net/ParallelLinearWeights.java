package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights of a parallel deep linear network, (4) of Wang, Ergen, Pilanci (ICLR 2023) with linear activation:
 * {@code f(X) = sum_j X W_{1,j} W_{2,j} ... W_{L,j}}. Rows are samples; layer {@code l} of branch {@code j} is
 * {@code m_{l-1,j} x m_{l,j}} with {@code m_0 = d}, {@code m_L = c} and, as in the paper, {@code m_{L-1,j} = 1}: every
 * branch is a scalar-output network followed by an output row {@code w_{L,j}^T} ({@code 1 x c}).
 *
 * <p>An immutable value: the matrices are copied in and out.
 */
public final class ParallelLinearWeights {
    private final List<List<DMatrixRMaj>> branches;
    private final int depth;

    /**
     * @param branches at least one branch; every branch has the same depth {@code L >= 2}, chained shapes, the same
     *     input dimension {@code d} and output dimension {@code c}, and a last layer with one row; copied
     * @throws InvalidInputException naming the offending branch and layer
     */
    public ParallelLinearWeights(List<List<DMatrixRMaj>> branches) {
        if (branches.isEmpty()) {
            throw new InvalidInputException("branches", 0, "at least one branch");
        }
        this.depth = branches.get(0).size();
        InvalidInputException.requireAtLeast("depth of branch 0", depth, 2);
        DMatrixRMaj first = branches.get(0).get(0);
        DMatrixRMaj last = branches.get(0).get(depth - 1);
        List<List<DMatrixRMaj>> copy = new ArrayList<>(branches.size());
        for (int j = 0; j < branches.size(); j++) {
            List<DMatrixRMaj> b = branches.get(j);
            if (b.size() != depth) {
                throw new InvalidInputException("depth of branch " + j, b.size(), "the depth of branch 0, " + depth);
            }
            List<DMatrixRMaj> layers = new ArrayList<>(depth);
            for (int l = 0; l < depth; l++) {
                DMatrixRMaj w = b.get(l);
                String name = "W_{" + (l + 1) + "," + j + "}";
                Matrices.requireFinite(name, w);
                if (l == 0 && w.numRows != first.numRows) {
                    throw new MatrixDimensionException(name, Matrices.shape(w), first.numRows + " rows (the input d)");
                }
                if (l > 0 && b.get(l - 1).numCols != w.numRows) {
                    throw new MatrixDimensionException(name, Matrices.shape(w),
                            b.get(l - 1).numCols + " rows to follow " + Matrices.shape(b.get(l - 1)));
                }
                if (l == depth - 1 && (w.numRows != 1 || w.numCols != last.numCols)) {
                    throw new MatrixDimensionException(name, Matrices.shape(w), "1x" + last.numCols
                            + " (m_{L-1} = 1 and the output dimension c of branch 0)");
                }
                layers.add(w.copy());
            }
            copy.add(List.copyOf(layers));
        }
        this.branches = List.copyOf(copy);
    }

    /**
     * The parallel network whose branch {@code j} is {@code branches.get(j)}; every branch's last hidden width must be 1.
     */
    public static ParallelLinearWeights ofBranches(List<DeepLinearWeights> branches) {
        if (branches == null || branches.isEmpty()) {
            throw new InvalidInputException("branches", branches == null ? null : 0, "at least one branch");
        }
        List<List<DMatrixRMaj>> layers = new ArrayList<>(branches.size());
        for (DeepLinearWeights b : branches) {
            layers.add(b.layers());
        }
        return new ParallelLinearWeights(layers);
    }

    /** Branch {@code j} ({@code 0 <= j < m}) as a standalone deep linear network. */
    public DeepLinearWeights branch(int j) {
        return new DeepLinearWeights(branches.get(j));
    }

    /** All branches as standalone deep linear networks. */
    public List<DeepLinearWeights> branches() {
        List<DeepLinearWeights> out = new ArrayList<>(branches.size());
        for (int j = 0; j < branches.size(); j++) {
            out.add(branch(j));
        }
        return List.copyOf(out);
    }

    /** Widths {@code d, m_1, ..., m_{L-1} = 1, c} of branch 0. */
    public int[] widths() {
        return branch(0).widths();
    }

    /** Depth {@code L} of every branch. */
    public int depth() {
        return depth;
    }

    /** Number of branches {@code m}. */
    public int branchCount() {
        return branches.size();
    }

    /** Layer {@code l} ({@code 1 <= l <= L}) of branch {@code j} ({@code 0 <= j < m}), a copy. */
    public DMatrixRMaj layer(int j, int l) {
        return branches.get(j).get(l - 1).copy();
    }

    /** Input dimension {@code d}. */
    public int inputDimension() {
        return branches.get(0).get(0).numRows;
    }

    /** Output dimension {@code c}. */
    public int outputDimension() {
        return branches.get(0).get(depth - 1).numCols;
    }

    /** The end-to-end matrix {@code sum_j W_{1,j} ... W_{L,j}} ({@code d x c}). */
    public DMatrixRMaj product() {
        DMatrixRMaj sum = new DMatrixRMaj(inputDimension(), outputDimension());
        for (List<DMatrixRMaj> b : branches) {
            DMatrixRMaj p = b.get(0);
            for (int l = 1; l < depth; l++) {
                p = Linalg.get().mult(p, b.get(l));
            }
            CommonOps_DDRM.addEquals(sum, p);
        }
        return sum;
    }

    /** Predictions {@code sum_j X W_{1,j} ... W_{L,j}} for {@code x} ({@code n x d}, not modified). */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        if (x.numCols != inputDimension()) {
            throw new MatrixDimensionException("x", Matrices.shape(x), inputDimension() + " columns");
        }
        return Linalg.get().mult(x, product());
    }

    /** Weight-decay objective of (12): {@code 1/2 sum_j sum_l ||W_{l,j}||_F^2} (with the factor 1/2). */
    public double weightDecayObjective() {
        double s = 0;
        for (List<DMatrixRMaj> b : branches) {
            for (DMatrixRMaj w : b) {
                s += Matrices.frobeniusSquared(w);
            }
        }
        return 0.5 * s;
    }

    /** Objective of (14): {@code (1/L) sum_j sum_l ||W_{l,j}||_F^L}. */
    public double powerObjective() {
        double s = 0;
        for (List<DMatrixRMaj> b : branches) {
            for (DMatrixRMaj w : b) {
                s += Math.pow(Math.sqrt(Matrices.frobeniusSquared(w)), depth);
            }
        }
        return s / depth;
    }
}

package io.dualnet.closedform;

import io.dualnet.net.ParallelLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Parallel deep linear networks whose branch {@code i} realizes the rank-one term {@code sigma_i u_i v_i^T} of a thin
 * SVD, with hidden widths 1. Arguments are not modified.
 */
final class ParallelBranches {
    private ParallelBranches() {
    }

    /**
     * Branch {@code i} has layer norms {@code a_1(i), ..., a_L(i)}: {@code W_1 = a_1 u_i} ({@code d x 1}),
     * {@code W_l = [a_l]} ({@code 1 x 1}), {@code W_L = a_L v_i^T} ({@code 1 x c}); the caller makes the product of
     * the {@code a_l(i)} equal {@code sigma_i}.
     *
     * @param scales {@code scales[i][l-1] = a_l(i)}
     */
    static ParallelLinearWeights of(DMatrixRMaj u, DMatrixRMaj v, double[][] scales) {
        int depth = scales.length == 0 ? 2 : scales[0].length;
        List<List<DMatrixRMaj>> branches = new ArrayList<>();
        for (int i = 0; i < scales.length; i++) {
            List<DMatrixRMaj> layers = new ArrayList<>(depth);
            DMatrixRMaj w1 = new DMatrixRMaj(u.numRows, 1);
            for (int k = 0; k < u.numRows; k++) {
                w1.data[k] = scales[i][0] * u.unsafe_get(k, i);
            }
            layers.add(w1);
            for (int l = 2; l <= depth - 1; l++) {
                layers.add(new DMatrixRMaj(new double[][] {{scales[i][l - 1]}}));
            }
            DMatrixRMaj wl = new DMatrixRMaj(1, v.numRows);
            for (int k = 0; k < v.numRows; k++) {
                wl.data[k] = scales[i][depth - 1] * v.unsafe_get(k, i);
            }
            layers.add(wl);
            branches.add(layers);
        }
        return new ParallelLinearWeights(branches);
    }

    /** One zero branch of the given shape. */
    static ParallelLinearWeights zero(int d, int c, int depth) {
        List<DMatrixRMaj> layers = new ArrayList<>(depth);
        layers.add(new DMatrixRMaj(d, 1));
        for (int l = 2; l <= depth - 1; l++) {
            layers.add(new DMatrixRMaj(1, 1));
        }
        layers.add(new DMatrixRMaj(1, c));
        return new ParallelLinearWeights(List.of(layers));
    }

    /** Every layer of branch {@code i} has norm {@code sigma_i^{1/L}}. */
    static ParallelLinearWeights balanced(LinearTarget target, int depth) {
        int r = target.rank();
        if (r == 0) {
            return zero(target.u().numRows, target.v().numRows, depth);
        }
        double[][] scales = new double[r][depth];
        for (int i = 0; i < r; i++) {
            java.util.Arrays.fill(scales[i], Math.pow(target.sigma()[i], 1.0 / depth));
        }
        return of(target.u(), target.v(), scales);
    }
}

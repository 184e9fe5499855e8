package io.dualnet.closedform;

import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Layer matrices built from a thin SVD {@code W = U diag(s) V^T} ({@code U} is {@code d x r}, {@code V} is
 * {@code c x r}) with the intermediate bases {@code U_l} = the first {@code r} columns of {@code I_{m_l}}, so that
 * {@code U_{l-1} D U_l^T} is {@code D} padded with zeros. Arguments are not modified.
 */
final class BalancedLayers {
    private BalancedLayers() {
    }

    /** {@code U diag(a)} padded to {@code d x m_1}. */
    static DMatrixRMaj first(DMatrixRMaj u, double[] a, int m1) {
        return Matrices.padded(Matrices.scaleColumns(u, a), u.numRows, m1);
    }

    /** {@code diag(a)} padded to {@code rows x cols}. */
    static DMatrixRMaj middle(double[] a, int rows, int cols) {
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < a.length; i++) {
            out.unsafe_set(i, i, a[i]);
        }
        return out;
    }

    /** {@code diag(a) V^T} padded to {@code m_{L-1} x c}. */
    static DMatrixRMaj last(double[] a, DMatrixRMaj v, int rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows, v.numRows);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < v.numRows; j++) {
                out.unsafe_set(i, j, a[i] * v.unsafe_get(j, i));
            }
        }
        return out;
    }

    /**
     * Proposition 2 / eq (8) of Wang, Ergen, Pilanci: {@code W_l = U_{l-1} diag(s)^{1/L} U_l^T}, so that
     * {@code W_1 ... W_L = U diag(s) V^T} and {@code 1/2 sum_l ||W_l||_F^2 = (L/2) sum_i s_i^{2/L}}.
     *
     * @param hidden widths {@code m_1..m_{L-1}}, each at least {@code s.length}
     */
    static DeepLinearWeights propositionTwo(DMatrixRMaj u, double[] s, DMatrixRMaj v, int[] hidden) {
        int depth = hidden.length + 1;
        double[] root = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            root[i] = Math.pow(s[i], 1.0 / depth);
        }
        List<DMatrixRMaj> layers = new ArrayList<>(depth);
        layers.add(first(u, root, hidden[0]));
        for (int l = 2; l <= depth - 1; l++) {
            layers.add(middle(root, hidden[l - 2], hidden[l - 1]));
        }
        layers.add(last(root, v, hidden[depth - 2]));
        return new DeepLinearWeights(layers);
    }
}

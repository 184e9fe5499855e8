package io.dualnet.net;

import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.PseudoInverse;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Balanced factorization of a target prediction matrix into deep linear weights (Zhang et al., Theorem 2, in the
 * row convention): for {@code Z = U diag(t) V^T} with {@code k = len(t) <= d_min} and {@code range(U)} inside
 * {@code range(X)},
 *
 * <pre>
 *   W_1 = [X^+ U diag(t)^{1/H}, 0]                 (d_0 x d_1)
 *   W_l = [diag(t)^{1/H}, 0; 0, 0]   2 <= l <= H-1  (d_{l-1} x d_l)
 *   W_H = [diag(t)^{1/H} V^T; 0]                    (d_{H-1} x d_H; the paper's W_H is its transpose,
 *                                                    d_H x d_{H-1}, not d_H x d_{H-2} as printed)
 * </pre>
 *
 * so that {@code X W_1 ... W_H = Z} and every term of the regularizer of (4) equals {@code sum_i t_i}: the
 * factorization attains {@code ||Z||_*} in Lemma 4's variational form.
 */
public final class DeepLinearFactorization {
    private DeepLinearFactorization() {
    }

    /**
     * Builds the weights for {@code problem}'s shapes. No argument is modified.
     *
     * @param problem gives {@code X}, the depth and the widths
     * @param pinv the pseudo-inverse of {@code problem.x()}
     * @param u {@code n x k} with orthonormal columns in range(X)
     * @param t the {@code k} non-negative singular values of the target
     * @param v {@code d_H x k} with orthonormal columns
     */
    public static DeepLinearWeights balanced(DeepLinearProblem problem, PseudoInverse pinv, DMatrixRMaj u,
                                             double[] t, DMatrixRMaj v) {
        int k = t.length;
        if (k > problem.dMin()) {
            throw new MatrixDimensionException("t", "rank-" + k + " target", "rank <= d_min = " + problem.dMin());
        }
        int h = problem.depth();
        int[] d = problem.widths();
        double[] root = new double[k];
        for (int i = 0; i < k; i++) {
            root[i] = t[i] <= 0 ? 0 : Math.pow(t[i], 1.0 / h);
        }
        List<DMatrixRMaj> layers = new ArrayList<>(h);
        DMatrixRMaj uk = Matrices.leadingColumns(u, k);
        layers.add(Matrices.padded(Matrices.scaleColumns(pinv.solve(uk), root), d[0], d[1]));
        for (int l = 2; l <= h - 1; l++) {
            DMatrixRMaj mid = new DMatrixRMaj(d[l - 1], d[l]);
            for (int i = 0; i < k; i++) {
                mid.unsafe_set(i, i, root[i]);
            }
            layers.add(mid);
        }
        DMatrixRMaj vkT = new DMatrixRMaj(k, v.numRows);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < v.numRows; j++) {
                vkT.unsafe_set(i, j, root[i] * v.unsafe_get(j, i));
            }
        }
        layers.add(Matrices.padded(vkT, d[h - 1], d[h]));
        return new DeepLinearWeights(layers);
    }
}

package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix.
 *
 * <p>{@code U} is {@code m x k}, {@code V} is {@code n x k} with orthonormal columns, {@code s} holds the
 * {@code k = min(m, n)} singular values in non-increasing order. The arrays and matrices are owned by the record:
 * callers must not modify them.
 *
 * @param u left singular vectors, {@code m x k}
 * @param s singular values, non-increasing, length {@code k}
 * @param v right singular vectors, {@code n x k}
 */
public record Svd(DMatrixRMaj u, double[] s, DMatrixRMaj v) {

    /** Number of singular values greater than {@code tol}. */
    public int rank(double tol) {
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        return r;
    }

    /** The default numerical rank tolerance {@code max(m, n) * eps * s_max}, as in LAPACK and NumPy. */
    public double defaultTolerance() {
        double smax = s.length == 0 ? 0 : s[0];
        return Math.max(u.numRows, v.numRows) * Math.ulp(1.0) * smax;
    }

    /** Numerical rank with {@link #defaultTolerance()}. */
    public int rank() {
        return rank(defaultTolerance());
    }
}

package io.dualnet.linalg;

/**
 * Cholesky factorization and solves for small dense symmetric positive definite systems held as {@code double[][]}
 * (Newton and active-set steps of a few dozen unknowns), without the overhead of matrix objects. A pivot that rounding
 * makes non-positive is replaced by a tiny positive one instead of failing.
 */
public final class SmallCholesky {
    private SmallCholesky() {
    }

    /** Overwrites the lower triangle of {@code a} with its Cholesky factor {@code L} ({@code a = L L^T}). */
    public static void factor(double[][] a) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int l = 0; l < j; l++) {
                    s -= a[i][l] * a[j][l];
                }
                if (i == j) {
                    a[i][i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    a[i][j] = s / a[j][j];
                }
            }
        }
    }

    /** Solves {@code L L^T x = b} with a factor from {@link #factor}; {@code b} is not modified. */
    public static double[] solveFactored(double[][] l, double[] b) {
        int m = b.length;
        double[] z = b.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                z[i] -= l[i][j] * z[j];
            }
            z[i] /= l[i][i];
        }
        for (int i = m - 1; i >= 0; i--) {
            for (int j = i + 1; j < m; j++) {
                z[i] -= l[j][i] * z[j];
            }
            z[i] /= l[i][i];
        }
        return z;
    }

    /** Solves {@code a x = b}, overwriting {@code a} with its factor. */
    public static double[] solve(double[][] a, double[] b) {
        factor(a);
        return solveFactored(a, b);
    }
}

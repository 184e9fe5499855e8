package io.dualnet.solve;

import io.dualnet.convex.PatternOperator;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

/**
 * The dense {@code n x n} system shared by the second-order routes of the gated-ReLU program (paper 002 Appendix A;
 * spec §1.3), {@link GatedInteriorPoint} and {@link GatedPrimalDual}. When every block {@code j} of
 * {@code A = [D_1 X, ..., D_P X]} carries a weight matrix {@code M_j = b_j^2 I + z_j z_j^T} (a scaled identity plus a
 * rank-one term), {@code A M A^T} is {@code (X X^T) o (B B^T) + Z Z^T} with {@code B = [D_j 1 b_j]} and
 * {@code Z = [D_j X z_j]} ({@code o}: Hadamard), so
 *
 * <pre>
 *   C = I + diag(s) (A M A^T) diag(s)
 * </pre>
 *
 * is formed by two {@code n x n x P} SYRKs, a Hadamard product with the fixed kernel {@code X X^T}, and factored by
 * Cholesky (native BLAS/LAPACK above the routing threshold). Holds two {@code n x n} and one {@code n x P} arrays;
 * mutable, not thread-safe. Also the masked products and column reductions both routes use.
 */
final class GatedSystem {
    final PatternOperator op;
    final int n;
    final int d;
    final int p;
    private final DMatrixRMaj kernel;
    private final DMatrixRMaj system;
    private final DMatrixRMaj scales;

    GatedSystem(PatternOperator op) {
        this(op, Linalg.get().syrkLowerInto(op.x(), 1, 0, new DMatrixRMaj(op.x().numRows, op.x().numRows)),
                new DMatrixRMaj(op.x().numRows, op.x().numRows));
    }

    /**
     * A system over {@code op}'s patterns with another kernel in place of {@code X X^T} (lower triangle, {@code n x n},
     * not modified) and {@code storage} ({@code n x n}, overwritten) for {@code C}: {@link ConeAdmm} shares both
     * between its working sets.
     */
    GatedSystem(PatternOperator op, DMatrixRMaj kernel, DMatrixRMaj storage) {
        this.op = op;
        DMatrixRMaj x = op.x();
        this.n = x.numRows;
        this.d = x.numCols;
        this.p = op.patterns().count();
        this.kernel = kernel;
        this.system = storage;
        this.scales = new DMatrixRMaj(n, p);
    }

    /** Bytes of the work arrays: two {@code n x n}, {@code nP} extra per {@code n x P} array the caller holds. */
    static double bytes(int n, int p, int d, int callerArrays) {
        return 8.0 * (2.0 * n * n + (1.0 + callerArrays) * n * p + (double) d * p);
    }

    /**
     * Forms and factors {@code C} (lower triangle) for block scales {@code b} ({@code P} entries), the masked
     * products {@code Z = [D_j X z_j]} ({@code n x P}, not modified; {@code null}: no rank-one terms) and row scales
     * {@code s} ({@code null}: ones);
     * false when Cholesky fails (not positive definite in floating point, or NaN).
     */
    boolean factor(double[] b, DMatrixRMaj z, double[] s) {
        double[] data = scales.data;
        for (int k = 0; k < n; k++) {
            int row = k * p;
            for (int j = 0; j < p; j++) {
                data[row + j] = op.active(k, j) ? b[j] : 0;
            }
        }
        Linalg linalg = Linalg.get();
        linalg.syrkLowerInto(scales, 1, 0, system);
        double[] c = system.data;
        double[] kd = kernel.data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int l = 0; l <= i; l++) {
                c[row + l] *= kd[row + l];
            }
        }
        if (z != null) {
            linalg.syrkLowerInto(z, 1, 1, system);
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            if (s != null) {
                double si = s[i];
                for (int l = 0; l <= i; l++) {
                    c[row + l] *= si * s[l];
                }
            }
            c[row + i] += 1;
        }
        return linalg.choleskyInPlace(system);
    }

    /** {@code v <- C^{-1} v} with the last factorization. */
    void solveInPlace(double[] v) {
        Linalg.get().choleskySolveInPlace(system, v);
    }

    /** Zeroes the entries of {@code z} ({@code n x P}) outside the patterns, in place. */
    void maskColumns(DMatrixRMaj z) {
        for (int k = 0; k < n; k++) {
            int row = k * p;
            for (int j = 0; j < p; j++) {
                if (!op.active(k, j)) {
                    z.data[row + j] = 0;
                }
            }
        }
    }

    /** Row sums of {@code z} ({@code n x P}) into {@code out}. */
    void rowSums(DMatrixRMaj z, double[] out) {
        for (int k = 0; k < n; k++) {
            double sum = 0;
            int row = k * p;
            for (int j = 0; j < p; j++) {
                sum += z.data[row + j];
            }
            out[k] = sum;
        }
    }

    /** Column dot products of two {@code d x P} matrices. */
    double[] columnDots(DMatrixRMaj a, DMatrixRMaj b) {
        return ConeScaling.columnDots(a, b);
    }
}

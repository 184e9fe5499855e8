package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The Moore-Penrose pseudo-inverse {@code X^+} of a fixed {@code n x d} matrix {@code X}, kept in factored form
 * {@code X^+ = V_r diag(1/sigma) U_r^T} from a thin SVD truncated at the numerical rank {@code r}.
 *
 * <p>Gives the orthogonal projector onto the column space of {@code X}, {@code P_X = X X^+ = U_r U_r^T}, and
 * products {@code X^+ M}, without forming {@code X^+}. The identity matrix is recognized and costs nothing.
 */
public final class PseudoInverse {
    private final int rows;
    private final int cols;
    private final boolean identity;
    private final DMatrixRMaj u;
    private final double[] s;
    private final DMatrixRMaj v;

    private PseudoInverse(int rows, int cols, boolean identity, DMatrixRMaj u, double[] s, DMatrixRMaj v) {
        this.rows = rows;
        this.cols = cols;
        this.identity = identity;
        this.u = u;
        this.s = s;
        this.v = v;
    }

    /** Factors {@code x} (not modified) with the default rank tolerance {@code max(n,d) eps sigma_max}. */
    public static PseudoInverse of(DMatrixRMaj x) {
        if (Matrices.isIdentity(x)) {
            return new PseudoInverse(x.numRows, x.numCols, true, null, null, null);
        }
        Svd svd = Linalg.get().svd(x);
        int r = svd.rank();
        double[] sr = new double[r];
        System.arraycopy(svd.s(), 0, sr, 0, r);
        return new PseudoInverse(x.numRows, x.numCols, false, Matrices.leadingColumns(svd.u(), r), sr,
                Matrices.leadingColumns(svd.v(), r));
    }

    /** Numerical rank of {@code X}. */
    public int rank() {
        return identity ? rows : s.length;
    }

    /** True when {@code X} is the identity (then projections and products are copies). */
    public boolean isIdentity() {
        return identity;
    }

    /** {@code P_X M = X X^+ M}, the projection of the columns of {@code m} ({@code n x c}) onto range(X). */
    public DMatrixRMaj project(DMatrixRMaj m) {
        requireRows("m", m, rows);
        if (identity) {
            return m.copy();
        }
        LinearAlgebra la = Linalg.get();
        return la.mult(u, la.multTransA(u, m));
    }

    /** {@code X^+ M} ({@code d x c}) for {@code m} of shape {@code n x c}. */
    public DMatrixRMaj solve(DMatrixRMaj m) {
        requireRows("m", m, rows);
        if (identity) {
            return m.copy();
        }
        LinearAlgebra la = Linalg.get();
        DMatrixRMaj utm = la.multTransA(u, m);
        double[] inv = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            inv[i] = 1.0 / s[i];
        }
        return la.mult(v, Matrices.scaleRows(inv, utm));
    }

    /** {@code ||M - P_X M||_F}: how far the columns of {@code m} are from range(X). */
    public double distanceFromRange(DMatrixRMaj m) {
        return identity ? 0 : Matrices.distance(m, project(m));
    }

    private static void requireRows(String parameter, DMatrixRMaj m, int n) {
        if (m.numRows != n) {
            throw new MatrixDimensionException(parameter, Matrices.shape(m), n + " rows (the rows of X)");
        }
    }

    /** Number of columns {@code d} of {@code X}. */
    public int cols() {
        return cols;
    }
}

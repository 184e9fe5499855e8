package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * The whitening transform of paper 003 §4 (Thm 4.3, footnote 8) as a right multiplier, so that training and test
 * points are treated alike (spec §3.5, Fig 4):
 *
 * <pre>
 *   M = (X^T X)^{+1/2} = V S^{-1} V^T      (X = U S V^T, thin SVD on the numerical rank r),
 *   X_w = X M = U V^T,                       hence  X_w X_w^T = U U^T = I_n  when rank X = n <= d,
 * </pre>
 *
 * and a test point {@code x} (a row) maps to {@code x M}. On the training set {@code X M = (X X^T)^{-1/2} X}.
 *
 * <p><b>Which identity is right.</b> Paper 003 writes {@code X X^T = I_n} in Thm 4.3 and {@code X^T X = I_n} in
 * Thm 4.4. Only {@code X X^T = I_n} (orthonormal <em>rows</em>, {@code n <= d}) is consistent with the closed form:
 * the first layer must reproduce the label parts, {@code X (X^T u) = u} for every {@code u in R^n}, which needs
 * {@code X X^T = I_n}; with {@code X^T X = I_d} ({@code n >= d}) {@code X X^T} is only a projection of rank {@code d}
 * and the construction misses every label component outside the column space of {@code X}. Both deviations are
 * measured by {@link #rowDeviation} and {@link #columnDeviation} (Frobenius norms).
 */
public final class Whitening {
    /** Relative singular-value cut-off for the numerical rank of the training matrix. */
    public static final double RANK_RTOL = 1e-10;

    private final DMatrixRMaj m;
    private final int rank;
    private final int samples;

    private Whitening(DMatrixRMaj m, int rank, int samples) {
        this.m = m;
        this.rank = rank;
        this.samples = samples;
    }

    /**
     * Fits {@code M} on training inputs {@code x} ({@code n x d}, rows are samples).
     *
     * @throws InvalidInputException naming {@code x} if it is empty, not finite, or has rank {@code < n} (then no
     *     right multiplier makes {@code X M} have orthonormal rows; the message gives the rank)
     */
    public static Whitening fit(DMatrixRMaj x) {
        Matrices.requireNonEmpty("x", Matrices.requireFinite("x", x));
        Svd svd = Linalg.get().svd(x);
        double tol = RANK_RTOL * (svd.s().length == 0 ? 0 : svd.s()[0]);
        int r = svd.rank(tol);
        if (r < x.numRows) {
            throw new InvalidInputException("x", Matrices.shape(x) + " of numerical rank " + r,
                    "n linearly independent rows (rank n <= d) so that X M M^T X^T = I_n can hold");
        }
        int d = x.numCols;
        DMatrixRMaj v = svd.v();
        DMatrixRMaj scaled = new DMatrixRMaj(d, r);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < r; k++) {
                scaled.set(i, k, v.get(i, k) / svd.s()[k]);
            }
        }
        DMatrixRMaj vr = Matrices.leadingColumns(v, r);
        return new Whitening(Linalg.get().mult(scaled, false, vr, true), r, x.numRows);
    }

    /** {@code X M}: whitened rows (training or test points). */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        if (x.numCols != m.numRows) {
            throw new MatrixDimensionException("x", Matrices.shape(x), "n x " + m.numRows);
        }
        return Linalg.get().mult(x, false, m, false);
    }

    /** A copy of {@code M} ({@code d x d}, symmetric positive semidefinite). */
    public DMatrixRMaj multiplier() {
        return m.copy();
    }

    /** Numerical rank of the training matrix (= its number of samples). */
    public int rank() {
        return rank;
    }

    /** Number of training samples {@code n}. */
    public int samples() {
        return samples;
    }

    /**
     * {@code ||X X^T - I_n||_F}: how far the rows of {@code x} are from orthonormal (0 for whitened data). The
     * Frobenius norm bounds the spectral norm from above, so {@code ||X||_2^2 <= 1 + rowDeviation}; one GEMM,
     * {@code O(n^2 d)}.
     */
    public static double rowDeviation(DMatrixRMaj x) {
        return identityDeviation(Linalg.get().mult(x, false, x, true));
    }

    /** {@code ||X^T X - I_d||_F}: how far the columns of {@code x} are from orthonormal. */
    public static double columnDeviation(DMatrixRMaj x) {
        return identityDeviation(Linalg.get().mult(x, true, x, false));
    }

    private static double identityDeviation(DMatrixRMaj g) {
        double s = 0;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < g.numCols; j++) {
                double v = g.get(i, j) - (i == j ? 1 : 0);
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }
}

package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense operations whose cost dominates DualNet's solvers. Implementations never modify their arguments and
 * always return new matrices.
 */
public interface LinearAlgebra {

    /** Name of the backend, for reports and benchmarks. */
    String name();

    /** Thin SVD of {@code a} ({@code m x n}): {@code U} is {@code m x k}, {@code V} is {@code n x k}, {@code k = min(m,n)}. */
    Svd svd(DMatrixRMaj a);

    /** Singular values only, non-increasing. */
    double[] singularValues(DMatrixRMaj a);

    /** Eigen-decomposition of the symmetric matrix {@code a}; only its lower triangle is read. */
    SymmetricEigen eigSymmetric(DMatrixRMaj a);

    /** {@code op(a) * op(b)} where {@code op} transposes when the flag is set. */
    DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB);

    /**
     * {@code op(a) * op(b)} written into {@code c}, which must already have the product's shape and alias neither
     * argument; only {@code c} is modified. Lets iterative solvers reuse one large buffer instead of allocating a new
     * matrix per product. The default copies the result of {@link #mult(DMatrixRMaj, boolean, DMatrixRMaj, boolean)}.
     *
     * @return {@code c}
     */
    default DMatrixRMaj multInto(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        checkInto(a, transA, b, transB, c);
        DMatrixRMaj r = mult(a, transA, b, transB);
        System.arraycopy(r.data, 0, c.data, 0, r.getNumElements());
        return c;
    }

    /**
     * The lower triangle of {@code c <- alpha a a^T + gamma c} ({@code a} is {@code n x k}, {@code c} is
     * {@code n x n}); the strict upper triangle of {@code c} is left unspecified. Only {@code c} is modified.
     *
     * @return {@code c}
     */
    default DMatrixRMaj syrkLowerInto(DMatrixRMaj a, double alpha, double gamma, DMatrixRMaj c) {
        checkSyrk(a, c);
        DMatrixRMaj r = mult(a, false, a, true);
        for (int i = 0; i < c.getNumElements(); i++) {
            c.data[i] = alpha * r.data[i] + (gamma == 0 ? 0 : gamma * c.data[i]);
        }
        return c;
    }

    /**
     * Cholesky factorization in place: on success the lower triangle of {@code a} holds {@code L} with
     * {@code a = L L^T} (only the lower triangle of {@code a} is read). Modifies {@code a}.
     *
     * @return false when {@code a} is not (numerically) positive definite or has a NaN; {@code a} is then
     *         unspecified
     */
    default boolean choleskyInPlace(DMatrixRMaj a) {
        checkSquare(a);
        int n = a.numRows;
        double[] d = a.data;
        for (int j = 0; j < n; j++) {
            double s = d[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= d[j * n + k] * d[j * n + k];
            }
            if (!(s > 0)) {
                return false;
            }
            double l = Math.sqrt(s);
            d[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double v = d[i * n + j];
                for (int k = 0; k < j; k++) {
                    v -= d[i * n + k] * d[j * n + k];
                }
                d[i * n + j] = v / l;
            }
        }
        return true;
    }

    /**
     * Solves {@code L L^T x = b} in place of {@code b}, with {@code L} the lower triangle of {@code factor} from
     * {@link #choleskyInPlace}. Modifies {@code b} only.
     */
    default void choleskySolveInPlace(DMatrixRMaj factor, double[] b) {
        checkSquare(factor);
        int n = factor.numRows;
        if (b.length != n) {
            throw new MatrixDimensionException("b", b.length + " entries", n + " entries");
        }
        CholeskySweeps.solve(factor.data, n, b);
    }

    /** Throws {@link MatrixDimensionException} unless {@code a} is square. */
    static void checkSquare(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new MatrixDimensionException("a", a.numRows + "x" + a.numCols, "a square matrix");
        }
    }

    /** Throws {@link MatrixDimensionException} unless {@code c} is {@code n x n} for {@code a} with {@code n} rows. */
    static void checkSyrk(DMatrixRMaj a, DMatrixRMaj c) {
        if (c.numRows != a.numRows || c.numCols != a.numRows) {
            throw new MatrixDimensionException("c", c.numRows + "x" + c.numCols,
                    a.numRows + "x" + a.numRows + " (rows of a squared)");
        }
        if (c.data == a.data) {
            throw new MatrixDimensionException("c", c.numRows + "x" + c.numCols, "a matrix that does not alias a");
        }
    }

    /** {@code a * b}. */
    default DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        return mult(a, false, b, false);
    }

    /** {@code a^T * b}. */
    default DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        return mult(a, true, b, false);
    }

    /** {@code a * b^T}. */
    default DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        return mult(a, false, b, true);
    }

    /**
     * Throws {@link MatrixDimensionException} unless {@code op(a) * op(b)} is defined, has the shape of {@code c} and
     * {@code c} shares no array with {@code a} or {@code b}.
     */
    static void checkInto(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        checkMult(a, transA, b, transB);
        int m = transA ? a.numCols : a.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (c.numRows != m || c.numCols != n) {
            throw new MatrixDimensionException("c", c.numRows + "x" + c.numCols, "the product's shape " + m + "x" + n);
        }
        if (c.data == a.data || c.data == b.data) {
            throw new MatrixDimensionException("c", c.numRows + "x" + c.numCols, "a matrix that aliases neither factor");
        }
    }

    /** Throws {@link MatrixDimensionException} unless {@code op(a) * op(b)} is defined. */
    static void checkMult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        int inner = transA ? a.numRows : a.numCols;
        int innerB = transB ? b.numCols : b.numRows;
        if (inner != innerB) {
            throw new MatrixDimensionException("b", (transB ? "transposed " : "") + b.numRows + "x" + b.numCols,
                    "inner dimension " + inner + " to match " + (transA ? "transposed " : "") + a.numRows + "x"
                            + a.numCols);
        }
    }
}

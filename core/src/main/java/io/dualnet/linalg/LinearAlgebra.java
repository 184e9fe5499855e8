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

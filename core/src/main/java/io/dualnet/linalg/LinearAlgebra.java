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

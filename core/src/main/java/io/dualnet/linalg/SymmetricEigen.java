package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * An eigen-decomposition {@code A = Q diag(values) Q^T} of a symmetric {@code n x n} matrix, eigenvalues in
 * non-increasing order. Owned by the record: callers must not modify the arrays.
 *
 * @param values eigenvalues, non-increasing
 * @param vectors orthonormal eigenvectors as columns, in the order of {@code values}
 */
public record SymmetricEigen(double[] values, DMatrixRMaj vectors) {
}

package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers of the linear algebra tests: seeded matrices and tolerance checks. None modifies its arguments. */
final class LinalgTestSupport {

    private LinalgTestSupport() {
    }

    /** Asserts {@code |actual - expected| <= atol + rtol * |expected|}, naming {@code what} on failure. */
    static void assertClose(String what, double actual, double expected, double atol, double rtol) {
        double bound = atol + rtol * Math.abs(expected);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s, bound %s", what, actual, expected, bound)
                .isLessThanOrEqualTo(bound);
    }

    /** Entrywise {@link #assertClose} of two vectors of equal length. */
    static void assertClose(String what, double[] actual, double[] expected, double atol, double rtol) {
        assertThat(actual).as("%s: length", what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", actual[i], expected[i], atol, rtol);
        }
    }

    /** Entrywise {@link #assertClose} of two matrices of equal shape. */
    static void assertClose(String what, DMatrixRMaj actual, DMatrixRMaj expected, double atol, double rtol) {
        assertThat(Matrices.shape(actual)).as("%s: shape", what).isEqualTo(Matrices.shape(expected));
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                assertClose(what + "[" + i + "," + j + "]", actual.get(i, j), expected.get(i, j), atol, rtol);
            }
        }
    }

    /** Asserts {@code |Q^T Q - I|} is at most {@code atol} entrywise. */
    static void assertOrthonormalColumns(String what, DMatrixRMaj q, double atol) {
        DMatrixRMaj gram = new DMatrixRMaj(q.numCols, q.numCols);
        CommonOps_DDRM.multTransA(q, q, gram);
        assertClose(what + "^T " + what, gram, CommonOps_DDRM.identity(q.numCols), atol, 0);
    }

    /** A seeded {@code rows x cols} standard Gaussian matrix. */
    static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        return Matrices.gaussian(rows, cols, 1.0, new Random(seed));
    }

    /** A seeded {@code rows x cols} matrix of rank {@code rank} (a product of two Gaussian factors). */
    static DMatrixRMaj lowRank(int rows, int cols, int rank, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj left = Matrices.gaussian(rows, rank, 1.0, rng);
        DMatrixRMaj right = Matrices.gaussian(rank, cols, 1.0, rng);
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.mult(left, right, out);
        return out;
    }

    /** {@code a^T a}: symmetric positive semi-definite, of the rank of {@code a}. */
    static DMatrixRMaj gram(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numCols, a.numCols);
        CommonOps_DDRM.multTransA(a, a, out);
        return out;
    }

    /** {@code (b + b^T) / 2} for a seeded Gaussian {@code n x n} matrix {@code b}: symmetric and indefinite. */
    static DMatrixRMaj symmetricIndefinite(int n, long seed) {
        DMatrixRMaj b = gaussian(n, n, seed);
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.add(0.5, b, 0.5, CommonOps_DDRM.transpose(b, null), out);
        return out;
    }

    /** A copy of {@code a} whose backing array is longer than {@code rows * cols} (filled with NaN beyond it). */
    static DMatrixRMaj withOversizedData(DMatrixRMaj a) {
        int size = a.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, size + 7);
        Arrays.fill(out.data, Double.NaN);
        System.arraycopy(a.data, 0, out.data, 0, size);
        out.reshape(a.numRows, a.numCols, false);
        assertThat(out.data.length).as("backing array length").isGreaterThan(size);
        return out;
    }

    /** {@code |op(a)| * |op(b)|}: the componentwise scale of rounding errors in {@code op(a) * op(b)}. */
    static DMatrixRMaj absProduct(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        DMatrixRMaj absA = a.copy();
        DMatrixRMaj absB = b.copy();
        CommonOps_DDRM.abs(absA);
        CommonOps_DDRM.abs(absB);
        return EjmlLinearAlgebra.INSTANCE.mult(absA, transA, absB, transB);
    }

    /** Largest absolute value of {@code values}, or 0 when empty. */
    static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** {@code q diag(values) q^T}. */
    static DMatrixRMaj composeEigen(SymmetricEigen eig) {
        DMatrixRMaj q = eig.vectors();
        DMatrixRMaj scaled = Matrices.scaleColumns(q, eig.values());
        return EjmlLinearAlgebra.INSTANCE.multTransB(scaled, q);
    }

    /** {@code u diag(s) v^T}. */
    static DMatrixRMaj composeSvd(Svd svd) {
        DMatrixRMaj scaled = Matrices.scaleColumns(svd.u(), svd.s());
        return EjmlLinearAlgebra.INSTANCE.multTransB(scaled, svd.v());
    }
}

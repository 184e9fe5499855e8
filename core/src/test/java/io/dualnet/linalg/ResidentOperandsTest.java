package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static io.dualnet.linalg.LinalgTestSupport.assertClose;
import static io.dualnet.linalg.LinalgTestSupport.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Products with a kept native copy of the left operand ({@link Linalg#keepResident}) against EJML's, and the copy's
 * lifetime rules: it is taken at every {@code keep}, and only large matrices are kept.
 */
class ResidentOperandsTest {
    /** Accuracy of a product, relative to the sum of absolute terms (as in the cross-backend test). */
    private static final double GEMM_RTOL = 1e-12;
    /** Rows and columns of a matrix just large enough to be kept. */
    private static final int ROWS = 4096;
    private static final int COLS = (int) (ResidentOperands.MIN_ENTRIES / ROWS);

    private static void assumeNative() {
        Assumptions.assumeTrue(Linalg.nativeBackend() != null, "native backend unavailable on this machine");
    }

    private static DMatrixRMaj product(DMatrixRMaj a, boolean transA, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(transA ? a.numCols : a.numRows, b.numCols);
        return Linalg.get().multInto(a, transA, b, false, c);
    }

    private static DMatrixRMaj reference(DMatrixRMaj a, boolean transA, DMatrixRMaj b) {
        return EjmlLinearAlgebra.INSTANCE.mult(a, transA, b, false);
    }

    @Test
    void productsWithAKeptMatrixMatchEjmlInBothOrientations() {
        assumeNative();
        DMatrixRMaj x = gaussian(ROWS, COLS, 1);
        Linalg.get().keepResident(x);
        assertThat(ResidentOperands.kept(x.data, (long) ROWS * COLS)).isTrue();
        for (int columns : new int[] {1, 3, 32}) {
            DMatrixRMaj right = gaussian(COLS, columns, 10 + columns);
            DMatrixRMaj left = gaussian(ROWS, columns, 20 + columns);
            assertClose("X v, " + columns + " columns", product(x, false, right), reference(x, false, right),
                    0, GEMM_RTOL * COLS);
            assertClose("X^T v, " + columns + " columns", product(x, true, left), reference(x, true, left),
                    0, GEMM_RTOL * ROWS);
        }
    }

    @Test
    void aChangedMatrixKeptAgainIsMultipliedWithItsNewEntries() {
        assumeNative();
        DMatrixRMaj x = gaussian(ROWS, COLS, 2);
        DMatrixRMaj v = gaussian(COLS, 2, 3);
        Linalg.get().keepResident(x);
        DMatrixRMaj before = product(x, false, v);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = -2 * x.data[i];
        }
        Linalg.get().keepResident(x);
        DMatrixRMaj after = product(x, false, v);
        for (int i = 0; i < before.data.length; i++) {
            assertClose("entry " + i + " after the change", after.data[i], -2 * before.data[i], 0, GEMM_RTOL * COLS);
        }
    }

    @Test
    void smallMatricesAreNotKept() {
        DMatrixRMaj small = gaussian(100, 20, 4);
        Linalg.get().keepResident(small);
        assertThat(ResidentOperands.kept(small.data, 100 * 20)).isFalse();
        DMatrixRMaj v = gaussian(20, 2, 5);
        assertClose("small product", product(small, false, v), reference(small, false, v), 0, GEMM_RTOL * 20);
    }
}

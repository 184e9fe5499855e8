package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static io.dualnet.linalg.LinalgTestSupport.absProduct;
import static io.dualnet.linalg.LinalgTestSupport.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single-precision products against EJML's double ones: within float rounding of the sum of absolute terms, and
 * measurably not in double (so that a silent fallback would be seen); small or unwanted ones are the double products.
 */
class SinglePrecisionProductsTest {
    /** Error of a float product relative to the sum of absolute terms (float epsilon 6e-8 times a few). */
    private static final double FLOAT_RTOL = 1e-6;
    /** Error above which a product was certainly not taken in double. */
    private static final double NOT_DOUBLE = 1e-10;
    /** Accuracy of a double product, relative to the sum of absolute terms. */
    private static final double DOUBLE_RTOL = 1e-12;
    private static final int ROWS = 4096;
    private static final int COLS = (int) (SinglePrecisionProducts.MIN_ENTRIES / ROWS);

    /** The largest error of {@code c} against the double product, over the sum of absolute terms. */
    private static double relativeError(DMatrixRMaj a, boolean transA, DMatrixRMaj b, DMatrixRMaj c) {
        DMatrixRMaj exact = EjmlLinearAlgebra.INSTANCE.mult(a, transA, b, false);
        DMatrixRMaj scale = absProduct(a, transA, b, false);
        double worst = 0;
        for (int i = 0; i < c.data.length; i++) {
            worst = Math.max(worst, Math.abs(c.data[i] - exact.data[i]) / scale.data[i]);
        }
        return worst;
    }

    @Test
    void largeProductsAreFloatRoundedInBothOrientations() {
        Assumptions.assumeTrue(Linalg.nativeBackend() != null, "native backend unavailable on this machine");
        DMatrixRMaj x = gaussian(ROWS, COLS, 1);
        SinglePrecisionProducts products = SinglePrecisionProducts.of(x, true);
        assertThat(products.single()).isTrue();
        for (int columns : new int[] {1, 7, 32}) {
            DMatrixRMaj right = gaussian(COLS, columns, 10 + columns);
            DMatrixRMaj left = gaussian(ROWS, columns, 20 + columns);
            double forward = relativeError(x, false, right,
                    products.multInto(false, right, new DMatrixRMaj(ROWS, columns)));
            double adjoint = relativeError(x, true, left,
                    products.multInto(true, left, new DMatrixRMaj(COLS, columns)));
            assertThat(forward).as("X v, %d columns", columns).isLessThan(FLOAT_RTOL).isGreaterThan(NOT_DOUBLE);
            assertThat(adjoint).as("X^T v, %d columns", columns).isLessThan(FLOAT_RTOL).isGreaterThan(NOT_DOUBLE);
        }
    }

    @Test
    void smallOrUnwantedProductsAreTheDoubleOnes() {
        DMatrixRMaj small = gaussian(50, 20, 3);
        DMatrixRMaj large = gaussian(ROWS, COLS, 4);
        SinglePrecisionProducts tiny = SinglePrecisionProducts.of(small, true);
        SinglePrecisionProducts unwanted = SinglePrecisionProducts.of(large, false);
        assertThat(tiny.single()).isFalse();
        assertThat(unwanted.single()).isFalse();
        DMatrixRMaj b = gaussian(20, 3, 5);
        assertThat(relativeError(small, false, b, tiny.multInto(false, b, new DMatrixRMaj(50, 3))))
                .isLessThan(DOUBLE_RTOL);
        DMatrixRMaj c = gaussian(ROWS, 3, 6);
        assertThat(relativeError(large, true, c, unwanted.multInto(true, c, new DMatrixRMaj(COLS, 3))))
                .isLessThan(DOUBLE_RTOL);
    }

    @Test
    void mismatchedShapesAreNamed() {
        SinglePrecisionProducts products = SinglePrecisionProducts.of(gaussian(6, 4, 7), true);
        assertThatThrownBy(() -> products.multInto(false, new DMatrixRMaj(5, 2), new DMatrixRMaj(6, 2)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("b").hasMessageContaining("4 rows");
        assertThatThrownBy(() -> products.multInto(true, new DMatrixRMaj(6, 2), new DMatrixRMaj(6, 2)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("c").hasMessageContaining("4x2");
    }
}

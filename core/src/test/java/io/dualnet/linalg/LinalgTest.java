package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.dualnet.linalg.LinalgTestSupport.absProduct;
import static io.dualnet.linalg.LinalgTestSupport.assertClose;
import static io.dualnet.linalg.LinalgTestSupport.gaussian;
import static io.dualnet.linalg.LinalgTestSupport.maxAbs;
import static io.dualnet.linalg.LinalgTestSupport.symmetricIndefinite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing of {@link Linalg}: the same results on either side of the native threshold, and shape validation. */
class LinalgTest {

    /** Decomposition accuracy, relative to the largest singular value / eigenvalue. */
    private static final double DECOMPOSITION_RTOL = 1e-10;
    /** GEMM accuracy, relative to {@code |A| |B|} entrywise. */
    private static final double GEMM_RTOL = 1e-12;

    private static final Linalg LINALG = Linalg.get();
    private static final EjmlLinearAlgebra EJML = EjmlLinearAlgebra.INSTANCE;

    @Test
    void theDefaultThresholdIsUsedAndTheNameMentionsEjml() {
        assertThat(LINALG.nativeThreshold()).isEqualTo(
                Integer.getInteger("dualnet.native.threshold", Linalg.DEFAULT_THRESHOLD));
        assertThat(LINALG.name()).contains("ejml");
    }

    /** Sizes on both sides of the default threshold of 16 (and exactly at it), and well above it. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 15, 16, 63, 64, 100})
    void resultsMatchTheReferenceBelowAndAboveTheThreshold(int n) {
        DMatrixRMaj a = gaussian(n + 5, n, 100L + n);
        DMatrixRMaj b = gaussian(n, n + 2, 200L + n);
        DMatrixRMaj sym = symmetricIndefinite(n, 300L + n);

        double[] s = EJML.singularValues(a);
        assertClose("svd", LINALG.svd(a).s(), s, DECOMPOSITION_RTOL * s[0], 0);
        assertClose("singularValues", LINALG.singularValues(a), s, DECOMPOSITION_RTOL * s[0], 0);

        double[] lambda = EJML.eigSymmetric(sym).values();
        assertClose("eigSymmetric", LINALG.eigSymmetric(sym).values(), lambda, DECOMPOSITION_RTOL * maxAbs(lambda),
                0);

        DMatrixRMaj expected = EJML.mult(a, b);
        DMatrixRMaj actual = LINALG.mult(a, b);
        DMatrixRMaj scale = absProduct(a, false, b, false);
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                assertClose("mult[" + i + "," + j + "]", actual.get(i, j), expected.get(i, j),
                        GEMM_RTOL * scale.get(i, j), 0);
            }
        }
    }

    /** Bad shapes below (4) and above (100) the threshold name both operands' shapes. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {4, 100})
    void badShapesThrowMatrixDimensionExceptionNamingBothShapes(int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, n + 1);
        DMatrixRMaj b = new DMatrixRMaj(n + 2, n + 3);
        String shapeA = n + "x" + (n + 1);
        String shapeB = (n + 2) + "x" + (n + 3);

        assertThatThrownBy(() -> LINALG.mult(a, b))
                .isInstanceOf(MatrixDimensionException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(shapeA)
                .hasMessageContaining(shapeB);
        assertThatThrownBy(() -> LINALG.multTransA(a, b))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining(shapeA)
                .hasMessageContaining(shapeB);
        assertThatThrownBy(() -> LINALG.multTransB(a, b))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining(shapeA)
                .hasMessageContaining(shapeB);
        assertThatThrownBy(() -> LINALG.eigSymmetric(a))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining(shapeA);
    }
}

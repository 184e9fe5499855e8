package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native Cholesky factorization on both sides of {@link NativeLinearAlgebra#IN_PLACE_ORDER} (row-major through
 * LAPACKE below it, the column-major upper factorization of the same memory from it on): the factor solves the
 * system to rounding, and the strict upper triangle is left as it was.
 */
class NativeCholeskyTest {
    /** Residual of a solve, relative to {@code ||A|| ||x|| + ||b||} (max norms). */
    private static final double SOLVE_RTOL = 1e-12;

    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {NativeLinearAlgebra.IN_PLACE_ORDER - 1, NativeLinearAlgebra.IN_PLACE_ORDER})
    void theFactorSolvesTheSystemAndTheUpperTriangleIsUntouched(int n) {
        LinearAlgebra nat = Linalg.nativeBackend();
        Assumptions.assumeTrue(nat != null, "native backend unavailable on this machine");
        Random rng = new Random(n);
        DMatrixRMaj g = Matrices.gaussian(n, 40, 1.0, rng);
        DMatrixRMaj a = nat.syrkLowerInto(g, 1, 0, new DMatrixRMaj(n, n));
        for (int i = 0; i < n; i++) {
            a.data[i * n + i] += 1;
            for (int j = i + 1; j < n; j++) {
                a.data[i * n + j] = 1e6 + j; // marks: must survive the factorization
            }
        }
        DMatrixRMaj factor = a.copy();
        assertThat(nat.choleskyInPlace(factor)).as("positive definite").isTrue();
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] x = b.clone();
        nat.choleskySolveInPlace(factor, x);
        double residual = 0;
        double scale = 0;
        double xMax = 0;
        for (double v : x) {
            xMax = Math.max(xMax, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                double entry = k <= i ? a.data[i * n + k] : a.data[k * n + i];
                s += entry * x[k];
                scale = Math.max(scale, Math.abs(entry));
            }
            residual = Math.max(residual, Math.abs(s - b[i]));
        }
        double bMax = 0;
        for (double v : b) {
            bMax = Math.max(bMax, Math.abs(v));
        }
        assertThat(residual).isLessThanOrEqualTo(SOLVE_RTOL * (scale * xMax * n + bMax));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (factor.data[i * n + j] != 1e6 + j) {
                    throw new AssertionError("upper entry (" + i + ", " + j + ") changed to " + factor.data[i * n + j]);
                }
            }
        }
    }
}
